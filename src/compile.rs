//! Compiling module bodies: each module's Markdown rendered for one edition,
//! in parallel, with the headings and links found in it, and its
//! ```` ```quiz ```` blocks parsed, validated and rendered as forms.
//!
//! Input: a loaded [`Project`] and the edition. Output: one [`Rendered`] per
//! module, in course order, plus the quizzes and the problems found in them.
//! Problems in the Markdown itself (unknown variables, broken links) are
//! checked afterwards by [`crate::validate`].

use std::collections::HashMap;

use rayon::prelude::*;

use crate::diagnostic::Diagnostics;
use crate::edition::{Edition, ModuleEdition};
use crate::markdown::{self, Context, Rendered};
use crate::project::Project;
use crate::quiz::{self, Quiz};

/// What a module's quizzes add.
#[derive(Debug, Default)]
pub struct ModuleQuizzes {
    /// The quizzes, in order.
    pub quizzes: Vec<Quiz>,
    /// The Markdown fields of the questions, each with its byte offset in the module file.
    pub fields: Vec<(Rendered, usize)>,
}

/// Every module's body, rendered, in course order.
#[derive(Debug)]
pub struct Compiled {
    /// One per module of [`Project::modules`].
    pub modules: Vec<Rendered>,
    /// One per module: its quizzes.
    pub quizzes: Vec<ModuleQuizzes>,
    /// Problems found in quiz blocks.
    pub diagnostics: Diagnostics,
}

/// The page file name of a module, relative to `modules/`.
pub fn module_file(slug: &str) -> String {
    format!("{slug}.html")
}

/// Renders every module body for `edition`.
pub fn compile(project: &Project, edition: Edition) -> Compiled {
    let pages: HashMap<&str, String> = project
        .modules
        .iter()
        .map(|m| (m.path.as_str(), module_file(&m.slug)))
        .collect();
    let module_page = |path: &str| pages.get(path).cloned();
    let scenario = |id: &str| {
        project
            .scenarios
            .iter()
            .find(|s| s.id == id)
            .map(|s| (s.title.clone(), s.summary.clone()))
    };
    let results: Vec<(Rendered, ModuleQuizzes, Diagnostics)> = project
        .modules
        .par_iter()
        .map(|m| {
            let ctx = Context {
                path: &m.path,
                base_offset: m.body_start,
                variables: &project.config.variables,
                edition,
                facilitator_only: m.edition == ModuleEdition::Facilitator,
                module_page: &module_page,
                module_prefix: "",
                scenario: &scenario,
                path_to_root: "../",
                ui: &project.config.ui,
            };
            let mut rendered = markdown::render(m.body(), &ctx);
            let mut diagnostics = Diagnostics::new();
            let mut quizzes = ModuleQuizzes::default();
            for (n, block) in rendered.quizzes.iter().enumerate() {
                let slot = markdown::quiz_slot(n);
                let Some(quiz) = quiz::parse(block, &m.source, &project.config, &mut diagnostics)
                else {
                    rendered.html = rendered.html.replace(&slot, "");
                    continue;
                };
                let form = quiz::render(
                    &quiz,
                    &m.source,
                    &Context {
                        facilitator_only: block.facilitator_only,
                        ..ctx
                    },
                );
                rendered.html = rendered.html.replace(&slot, &form.html);
                quizzes.fields.extend(form.fields);
                quizzes.quizzes.push(quiz);
            }
            (rendered, quizzes, diagnostics)
        })
        .collect();
    let mut compiled = Compiled {
        modules: Vec::with_capacity(results.len()),
        quizzes: Vec::with_capacity(results.len()),
        diagnostics: Diagnostics::new(),
    };
    for (rendered, quizzes, diagnostics) in results {
        compiled.modules.push(rendered);
        compiled.quizzes.push(quizzes);
        compiled.diagnostics.extend(diagnostics);
    }
    compiled
}
