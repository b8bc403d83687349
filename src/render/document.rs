//! Printable documents made of several modules: the mentor workbook and the
//! facilitator's guide.
//!
//! Input: the modules to include, in course order, and where the document
//! sits in the site. Output: one [`Section`] per module, its body rendered for
//! paper (quizzes without answers, reflections with ruled writing space).
//! Every id a module defines is prefixed with `<slug>--` so that headings and
//! footnotes of different modules cannot clash in one page; links between
//! modules of the document become links inside it, and links to other
//! modules go to their pages.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;

use crate::compile::markdown::Context;
use crate::compile::quiz;
use crate::compile::{self, Lookups, Mode};
use crate::edition::{Edition, ModuleEdition};
use crate::load::Project;
use crate::load::module::Module;

/// One module in a printable document.
#[derive(Debug, Serialize)]
pub(crate) struct Section {
    /// The module's slug, also the section's id.
    pub(crate) slug: String,
    /// Title.
    pub(crate) title: String,
    /// Summary.
    pub(crate) summary: Option<String>,
    /// Minutes.
    pub(crate) duration: Option<u32>,
    /// Learning outcomes.
    pub(crate) outcomes: Vec<String>,
    /// Its body, rendered for paper.
    pub(crate) html: String,
}

/// The id prefix of a module's headings in a document.
pub(crate) fn anchor_prefix(slug: &str) -> String {
    format!("{slug}--")
}

/// Renders `members` as sections of one document at depth `root` (`""` or `"../"`).
pub(crate) fn sections(
    project: &Project,
    members: &[&Module],
    edition: Edition,
    root: &str,
    cache: Option<crate::render::Caches<'_>>,
) -> Vec<Section> {
    let cached = cache.map(|c| (c.bodies, compile::course_fingerprint(project, edition)));
    let lookups = Lookups::new(project);
    let inside: HashSet<&str> = members.iter().map(|m| m.path.as_str()).collect();
    let to_modules = format!("{root}modules/");
    let module_href = |path: &str, fragment: Option<&str>| {
        if inside.contains(path) {
            let slug = &project.module_by_path(path)?.slug;
            Some(match fragment {
                Some(f) => format!("#{}{f}", anchor_prefix(slug)),
                None => format!("#{slug}"),
            })
        } else {
            lookups.href(&to_modules, path, fragment)
        }
    };
    let scenario = |id: &str| lookups.scenario(id);
    members
        .par_iter()
        .map(|m| {
            let prefix = anchor_prefix(&m.slug);
            let ctx = Context {
                path: &m.path,
                base_offset: m.body_start,
                variables: &project.config.variables,
                edition,
                facilitator_only: m.edition == ModuleEdition::Facilitator,
                module_href: &module_href,
                anchor_prefix: &prefix,
                same_page: None,
                scenario: &scenario,
                path_to_root: root,
                ui: &project.config.ui,
            };
            let (_, compiled) =
                compile::compile_module_cached(project, m, &ctx, Mode::Print, cached);
            let html = std::sync::Arc::unwrap_or_clone(compiled).0.html;
            Section {
                slug: m.slug.clone(),
                title: m.title.clone(),
                summary: m.summary.clone(),
                duration: m.duration,
                outcomes: m.outcomes.clone(),
                html,
            }
        })
        .collect()
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

/// One module's answer key.
#[derive(Debug, Serialize)]
pub(crate) struct AnswerKey {
    /// The module's slug.
    pub(crate) slug: String,
    /// Its title.
    pub(crate) title: String,
    /// Its quizzes' keys, rendered.
    pub(crate) html: String,
    /// How many questions.
    pub(crate) questions: usize,
}

/// The answer keys of every module with a quiz, for a page at `trainer/`.
pub(crate) fn answer_keys<'a>(
    project: &'a Project,
    quizzes: impl Iterator<Item = &'a compile::ModuleQuizzes>,
    edition: Edition,
) -> Vec<AnswerKey> {
    let lookups = Lookups::new(project);
    let module_href =
        |path: &str, fragment: Option<&str>| lookups.href("../modules/", path, fragment);
    let scenario = |id: &str| lookups.scenario(id);
    project
        .modules
        .iter()
        .zip(quizzes)
        .filter(|(m, q)| m.edition.appears_in(edition) && !q.quizzes.is_empty())
        .map(|(m, q)| {
            let prefix = anchor_prefix(&m.slug);
            let page = format!("../modules/{}", compile::module_file(&m.slug));
            let ctx = Context {
                path: &m.path,
                base_offset: 0,
                variables: &project.config.variables,
                edition,
                facilitator_only: true,
                module_href: &module_href,
                anchor_prefix: &prefix,
                same_page: Some(&page),
                scenario: &scenario,
                path_to_root: "../",
                ui: &project.config.ui,
            };
            AnswerKey {
                slug: m.slug.clone(),
                title: m.title.clone(),
                html: q
                    .quizzes
                    .iter()
                    .map(|z| quiz::print::key(z, &ctx))
                    .collect(),
                questions: q.quizzes.iter().map(|z| z.questions.len()).sum(),
            }
        })
        .collect()
}

/// A scenario laid out for discussion on paper: the situation and the options.
#[derive(Debug, Serialize)]
pub(crate) struct ScenarioSheet {
    /// Id.
    pub(crate) id: String,
    /// Title.
    pub(crate) title: String,
    /// Summary.
    pub(crate) summary: Option<String>,
    /// Content note.
    pub(crate) content_note: Option<String>,
    /// Who speaks first.
    pub(crate) speaker: Option<String>,
    /// The opening situation, rendered.
    pub(crate) text: String,
    /// The options at the start.
    pub(crate) choices: Vec<String>,
}

/// Every scenario's opening, for a document at depth `root`.
pub(crate) fn scenario_sheets(
    project: &Project,
    edition: Edition,
    root: &str,
) -> Vec<ScenarioSheet> {
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
                speaker: start.speaker.clone(),
                text: crate::compile::scenario_text::render(
                    project,
                    &lookups,
                    &start.text,
                    edition,
                    root,
                    false,
                )
                .html,
                choices: start.choices.iter().map(|c| c.label.clone()).collect(),
            })
        })
        .collect()
}
