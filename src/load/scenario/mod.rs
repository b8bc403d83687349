//! Branching role-play scenarios: one YAML file per scenario in `scenarios/`.
//!
//! Input: the scenario files. Output: validated [`Scenario`]s (nodes in file
//! order, every position kept for messages, variables filled in plain-text
//! fields) and diagnostics for every problem: unknown fields, bad ids,
//! undeclared competencies, unknown variables, and the graph rules in
//! [`graph`] (unknown `goto`, unreachable nodes, trap loops, the safeguarding
//! rule). Markdown fields are rendered later, per page, by the render stage.

pub(crate) mod graph;
pub(crate) mod scores;
mod translated;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::load::plain_text::Filler;
use crate::load::profiles::Audience;
use crate::load::translation;
use crate::load::yaml::{self, OrderedMap, Spanned};
use crate::slug;
use crate::source::SourceFile;
use translated::compare_with_original;

/// The most nodes one scenario may have (SPEC.md).
pub(crate) const MAX_NODES: usize = 500;
/// The most choices one node may have (SPEC.md).
pub(crate) const MAX_CHOICES: usize = 10;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    id: Option<Spanned<String>>,
    title: Spanned<String>,
    summary: Option<Spanned<String>>,
    content_note: Option<Spanned<String>>,
    #[serde(default)]
    competencies: Vec<Spanned<String>>,
    #[serde(default)]
    safeguarding: bool,
    start: Spanned<String>,
    facilitator_notes: Option<Spanned<String>>,
    roleplay: Option<RawRoleplay>,
    nodes: OrderedMap<RawNode>,
    profiles: Option<Vec<Spanned<String>>>,
    not_profiles: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    title: Option<Spanned<String>>,
    content_note: Option<Spanned<String>>,
    speaker: Option<Spanned<String>>,
    text: Spanned<String>,
    #[serde(default)]
    choices: Vec<RawChoice>,
    #[serde(default)]
    escalates: bool,
    ending: Option<Ending>,
    debrief: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    label: Spanned<String>,
    goto: Spanned<String>,
    feedback: Option<Spanned<String>>,
    #[serde(default)]
    competencies: OrderedMap<i32>,
}

/// How a scenario ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Ending {
    /// Good practice.
    Positive,
    /// Partly good practice.
    Mixed,
    /// Poor practice.
    Negative,
}

impl Ending {
    /// The lowercase name, as written in YAML.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Ending::Positive => "positive",
            Ending::Mixed => "mixed",
            Ending::Negative => "negative",
        }
    }
}

/// The role-play cards as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoleplay {
    mentor_brief: Option<Spanned<String>>,
    mentee_background: Option<Spanned<String>>,
    #[serde(default)]
    will_say: Vec<Spanned<String>>,
    #[serde(default)]
    will_not_say: Vec<Spanned<String>>,
    #[serde(default)]
    reacts_well_to: Vec<Spanned<String>>,
    #[serde(default)]
    reacts_badly_to: Vec<Spanned<String>>,
    #[serde(default)]
    observer_checklist: Vec<Spanned<String>>,
}

/// The role-play cards' content (facilitator edition), variables filled in.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Roleplay {
    /// The mentor's card.
    pub(crate) mentor_brief: String,
    /// The mentee's card: who they are.
    pub(crate) mentee_background: String,
    /// What the mentee says if asked well.
    pub(crate) will_say: Vec<String>,
    /// What they hold back unless they feel safe.
    pub(crate) will_not_say: Vec<String>,
    /// Responses that help.
    pub(crate) reacts_well_to: Vec<String>,
    /// Responses that shut them down.
    pub(crate) reacts_badly_to: Vec<String>,
    /// What the observer watches for.
    pub(crate) observer_checklist: Vec<String>,
}

impl RawRoleplay {
    fn fill(&self, fill: &Filler<'_>, out: &mut Diagnostics) -> Roleplay {
        let text = |f: &Option<Spanned<String>>, out: &mut Diagnostics| {
            fill.optional(f.as_ref(), out).unwrap_or_default()
        };
        Roleplay {
            mentor_brief: text(&self.mentor_brief, out),
            mentee_background: text(&self.mentee_background, out),
            will_say: fill.list(&self.will_say, out),
            will_not_say: fill.list(&self.will_not_say, out),
            reacts_well_to: fill.list(&self.reacts_well_to, out),
            reacts_badly_to: fill.list(&self.reacts_badly_to, out),
            observer_checklist: fill.list(&self.observer_checklist, out),
        }
    }
}

/// One choice at a node.
#[derive(Debug, Clone)]
pub(crate) struct Choice {
    /// What the mentor says or does.
    pub(crate) label: String,
    /// The node it leads to.
    pub(crate) goto: Spanned<String>,
    /// Markdown: why it is or is not good practice.
    pub(crate) feedback: Option<Spanned<String>>,
    /// Practice signals per competency id.
    pub(crate) competencies: Vec<(String, i32)>,
}

/// One step of a scenario.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Its id (a file name).
    pub(crate) id: String,
    /// Where the id is written.
    pub(crate) at: Spanned<String>,
    /// A short title for the scenario map (plain text, variables filled in);
    /// the map uses the first words of `text` without one.
    pub(crate) title: Option<String>,
    /// Shown before the node's text, wherever it is shown (plain text,
    /// variables filled in): what this step mentions that the scenario's
    /// own note does not.
    pub(crate) content_note: Option<String>,
    /// Who speaks; narration when absent.
    pub(crate) speaker: Option<String>,
    /// Markdown.
    pub(crate) text: Spanned<String>,
    /// The choices (none at an ending).
    pub(crate) choices: Vec<Choice>,
    /// Whether the concern is passed to the DSL or supervisor here.
    pub(crate) escalates: bool,
    /// Set on endings.
    pub(crate) ending: Option<Ending>,
    /// Markdown: what good practice looked like.
    pub(crate) debrief: Option<Spanned<String>>,
}

/// A validated scenario.
#[derive(Debug, Clone)]
pub(crate) struct Scenario {
    /// Its id (folder name in the site).
    pub(crate) id: String,
    /// The file.
    pub(crate) source: SourceFile,
    /// Title.
    pub(crate) title: String,
    /// One sentence.
    pub(crate) summary: Option<String>,
    /// Shown before it starts.
    pub(crate) content_note: Option<String>,
    /// Competency ids.
    pub(crate) competencies: Vec<String>,
    /// Whether the safeguarding rule applies.
    pub(crate) safeguarding: bool,
    /// The first node.
    pub(crate) start: String,
    /// Markdown for the facilitator edition.
    pub(crate) facilitator_notes: Option<Spanned<String>>,
    /// Role-play cards.
    pub(crate) roleplay: Option<Roleplay>,
    /// Nodes in file order.
    pub(crate) nodes: Vec<Node>,
    /// Which profiles build it.
    pub(crate) audience: Audience,
    /// Built from the original in a translation profile with no translated file.
    pub(crate) untranslated: bool,
}

impl Scenario {
    /// The node with this id.
    pub(crate) fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// Index of each node id.
    pub(crate) fn index(&self) -> HashMap<&str, usize> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect()
    }
}

/// The scenarios of a project, and the ids of those that could not be read.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    /// The scenarios read, sorted by file name.
    pub(crate) scenarios: Vec<Scenario>,
    /// The ids (file names, and `id:` when it could be read) of scenario
    /// files with errors that stopped them loading: a module embedding one
    /// is not told again that no such scenario exists.
    pub(crate) unreadable: HashSet<String>,
}

/// The `id:` of a scenario file that did not load, if that much can be read.
#[derive(Deserialize)]
struct IdOnly {
    id: Option<String>,
}

/// Loads every `scenarios/*.yaml` of the project, pushing every problem found.
pub(crate) fn load_all(root: &Path, config: &Config, out: &mut Diagnostics) -> Loaded {
    let dir = root.join("scenarios");
    if !dir.is_dir() {
        return Loaded::default();
    }
    let mut files: Vec<String> = walkdir::WalkDir::new(&dir)
        .max_depth(1)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() || e.path_is_symlink())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect();
    files.sort();
    // A translated file is read in place of its original, not as a scenario of its own.
    let suffixes = translation::suffixes(config);
    let names = files.clone();
    files.retain(|n| translation::original_of(n, &suffixes).is_none_or(|o| !names.contains(&o)));
    let language = translation::active(config);
    let mut scenarios: Vec<Scenario> = Vec::new();
    let mut unreadable = HashSet::new();
    for name in files {
        let original = Path::new("scenarios").join(&name);
        let translated = language
            .as_ref()
            .and_then(|l| translation::translated(root, &original, l));
        let relative = translated.clone().unwrap_or_else(|| original.clone());
        let stem = name.trim_end_matches(".yaml").trim_end_matches(".yml");
        let source = match crate::load::read::read_source(root, &relative) {
            Ok(s) => s,
            Err(d) => {
                out.push(d);
                unreadable.insert(stem.to_owned());
                continue;
            }
        };
        let written_id =
            serde_saphyr::from_str_with_options::<IdOnly>(&source.text, yaml::options())
                .ok()
                .and_then(|i| i.id);
        let Some(mut s) = load(stem, source, config, out) else {
            unreadable.insert(stem.to_owned());
            unreadable.extend(written_id);
            continue;
        };
        if !s.audience.includes(config.profile.as_deref()) {
            continue;
        }
        if let Some(language) = &language {
            match translated {
                Some(_) => compare_with_original(root, &original, stem, &s, config, out),
                None => {
                    s.untranslated = true;
                    out.push(translation::missing(&original, language));
                }
            }
        }
        if let Some(first) = scenarios.iter().find(|o| o.id == s.id) {
            out.push(
                Diagnostic::error(
                    Code::DuplicateSlug,
                    format!(
                        "scenario id \"{}\" is already used by {}",
                        s.id,
                        first.source.path.display()
                    ),
                )
                .in_file(&s.source.path)
                .with_help("give one of them a different `id:`"),
            );
            continue;
        }
        scenarios.push(s);
    }
    Loaded {
        scenarios,
        unreadable,
    }
}

/// Parses and validates one scenario file.
pub(crate) fn load(
    stem: &str,
    source: SourceFile,
    config: &Config,
    out: &mut Diagnostics,
) -> Option<Scenario> {
    // Every problem in the file is reported, but a scenario with a part
    // left out is not checked further: its graph would report what follows.
    let raw: RawScenario = yaml::parse_all(&source, &source.text, 0, out).complete()?;
    let id = match &raw.id {
        Some(id) => {
            check_id(&source, id, "scenario id", out);
            id.value.clone()
        }
        None => {
            if !slug::is_valid_id(stem) || slug::is_reserved(stem) {
                out.push(
                    Diagnostic::error(
                        Code::InvalidId,
                        format!("\"{stem}\" is not a usable scenario id"),
                    )
                    .in_file(&source.path)
                    .with_help(
                        "rename the file with lowercase letters, digits and dashes, or add `id:`",
                    ),
                );
            }
            stem.to_owned()
        }
    };
    let fill = Filler::new(config, &source, 0);
    let check_competency = |c: &Spanned<String>, out: &mut Diagnostics| {
        out.extend(config.check_competency(c, &source, 0));
    };
    for c in &raw.competencies {
        check_competency(c, out);
    }
    if raw.nodes.0.len() > MAX_NODES {
        out.push(
            Diagnostic::error(
                Code::ScenarioTooLarge,
                format!("{} nodes, over the limit of {MAX_NODES}", raw.nodes.0.len()),
            )
            .in_file(&source.path)
            .with_help("split it into smaller scenarios"),
        );
    }
    let mut nodes = Vec::new();
    for (key, node) in raw.nodes.0 {
        if !slug::is_valid_id(&key.value) {
            check_id(&source, &key, "node id", out);
        } else if key.value == "index" {
            out.push(
                yaml::locate_str(
                    Diagnostic::error(
                        Code::ReservedSlug,
                        "node id \"index\" is reserved for the scenario's start page",
                    ),
                    &source,
                    &key,
                    0,
                )
                .with_help("rename the node"),
            );
        }
        if node.choices.len() > MAX_CHOICES {
            out.push(yaml::locate_str(
                Diagnostic::error(
                    Code::ScenarioTooLarge,
                    format!(
                        "node \"{}\" has {} choices, over the limit of {MAX_CHOICES}",
                        key.value,
                        node.choices.len()
                    ),
                ),
                &source,
                &key,
                0,
            ));
        }
        let mut choices = Vec::new();
        for choice in node.choices {
            for (cid, _) in &choice.competencies.0 {
                check_competency(cid, out);
            }
            scores::check(&choice.label.value, &choice.competencies.0, &source, out);
            choices.push(Choice {
                label: fill.field(&choice.label, out),
                goto: choice.goto,
                feedback: choice.feedback,
                competencies: choice
                    .competencies
                    .0
                    .into_iter()
                    .map(|(k, v)| (k.value, v))
                    .collect(),
            });
        }
        nodes.push(Node {
            id: key.value.clone(),
            at: key,
            title: fill.optional(node.title.as_ref(), out),
            content_note: fill.optional(node.content_note.as_ref(), out),
            speaker: fill.optional(node.speaker.as_ref(), out),
            text: node.text,
            choices,
            escalates: node.escalates,
            ending: node.ending,
            debrief: node.debrief,
        });
    }
    if raw.safeguarding && raw.content_note.is_none() {
        out.push(
            yaml::locate_str(
                Diagnostic::warning(
                    Code::NoContentNote,
                    "a safeguarding scenario has no `content_note`",
                ),
                &source,
                &raw.title,
                0,
            )
            .with_help("add `content_note:` saying what it mentions, e.g. `Mentions self-harm.`"),
        );
    }
    let title = fill.field(&raw.title, out);
    let summary = fill.optional(raw.summary.as_ref(), out);
    let content_note = fill.optional(raw.content_note.as_ref(), out);
    let roleplay = raw.roleplay.as_ref().map(|r| r.fill(&fill, out));
    let audience = Audience {
        profiles: raw.profiles,
        not_profiles: raw.not_profiles,
    };
    audience.check(&config.profiles, &source, 0, out);
    let scenario = Scenario {
        id,
        title,
        summary,
        content_note,
        competencies: raw.competencies.into_iter().map(|c| c.value).collect(),
        safeguarding: raw.safeguarding,
        start: raw.start.value.clone(),
        facilitator_notes: raw.facilitator_notes,
        roleplay,
        nodes,
        audience,
        untranslated: false,
        source,
    };
    graph::check(&scenario, &raw.start, out);
    Some(scenario)
}

fn check_id(source: &SourceFile, id: &Spanned<String>, what: &str, out: &mut Diagnostics) {
    if !slug::is_valid_id(&id.value) || slug::is_reserved(&id.value) {
        out.push(
            yaml::locate_str(Diagnostic::error(Code::InvalidId, format!("\"{}\" is not a valid {what}", id.value)), source, id, 0)
                .with_help("use lowercase letters, digits and dashes, starting with a letter or digit (not a reserved page name)"),
        );
    }
}

#[cfg(test)]
mod tests;
