//! Scenario pages: a list, a start page per scenario, one page per node and
//! one per choice (its feedback and a Continue link), so every scenario plays
//! with plain links and no JavaScript. The start page also carries the whole
//! scenario as JSON for the in-page player (`assets/scenario.js`). The
//! facilitator edition adds a map and role-play cards per scenario.
//!
//! Paths: `scenarios/index.html`, `scenarios/<id>/index.html`,
//! `scenarios/<id>/<node>.html`, `scenarios/<id>/<node>/choice-<n>.html`,
//! `trainer/scenarios/<id>.html`, `trainer/cards/<id>.html`.

use std::collections::BTreeMap;

use minijinja::{Value, context};
use rayon::prelude::*;
use serde::Serialize;

use crate::compile::Lookups;
use crate::load::scenario::{Node, Scenario};
use crate::load::yaml::Spanned;
use crate::render::{Pages, RenderError, scenario_map};
use crate::ui::{Key, key};

/// A choice as pages and the player see it.
#[derive(Debug, Serialize)]
struct ChoiceView<'a> {
    n: usize,
    label: &'a str,
    goto: &'a str,
    /// Feedback HTML for pages two folders deep (start and node pages, the player).
    feedback: String,
    competencies: BTreeMap<&'a str, i32>,
}

/// A node as pages and the player see it.
#[derive(Debug, Serialize)]
struct NodeView<'a> {
    id: &'a str,
    content_note: Option<&'a str>,
    speaker: Option<&'a str>,
    text: String,
    ending: Option<&'static str>,
    escalates: bool,
    debrief: Option<String>,
    choices: Vec<ChoiceView<'a>>,
}

/// The JSON the in-page player reads.
#[derive(Debug, Serialize)]
struct PlayerData<'a> {
    id: &'a str,
    course: &'a str,
    start: &'a str,
    nodes: BTreeMap<&'a str, &'a NodeView<'a>>,
    competencies: BTreeMap<&'a str, &'a str>,
    ui: BTreeMap<&'static str, &'a str>,
}

const PLAYER_UI: &[Key] = &[
    key!("choices_heading"),
    key!("you_chose"),
    key!("feedback"),
    key!("continue"),
    key!("back"),
    key!("restart"),
    key!("debrief"),
    key!("your_path"),
    key!("practised"),
    key!("ending_positive"),
    key!("ending_mixed"),
    key!("ending_negative"),
    key!("narrator"),
    key!("endings_found"),
    key!("content_note"),
    key!("resume"),
    key!("resume_note"),
];

/// Renders every scenario page for `edition`.
pub(crate) fn render(pages: &Pages<'_>) -> Result<(), RenderError> {
    let project = pages.site.project;
    if project.scenarios.is_empty() {
        return Ok(());
    }
    let ui = &project.config.ui;
    let fields = Fields {
        pages,
        lookups: Lookups::new(project),
    };
    pages.page(
        "scenarios.html",
        "scenarios/index.html",
        "../",
        context! { page => context! { kind => "scenarios", title => ui.get(key!("scenarios")) } },
    )?;
    project
        .scenarios
        .par_iter()
        .try_for_each(|s| render_one(&fields, pages, s))
}

/// A scenario's Markdown fields as HTML (through the theme's body partial)
/// for a page `root` away from the site root.
struct Fields<'a> {
    pages: &'a Pages<'a>,
    lookups: Lookups<'a>,
}

impl Fields<'_> {
    fn html(&self, field: &Spanned<String>, root: &str) -> Result<String, RenderError> {
        let rendered = crate::compile::scenario_text::render(&self.lookups, field, root, false);
        self.pages.body_html(&rendered.body, root)
    }

    fn notes(&self, field: &Spanned<String>) -> Result<String, RenderError> {
        let rendered = crate::compile::scenario_text::render(&self.lookups, field, "../../", true);
        self.pages.body_html(&rendered.body, "../../")
    }
}

fn node_view<'a>(fields: &Fields<'_>, node: &'a Node) -> Result<NodeView<'a>, RenderError> {
    Ok(NodeView {
        id: &node.id,
        content_note: node.content_note.as_deref(),
        speaker: node.speaker.as_deref(),
        text: fields.html(&node.text, "../../")?,
        ending: node.ending.map(|e| e.name()),
        escalates: node.escalates,
        debrief: node
            .debrief
            .as_ref()
            .map(|d| fields.html(d, "../../"))
            .transpose()?,
        choices: node
            .choices
            .iter()
            .enumerate()
            .map(|(i, c)| {
                Ok(ChoiceView {
                    n: i + 1,
                    label: &c.label,
                    goto: &c.goto.value,
                    feedback: c
                        .feedback
                        .as_ref()
                        .map(|f| fields.html(f, "../../"))
                        .transpose()?
                        .unwrap_or_default(),
                    competencies: c
                        .competencies
                        .iter()
                        .map(|(k, v)| (k.as_str(), *v))
                        .collect(),
                })
            })
            .collect::<Result<_, RenderError>>()?,
    })
}

/// The scenario's map, drawn for a wide page and for a phone.
fn maps(fields: &Fields<'_>, s: &Scenario) -> [scenario_map::MapView; 2] {
    let labels: Vec<String> = s
        .nodes
        .iter()
        .map(|node| {
            let rendered =
                crate::compile::scenario_text::render(&fields.lookups, &node.text, "../../", false);
            let words: Vec<&str> = rendered
                .sections
                .iter()
                .flat_map(|section| [section.title.as_str(), section.text.as_str()])
                .collect();
            scenario_map::label(node, &words.join(" "))
        })
        .collect();
    [scenario_map::WIDE, scenario_map::NARROW]
        .map(|variant| scenario_map::view(s, &labels, variant))
}

fn render_one(fields: &Fields<'_>, pages: &Pages<'_>, s: &Scenario) -> Result<(), RenderError> {
    let (project, edition) = (pages.site.project, pages.site.edition);
    let config = &project.config;
    let nodes: Vec<NodeView<'_>> = s
        .nodes
        .iter()
        .map(|n| node_view(fields, n))
        .collect::<Result<_, _>>()?;
    let view = crate::render::views::scenarios(config, std::slice::from_ref(s)).remove(0);
    let scenario = Value::from_serialize(&view);
    let notes = s
        .facilitator_notes
        .as_ref()
        .filter(|_| edition.shows_facilitator_content())
        .map(|n| fields.notes(n).map(Value::from_safe_string))
        .transpose()?;
    let player = PlayerData {
        id: &s.id,
        course: &config.id,
        start: &s.start,
        nodes: nodes.iter().map(|n| (n.id, n)).collect(),
        competencies: config
            .competencies
            .iter()
            .map(|c| (c.id.as_str(), c.title.as_str()))
            .collect(),
        ui: PLAYER_UI
            .iter()
            .map(|k| (k.name(), config.ui.get(*k)))
            .collect(),
    };
    let json = crate::render::script_json(&player);
    let page_title = |extra: &str| format!("{extra} — {}", s.title);
    pages.page(
        "scenario-start.html",
        &format!("scenarios/{}/index.html", s.id),
        "../../",
        context! {
            page => context! { kind => "scenario-start", title => s.title.as_str() },
            scenario => scenario.clone(),
            start => s.start.as_str(),
            player_data => Value::from_safe_string(json),
            notes => notes.clone(),
        },
    )?;
    for node in &nodes {
        let title = match node.ending {
            Some(_) => page_title(config.ui.get(key!("ending"))),
            None => s.title.clone(),
        };
        pages.page(
            "scenario-node.html",
            &format!("scenarios/{}/{}.html", s.id, node.id),
            "../../",
            context! {
                page => context! { kind => "scenario-node", title => title },
                scenario => scenario.clone(),
                node => Value::from_serialize(node),
            },
        )?;
    }
    for (node, raw) in nodes.iter().zip(&s.nodes) {
        for (choice, raw_choice) in node.choices.iter().zip(&raw.choices) {
            let feedback = raw_choice
                .feedback
                .as_ref()
                .map(|f| fields.html(f, "../../../"))
                .transpose()?
                .unwrap_or_default();
            pages.page(
                "scenario-choice.html",
                &format!("scenarios/{}/{}/choice-{}.html", s.id, node.id, choice.n),
                "../../../",
                context! {
                    page => context! { kind => "scenario-choice", title => page_title(config.ui.get(key!("feedback"))) },
                    scenario => scenario.clone(),
                    node => context! { id => node.id, speaker => node.speaker },
                    choice => context! { n => choice.n, label => choice.label, goto => choice.goto },
                    feedback => Value::from_safe_string(feedback),
                },
            )?;
        }
    }
    if edition.shows_facilitator_content() {
        let ending_counts = s.nodes.iter().filter(|n| n.ending.is_some()).count();
        pages.page(
            "trainer/scenario.html",
            &format!("trainer/scenarios/{}.html", s.id),
            "../../",
            context! {
                page => context! { kind => "trainer-scenario", title => page_title(config.ui.get(key!("scenario_map"))) },
                scenario => scenario.clone(),
                start => s.start.as_str(),
                nodes => Value::from_serialize(&nodes),
                maps => Value::from_serialize(maps(fields, s)),
                notes => notes,
                endings => ending_counts,
            },
        )?;
        pages.page(
            "trainer/cards.html",
            &format!("trainer/cards/{}.html", s.id),
            "../../",
            context! {
                page => context! { kind => "trainer-cards", title => page_title(config.ui.get(key!("roleplay_cards"))) },
                scenario => scenario,
                roleplay => Value::from_serialize(&s.roleplay),
                nodes => Value::from_serialize(&nodes),
            },
        )?;
    }
    Ok(())
}
