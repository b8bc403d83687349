//! Compiling module bodies: each module's Markdown rendered for one edition,
//! in parallel, with the headings and links found in it.
//!
//! Input: a loaded [`Project`] and the edition. Output: one [`Rendered`] per
//! module, in course order. Nothing here fails; problems found (unknown
//! variables, broken links) are checked afterwards by [`crate::validate`].

use std::collections::HashMap;

use rayon::prelude::*;

use crate::edition::{Edition, ModuleEdition};
use crate::markdown::{self, Context, Rendered};
use crate::project::Project;

/// Every module's body, rendered, in course order.
#[derive(Debug)]
pub struct Compiled {
    /// One per module of [`Project::modules`].
    pub modules: Vec<Rendered>,
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
    let modules = project
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
            markdown::render(m.body(), &ctx)
        })
        .collect();
    Compiled { modules }
}
