//! Rendering pages: the theme's templates filled from the compiled course.
//!
//! Input: the [`Project`], its [`Compiled`] bodies and the edition. Output:
//! every page and asset written into a [`sink::Sink`] (the staging
//! folder, or nothing for `check`), pages rendered in parallel from one shared
//! set of template values (never a copy of the course per page). Template
//! errors become located diagnostics.
//!
//! Pages: `index.html` (home), `modules/<slug>.html`, `support.html`,
//! `glossary.html` (with a glossary, [`glossary`]),
//! `404.html`, the search page and index of [`search`], the
//! scenario pages of [`scenarios`], the progress pages of [`progress`], and
//! the workbook and facilitator pack of [`documents`], and the slide decks
//! of [`slides`].

pub(crate) mod ahead;
pub(crate) mod document;
pub(crate) mod documents;
pub(crate) mod filters;
pub(crate) mod glossary;
pub(crate) mod languages;
pub(crate) mod progress;
pub(crate) mod scenario_map;
pub(crate) mod scenarios;
pub(crate) mod search;
pub(crate) mod search_index;
pub(crate) mod sessions;
pub(crate) mod sink;
pub(crate) mod slides;
pub(crate) mod theme;
pub(crate) mod views;

use std::sync::atomic::{AtomicUsize, Ordering};

use minijinja::{Environment, Value, context};
use rayon::prelude::*;

use crate::check::Checked;
use crate::compile::body::Body;
use crate::compile::{Compiled, CompiledModule};
use crate::diagnostic::Diagnostic;
use crate::edition::Edition;
use crate::fs::IoError;
use crate::load::Project;
use crate::load::module::Module;
use crate::render::sink::Sink;
use crate::render::theme::Theme;
use crate::ui::key;

/// The contents list shows every module up to this many; beyond, a window.
pub(crate) const FULL_CONTENTS_LIMIT: usize = 50;
/// Modules shown either side of the current one in a windowed contents list.
pub(crate) const CONTENTS_WINDOW: usize = 5;

/// What `serve` keeps between rebuilds that rendering uses: module bodies
/// compiled for printed documents, and pages as rendered.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Caches<'a> {
    /// Compiled bodies by key.
    pub(crate) bodies: &'a crate::cache::Store<crate::compile::CompiledModule>,
    /// Page bytes by key.
    pub(crate) pages: &'a crate::cache::Store<Vec<u8>>,
}

/// What a build renders: the course, its compiled bodies and theme, for one edition.
#[derive(Clone, Copy)]
pub(crate) struct Site<'a> {
    /// The course.
    pub(crate) project: &'a Project,
    /// Its modules, compiled.
    pub(crate) compiled: &'a Compiled,
    /// What the check stage found (the course files to copy).
    pub(crate) checked: &'a Checked,
    /// The theme.
    pub(crate) theme: &'a Theme,
    /// The edition built.
    pub(crate) edition: Edition,
    /// Whether the site goes into a SCORM package, and which: its pages then load the
    /// SCORM runtime (`assets/scorm.js`, and the course's data for it in
    /// `assets/scorm-course.js`); other sites have neither file. The SCORM
    /// version: `"1.2"` or `"2004"`.
    pub(crate) scorm: Option<&'static str>,
    /// The languages built together with this one, for the language
    /// switcher (empty: no switcher).
    pub(crate) languages: &'a [languages::LanguageLink],
    /// Leaves out the files made from every module (the workbook, the
    /// facilitator pack, the search index) for [`render_on_request`] to
    /// make when one is asked for: `serve` does, so an edit rebuilds quickly.
    pub(crate) documents_on_request: bool,
}

/// Why rendering stopped.
#[derive(Debug)]
pub(crate) enum RenderError {
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
pub(crate) struct Written {
    /// HTML pages.
    pub(crate) pages: usize,
    /// The size of the search index in bytes.
    pub(crate) search_index: usize,
}

/// Compiles every page template, so `check` reports theme errors too.
/// Also: a template that reads an interface string the table lacks
/// (`{{ ui.nxt }}`) is an error at its line, not a page that fails later.
pub(crate) fn check_templates(theme: &Theme) -> Vec<Diagnostic> {
    let env = theme.templates();
    let mut out = theme.outside_project();
    let mut names: Vec<String> = crate::render::theme::PAGE_TEMPLATES
        .iter()
        .map(|n| (*n).to_owned())
        .collect();
    names.extend(theme.template_names());
    names.sort();
    names.dedup();
    for name in names {
        match env.get_template(&name) {
            Err(e) => out.push(theme.error_diagnostic(&e)),
            Ok(template) => {
                let mut unknown: Vec<String> = template
                    .undeclared_variables(true)
                    .into_iter()
                    .filter_map(|v| v.strip_prefix("ui.").map(str::to_owned))
                    .filter(|key| !crate::ui::Ui::is_known(key))
                    .collect();
                unknown.sort();
                for key in unknown {
                    out.push(theme.unknown_ui_key(&name, template.source(), &key));
                }
            }
        }
    }
    out
}

/// Renders pages from shared values into a sink.
pub(crate) struct Pages<'a> {
    /// What is being built.
    pub(crate) site: Site<'a>,
    env: &'a Environment<'static>,
    theme: &'a Theme,
    shared: Value,
    all_modules: Value,
    module_count: usize,
    /// The course's files this edition publishes (under `assets/course/`).
    published: std::collections::BTreeSet<&'a str>,
    sink: &'a dyn Sink,
    written: AtomicUsize,
    /// [`fingerprint`] with a cache, else 0.
    fingerprint: u64,
    /// Work kept between builds (`serve`), if any.
    pub(crate) cache: Option<Caches<'a>>,
}

/// Something that writes a file's bytes into `out`.
pub(crate) type Produce<'p> = dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()> + 'p;

impl<'a> Pages<'a> {
    /// The shared values of `site` (course, modules, support, interface
    /// strings…), ready to render its pages into `sink`.
    fn new(site: Site<'a>, sink: &'a dyn Sink, cache: Option<Caches<'a>>) -> Self {
        let Site {
            project,
            compiled,
            theme,
            edition,
            ..
        } = site;
        let config = &project.config;
        let modules = views::modules(config, &project.modules, edition);
        let total: u32 = modules.iter().filter_map(|m| m.duration).sum();
        let all_modules = Value::from_serialize(&modules);
        let scenario_list = Value::from_serialize(views::scenarios(config, &project.scenarios));
        let published = site.checked.files(edition);
        let brand = views::BrandView::new(&config.brand, &published);
        let shared = context! {
            course => Value::from_serialize(views::course(config)),
            brand => Value::from_serialize(&brand),
            support => Value::from_serialize(views::SupportView::new(&config.support)),
            competencies => Value::from_serialize(views::competencies(config)),
            modules => all_modules.clone(),
            scenarios => scenario_list,
            ui => Value::from_serialize(&config.ui),
            edition => edition.name(),
            total_minutes => total,
            scorm => site.scorm,
            languages => Value::from_serialize(site.languages),
            glossary => Value::from_serialize(compiled.glossary.as_ref().map(|g| &g.view)),
        };
        Pages {
            site,
            env: theme.templates(),
            theme,
            fingerprint: cache.map_or(0, |_| fingerprint(&shared, theme, project)),
            shared,
            all_modules,
            module_count: modules.len(),
            published,
            sink,
            written: AtomicUsize::new(0),
            cache,
        }
    }
    /// Renders `template` to `path` (relative to the site root), `root` being the way back up.
    pub(crate) fn page(
        &self,
        template: &str,
        path: &str,
        root: &str,
        extra: Value,
    ) -> Result<(), RenderError> {
        self.render(template, path, root, None, || extra)
    }

    /// [`Pages::page`] for a page made only from the shared values and what
    /// `key` stands for: with `serve`'s cache, a page whose key and shared
    /// values are unchanged is not rendered again. `extra` makes the page's
    /// own values when it is rendered.
    pub(crate) fn page_keyed(
        &self,
        template: &str,
        path: &str,
        root: &str,
        key: u64,
        extra: impl FnOnce() -> Value,
    ) -> Result<(), RenderError> {
        self.render(template, path, root, Some(key), extra)
    }

    /// Writes `path` as `produce` writes it; with `serve`'s cache, what it
    /// wrote under the same `key` (and shared values) last time instead.
    /// Returns the size in bytes.
    pub(crate) fn file_keyed(
        &self,
        path: &str,
        key: u64,
        produce: &mut Produce<'_>,
    ) -> Result<usize, RenderError> {
        Ok(self.emit(path, Some(key), produce)?)
    }

    /// Writes `path` from `produce`. With the cache and a `key`: the bytes
    /// kept under it (and the shared values) if any, else made, kept and
    /// written. Returns the size in bytes.
    fn emit(
        &self,
        path: &str,
        key: Option<u64>,
        produce: &mut Produce<'_>,
    ) -> Result<usize, IoError> {
        if let (Some(cache), Some(key)) = (self.cache, key) {
            let key = crate::cache::hash_of(&(self.fingerprint, path, key));
            let bytes = match cache.pages.get(key) {
                Some(bytes) => bytes,
                None => {
                    let bytes = std::sync::Arc::new(sink::gather(path, produce)?);
                    cache.pages.keep(key, bytes.clone());
                    bytes
                }
            };
            let size = bytes.len();
            self.sink.write_shared(path, bytes)?;
            return Ok(size);
        }
        let mut size = 0;
        self.sink.write_with(path, &mut |out| {
            let mut counting = CountingWriter { out, bytes: 0 };
            let result = produce(&mut counting);
            size = counting.bytes;
            result
        })?;
        Ok(size)
    }

    /// Renders `template` straight into the output (so a page that holds
    /// every module, the workbook, is never one string in memory), through
    /// the cache when `key` is given.
    fn render(
        &self,
        template: &str,
        path: &str,
        root: &str,
        key: Option<u64>,
        extra: impl FnOnce() -> Value,
    ) -> Result<(), RenderError> {
        let compiled = self
            .env
            .get_template(template)
            .map_err(|e| RenderError::Template(Box::new(self.theme.error_diagnostic(&e))))?;
        let key = key.map(|key| crate::cache::hash_of(&(template, root, key)));
        let mut extra = Some(extra);
        let mut failed: Option<minijinja::Error> = None;
        let written = self.emit(path, key, &mut |out| {
            // Made only when the page is rendered (not for a kept page); every sink renders once.
            let extra = extra.take().map_or(Value::UNDEFINED, |make| make());
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
            compiled
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

    /// A body as HTML, through the theme's `partials/body.html`, for a page
    /// `root` away from the site root: for the scenario player, which
    /// carries every node's text in its data.
    pub(crate) fn body_html(&self, body: &Body, root: &str) -> Result<String, RenderError> {
        let template = self
            .env
            .get_template("partials/body.html")
            .map_err(|e| RenderError::Template(Box::new(self.theme.error_diagnostic(&e))))?;
        let ctx = minijinja::value::merge_maps([
            context! {
                root => root,
                body => Value::from_serialize(body.view(self.site.edition, false)),
            },
            self.shared.clone(),
        ]);
        template
            .render(ctx)
            .map_err(|e| RenderError::Template(Box::new(self.theme.error_diagnostic(&e))))
    }

    /// Writes a file that is not a page.
    pub(crate) fn file(&self, path: &str, bytes: &[u8]) -> Result<(), RenderError> {
        Ok(self.sink.write(path, bytes)?)
    }
}

/// Counts what passes through to `out`.
struct CountingWriter<'a> {
    out: &'a mut dyn std::io::Write,
    bytes: usize,
}

impl std::io::Write for CountingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.bytes += n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// What every page shares, as one hash: the shared template values, the
/// course's own templates and the course fingerprint (`serve` only).
fn fingerprint(shared: &Value, theme: &Theme, project: &Project) -> u64 {
    crate::cache::hash_of(&(
        serde_json::to_string(shared).unwrap_or_default(),
        theme.override_templates(),
        crate::compile::course_fingerprint(project),
    ))
}

/// Renders and writes the whole site into `sink`.
pub(crate) fn render_site(
    site: Site<'_>,
    sink: &dyn Sink,
    cache: Option<Caches<'_>>,
) -> Result<Written, RenderError> {
    let started = std::time::Instant::now();
    let Site {
        project,
        compiled,
        theme,
        edition,
        ..
    } = site;
    let config = &project.config;
    let pages = Pages::new(site, sink, cache);
    let (all_modules, module_count) = (&pages.all_modules, pages.module_count);
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
        context! { page => context! { kind => "not-found", title => config.ui.get(key!("not_found_title")) } },
    )?;
    pages.page(
        "support.html",
        "support.html",
        "",
        context! { page => context! { kind => "support", title => config.ui.get(key!("support_page_title")) } },
    )?;
    let shown: Vec<(usize, &Module, &CompiledModule, u64)> = project
        .modules
        .iter()
        .zip(compiled.modules().zip(compiled.keys()))
        .filter(|(m, _)| m.edition.appears_in(edition))
        .enumerate()
        .map(|(i, (m, (c, key)))| (i, m, c, key))
        .collect();
    shown.par_iter().try_for_each(|&(i, m, compiled, key)| {
        let nearby = |j: Option<usize>| match j.filter(|&j| j < module_count) {
            Some(j) => all_modules.get_item_by_index(j).unwrap_or_default(),
            None => Value::from(()),
        };
        // Its place `i` and body `key` are all a module page adds to the shared values.
        pages.page_keyed(
            "module.html",
            &format!("modules/{}", crate::compile::module_file(&m.slug)),
            "../",
            crate::cache::hash_of(&(i, key)),
            || {
                context! {
                    page => context! { kind => "module", title => m.title.as_str() },
                    module => nearby(Some(i)),
                    body => Value::from_serialize(compiled.body().view(edition, false)),
                    prev => nearby(i.checked_sub(1)),
                    next => nearby(Some(i + 1)),
                    contents => contents_window(all_modules, i, module_count),
                }
            },
        )
    })?;
    crate::timing::timing("render: module pages", started);
    glossary::render(&pages)?;
    scenarios::render(&pages)?;
    // The search index is written by a thread of its own (not one of the
    // pool's, which compile the workbook's bodies meanwhile).
    let (search_index, documents) = std::thread::scope(|s| {
        let search = s.spawn(|| search::render(&pages));
        let documents = (|| {
            progress::render(&pages)?;
            documents::paper(&pages)?;
            if !site.documents_on_request {
                documents::render(&pages)?;
            }
            slides::render(&pages)
        })();
        let search = search
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (search, documents)
    });
    let search_index = search_index?;
    documents?;
    crate::timing::timing("render: search, progress and documents", started);
    let has_decks = edition == Edition::Facilitator && slides::count(compiled) > 0;
    for asset in theme
        .assets()
        .map_err(|d| RenderError::Template(Box::new(d)))?
    {
        if asset.path == progress::SCORM_RUNTIME && site.scorm.is_none() {
            continue;
        }
        // The decks' own files go only where there are decks.
        if asset.path.starts_with("slides.") && !has_decks {
            continue;
        }
        sink.write(&format!("assets/{}", asset.path), &asset.bytes)?;
    }
    if config.brand.colours().is_some() {
        let css = pages
            .env
            .get_template("brand.css")
            .and_then(|t| t.render(&pages.shared))
            .map_err(|e| RenderError::Template(Box::new(theme.error_diagnostic(&e))))?;
        sink.write("assets/brand.css", css.as_bytes())?;
    }
    for file in &pages.published {
        sink.copy(
            &format!("assets/course/{file}"),
            &project.course_dir().join(file),
        )?;
    }
    Ok(Written {
        pages: pages.written.into_inner(),
        search_index,
    })
}

/// Renders what [`render_site`] left for later (`documents_on_request`):
/// the workbook, the facilitator pack and the search index, for `serve` to
/// make when one is first asked for.
pub(crate) fn render_on_request(
    site: Site<'_>,
    sink: &dyn Sink,
    cache: Option<Caches<'_>>,
) -> Result<(), RenderError> {
    let pages = Pages::new(site, sink, cache);
    documents::render(&pages)?;
    search::index(&pages)?;
    Ok(())
}

/// `value` as JSON to write inside a `<script type="application/json">`
/// element: `<`, `>` and `&` are written as `\u003c`, `\u003e` and
/// `\u0026`, so no text in it (`</script>`, `<!--`) can end the element or
/// change how the page is parsed. The JSON means the same.
pub(crate) fn script_json(value: &impl serde::Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_a_script_cannot_end_it() {
        let json = script_json(&("</script><!--<script>", "a & b"));
        assert_eq!(
            json,
            r#"["\u003c/script\u003e\u003c!--\u003cscript\u003e","a \u0026 b"]"#
        );
        let back: (String, String) = serde_json::from_str(&json).unwrap();
        assert_eq!(back.0, "</script><!--<script>");
    }
}
