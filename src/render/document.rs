//! Printable documents made of several modules: the mentor workbook and the
//! facilitator's guide; and the answer keys.
//!
//! Input: the modules to include, in course order, and where the document
//! sits in the site. Output: one [`Section`] per module, its body compiled
//! for that document ([`Placement::Document`]: ids prefixed with
//! `<slug>--` so headings and footnotes of different modules cannot clash in
//! one page; links between the document's modules stay inside it) and shown
//! through the theme's partials laid out for paper (quizzes without answers,
//! reflections with ruled writing space).

use std::collections::HashSet;
use std::sync::Arc;

use minijinja::Value;
use minijinja::value::Enumerator;
use rayon::prelude::*;
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::compile::body::Body;
use crate::compile::body::QuestionView;
use crate::compile::markdown::Mode;
use crate::compile::quiz;
use crate::compile::{self, CompiledModule, Lookups, Placement, Where};
use crate::edition::{Edition, ModuleEdition};
use crate::load::Project;
use crate::load::module::Module;
use crate::render::Caches;
use crate::render::ahead::{self, Ahead};

/// How many sections' bodies are compiled at a time (in parallel), ahead
/// of the template that prints them.
const BATCH: usize = 128;

/// One module in a printable document.
#[derive(Debug)]
pub(crate) struct Section {
    /// What the document shows of the module beside its body (not its
    /// text: the workbook holds every module, and a copy of every text
    /// would double its memory).
    module: Heading,
    /// Its place in the document.
    index: usize,
    /// Where its body is compiled, when the template reads it.
    bodies: Arc<Ahead<Arc<CompiledModule>>>,
    /// The edition the document shows.
    edition: Edition,
}

/// What a section shows of its module beside the body.
#[derive(Debug)]
struct Heading {
    slug: String,
    title: String,
    summary: Option<String>,
    duration: Option<u32>,
    outcomes: Vec<String>,
}

impl Heading {
    fn of(m: &Module) -> Self {
        Self {
            slug: m.slug.clone(),
            title: m.title.clone(),
            summary: m.summary.clone(),
            duration: m.duration,
            outcomes: m.outcomes.clone(),
        }
    }
}

impl minijinja::value::Object for Section {
    /// What templates see: `slug`, `title`, `summary`, `duration`,
    /// `outcomes` and `body` (the body as the document's edition prints it).
    /// Each is made when a template reads it: a contents list that reads
    /// titles never makes the bodies, and each body is compiled (a batch
    /// ahead, [`crate::render::ahead`]) only for the time it is printed.
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let m = &self.module;
        Some(match key.as_str()? {
            "slug" => Value::from(m.slug.as_str()),
            "title" => Value::from(m.title.as_str()),
            "summary" => Value::from(m.summary.as_deref()),
            "duration" => Value::from(m.duration),
            "outcomes" => Value::from_serialize(&m.outcomes),
            "body" => {
                let compiled = self.bodies.take(self.index)?;
                Value::from_serialize(compiled.body().view(self.edition, true))
            }
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&["slug", "title", "summary", "duration", "outcomes", "body"])
    }
}

/// Runs `print` with `members` as the sections of one document at depth
/// `root` (`""` or `"../"`), shown as `edition` shows them. Their bodies
/// are compiled while `print` runs, as its templates read them.
pub(crate) fn with_sections<R>(
    project: &Project,
    members: &[&Module],
    edition: Edition,
    root: &str,
    cache: Option<Caches<'_>>,
    print: impl FnOnce(Vec<Section>) -> R,
) -> R {
    let cached = cache.map(|c| (c.bodies, compile::course_fingerprint(project)));
    let lookups = Lookups::new(project);
    let inside: HashSet<&str> = members.iter().map(|m| m.path.as_str()).collect();
    let members_key = crate::cache::hash_of(&members.iter().map(|m| &m.path).collect::<Vec<_>>());
    let placement = Placement::Document {
        root,
        members: &inside,
        members_key,
    };
    let compile = |range: std::ops::Range<usize>| {
        members[range]
            .par_iter()
            .map(|m| compile::compile_module_cached(project, &lookups, m, placement, cached).1)
            .collect()
    };
    ahead::scope(members.len(), BATCH, compile, |bodies| {
        print(
            members
                .iter()
                .enumerate()
                .map(|(index, m)| Section {
                    module: Heading::of(m),
                    index,
                    bodies: bodies.clone(),
                    edition,
                })
                .collect(),
        )
    })
}

/// The modules of the mentor workbook: every module both editions show.
pub(crate) fn workbook_modules(project: &Project) -> Vec<&Module> {
    project
        .modules
        .iter()
        .filter(|m| m.edition == ModuleEdition::All)
        .collect()
}

/// The modules of the facilitator's guide: the `edition: facilitator` modules.
pub(crate) fn guide_modules(project: &Project) -> Vec<&Module> {
    project
        .modules
        .iter()
        .filter(|m| m.edition == ModuleEdition::Facilitator)
        .collect()
}

/// One module's answer key (what `trainer/answers.html` lists).
#[derive(Debug, Serialize)]
pub(crate) struct AnswerKey {
    /// The module's slug.
    pub(crate) slug: String,
    /// Its title.
    pub(crate) title: String,
    /// Its quizzes, each a list of questions (`partials/answer-key.html`).
    pub(crate) quizzes: Vec<Vec<QuestionView>>,
    /// How many questions.
    pub(crate) questions: usize,
}

/// The answer keys of every module with a quiz, for a page at `trainer/`:
/// the questions' Markdown rendered for that page (links to headings lead
/// to the module's own page).
pub(crate) fn answer_keys<'a>(
    project: &'a Project,
    compiled: impl Iterator<Item = &'a CompiledModule>,
    edition: Edition,
) -> Vec<AnswerKey> {
    let lookups = Lookups::new(project);
    project
        .modules
        .iter()
        .zip(compiled)
        .filter(|(m, c)| m.edition.appears_in(edition) && !c.quizzes.is_empty())
        .map(|(m, c)| {
            let page = format!("../modules/{}", compile::module_file(&m.slug));
            let at = Where {
                prefix: compile::anchor_prefix(&m.slug),
                same_page: Some(page),
                ..Where::page("../")
            };
            let quizzes: Vec<Vec<QuestionView>> =
                lookups.with_context(&m.path, Mode::Module, true, &at, |ctx| {
                    c.quizzes
                        .iter()
                        .map(|z| quiz::view(z, &m.source, ctx).0)
                        .collect()
                });
            AnswerKey {
                slug: m.slug.clone(),
                title: m.title.clone(),
                questions: quizzes.iter().map(Vec::len).sum(),
                quizzes,
            }
        })
        .collect()
}

/// A scenario laid out for discussion on paper: the situation and the options.
#[derive(Debug)]
pub(crate) struct ScenarioSheet {
    /// Id.
    id: String,
    /// Title.
    title: String,
    /// Summary.
    summary: Option<String>,
    /// Content note.
    content_note: Option<String>,
    /// The first node's own content note.
    node_content_note: Option<String>,
    /// Who speaks first.
    speaker: Option<String>,
    /// The opening situation.
    text: Body,
    /// The options at the start.
    choices: Vec<String>,
}

impl Serialize for ScenarioSheet {
    /// What templates see: the fields, with `text` a body as the mentor edition prints it.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("ScenarioSheet", 8)?;
        out.serialize_field("id", &self.id)?;
        out.serialize_field("title", &self.title)?;
        out.serialize_field("summary", &self.summary)?;
        out.serialize_field("content_note", &self.content_note)?;
        out.serialize_field("node_content_note", &self.node_content_note)?;
        out.serialize_field("speaker", &self.speaker)?;
        out.serialize_field("text", &self.text.view(Edition::Mentor, true))?;
        out.serialize_field("choices", &self.choices)?;
        out.end()
    }
}

/// Every scenario's opening, for a document at depth `root`.
pub(crate) fn scenario_sheets(project: &Project, root: &str) -> Vec<ScenarioSheet> {
    let lookups = Lookups::new(project);
    project
        .scenarios
        .iter()
        .filter_map(|s| {
            let start = s.node(&s.start)?;
            Some(ScenarioSheet {
                id: s.id.clone(),
                title: s.title.clone(),
                summary: s.summary.clone(),
                content_note: s.content_note.clone(),
                node_content_note: start.content_note.clone(),
                speaker: start.speaker.clone(),
                text: crate::compile::scenario_text::render(&lookups, &start.text, root, false)
                    .body,
                choices: start.choices.iter().map(|c| c.label.clone()).collect(),
            })
        })
        .collect()
}
