//! Rendering pages: the theme's templates filled from the compiled course.
//!
//! Input: the [`Project`], its [`Compiled`] bodies and the edition. Output:
//! every page and asset written into a [`crate::writer::Sink`] (the staging
//! folder, or nothing for `check`), pages rendered in parallel from one shared
//! set of template values (never a copy of the course per page). Template
//! errors become located diagnostics.
//!
//! Pages: `index.html` (home), `modules/<slug>.html`, `support.html`,
//! `404.html`, the search page and index of [`search`], the
//! scenario pages of [`scenarios`], the progress pages of [`progress`], and
//! the workbook and facilitator pack of [`documents`].

pub mod documents;
pub mod progress;
pub mod scenario_map;
pub mod scenarios;
pub mod search;
pub mod views;

use std::sync::atomic::{AtomicUsize, Ordering};

use minijinja::{Environment, Value, context};
use rayon::prelude::*;

use crate::compile::Compiled;
use crate::diagnostic::Diagnostic;
use crate::edition::Edition;
use crate::fs::IoError;
use crate::project::Project;
use crate::theme::Theme;
use crate::writer::Sink;

/// The contents list shows every module up to this many; beyond, a window.
pub const FULL_CONTENTS_LIMIT: usize = 50;
/// Modules shown either side of the current one in a windowed contents list.
pub const CONTENTS_WINDOW: usize = 5;

/// Why rendering stopped.
#[derive(Debug)]
pub enum RenderError {
    /// A template failed.
    Template(Box<Diagnostic>),
    /// Writing failed.
    Io(IoError),
}

impl From<IoError> for RenderError {
    fn from(e: IoError) -> Self {
        RenderError::Io(e)
    }
}

/// What was written.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    /// HTML pages.
    pub pages: usize,
    /// Other files (assets, course files).
    pub files: usize,
    /// The size of the search index in bytes.
    pub search_index: usize,
}

/// Compiles every page template, so `check` reports theme errors too.
pub fn check_templates(theme: &Theme) -> Vec<Diagnostic> {
    let env = theme.environment();
    crate::theme::PAGE_TEMPLATES
        .iter()
        .filter_map(|name| env.get_template(name).err())
        .map(|e| theme.error_diagnostic(&e))
        .collect()
}

/// Renders pages from shared values into a sink.
pub struct Pages<'a> {
    env: Environment<'static>,
    theme: &'a Theme,
    shared: Value,
    all_modules: Value,
    module_count: usize,
    sink: &'a dyn Sink,
    written: AtomicUsize,
    /// Work kept between builds (`serve`), if any.
    pub cache: Option<&'a crate::cache::Cache>,
}

impl Pages<'_> {
    /// Renders `template` to `path` (relative to the site root), `root` being the way back up.
    pub fn page(
        &self,
        template: &str,
        path: &str,
        root: &str,
        extra: Value,
    ) -> Result<(), RenderError> {
        let mut layers = vec![context! { root => root, path => path }, extra];
        if layers[1]
            .get_attr("contents")
            .is_ok_and(|c| c.is_undefined())
        {
            layers.push(
                context! { contents => contents_window(&self.all_modules, 0, self.module_count) },
            );
        }
        layers.push(self.shared.clone());
        let ctx = minijinja::value::merge_maps(layers);
        let template = self
            .env
            .get_template(template)
            .map_err(|e| RenderError::Template(Box::new(self.theme.error_diagnostic(&e))))?;
        // Rendered straight into the output, so a page that holds every
        // module (the workbook) is never one string in memory.
        let mut failed: Option<minijinja::Error> = None;
        let written = self.sink.write_with(path, &mut |out| {
            template
                .render_captured_to(&ctx, out)
                .map(|_| ())
                .map_err(|e| {
                    let io = std::error::Error::source(&e)
                        .and_then(|s| s.downcast_ref::<std::io::Error>())
                        .map(|io| std::io::Error::new(io.kind(), io.to_string()));
                    match io {
                        Some(io) => io,
                        None => {
                            failed = Some(e);
                            std::io::Error::other("template error")
                        }
                    }
                })
        });
        if let Some(e) = failed {
            return Err(RenderError::Template(Box::new(
                self.theme.error_diagnostic(&e),
            )));
        }
        written?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Writes a file that is not a page.
    pub fn file(&self, path: &str, bytes: &[u8]) -> Result<(), RenderError> {
        Ok(self.sink.write(path, bytes)?)
    }
}

/// Renders and writes the whole site into `sink`.
pub fn render_site(
    project: &Project,
    compiled: &Compiled,
    edition: Edition,
    theme: &Theme,
    files: &std::collections::BTreeSet<String>,
    sink: &dyn Sink,
    cache: Option<&crate::cache::Cache>,
) -> Result<Written, RenderError> {
    let started = std::time::Instant::now();
    let config = &project.config;
    let modules = views::modules(config, &project.modules, edition);
    let total: u32 = modules.iter().filter_map(|m| m.duration).sum();
    let all_modules = Value::from_serialize(&modules);
    let scenario_list = Value::from_serialize(views::scenarios(config, &project.scenarios));
    let shared = context! {
        course => Value::from_serialize(views::course(config)),
        support => Value::from_serialize(views::SupportView::new(&config.support)),
        competencies => Value::from_serialize(views::competencies(config)),
        modules => all_modules.clone(),
        scenarios => scenario_list,
        ui => Value::from_serialize(&config.ui),
        edition => edition.name(),
        total_minutes => total,
    };
    let pages = Pages {
        env: theme.environment(),
        theme,
        shared,
        all_modules: all_modules.clone(),
        module_count: modules.len(),
        sink,
        written: AtomicUsize::new(0),
        cache,
    };
    pages.page(
        "index.html",
        "index.html",
        "",
        context! { page => context! { kind => "home" } },
    )?;
    pages.page(
        "404.html",
        "404.html",
        "",
        context! { page => context! { kind => "not-found", title => config.ui.get("not_found_title") } },
    )?;
    pages.page(
        "support.html",
        "support.html",
        "",
        context! { page => context! { kind => "support", title => config.ui.get("support_page_title") } },
    )?;
    let shown: Vec<(usize, &crate::module::Module, &crate::markdown::Rendered)> = project
        .modules
        .iter()
        .zip(&compiled.modules)
        .filter(|(m, _)| m.edition.appears_in(edition))
        .enumerate()
        .map(|(i, (m, r))| (i, m, r))
        .collect();
    shown.par_iter().try_for_each(|&(i, m, rendered)| {
        let nearby = |j: Option<usize>| match j.filter(|&j| j < modules.len()) {
            Some(j) => all_modules.get_item_by_index(j).unwrap_or_default(),
            None => Value::from(()),
        };
        pages.page(
            "module.html",
            &format!("modules/{}", crate::compile::module_file(&m.slug)),
            "../",
            context! {
                page => context! { kind => "module", title => m.title.as_str() },
                module => nearby(Some(i)),
                body => Value::from_safe_string(rendered.html.clone()),
                prev => nearby(i.checked_sub(1)),
                next => nearby(Some(i + 1)),
                contents => contents_window(&all_modules, i, modules.len()),
            },
        )
    })?;
    crate::cmd::timing("render: module pages", started);
    scenarios::render(project, edition, &pages)?;
    let search_index = search::render(project, compiled, edition, &pages)?;
    crate::cmd::timing("render: scenarios and search", started);
    progress::render(project, compiled, edition, &pages)?;
    documents::render(project, compiled, edition, &pages)?;
    crate::cmd::timing("render: progress and documents", started);
    let mut other = 0;
    for asset in theme
        .assets()
        .map_err(|d| RenderError::Template(Box::new(d)))?
    {
        sink.write(&format!("assets/{}", asset.path), &asset.bytes)?;
        other += 1;
    }
    for file in files {
        sink.copy(
            &format!("assets/course/{file}"),
            &project.course_dir().join(file),
        )?;
        other += 1;
    }
    Ok(Written {
        pages: pages.written.into_inner(),
        files: other,
        search_index,
    })
}

/// The contents list for module `i`: all modules, or a window and a flag.
fn contents_window(all: &Value, i: usize, len: usize) -> Value {
    if len <= FULL_CONTENTS_LIMIT {
        return context! { items => all.clone(), windowed => false };
    }
    let start = i.saturating_sub(CONTENTS_WINDOW);
    let end = (i + CONTENTS_WINDOW + 1).min(len);
    let items: Vec<Value> = (start..end)
        .filter_map(|j| all.get_item_by_index(j).ok())
        .collect();
    context! { items => items, windowed => true }
}
