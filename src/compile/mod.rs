//! Compiling module bodies: each module's Markdown rendered for one edition,
//! in parallel, with the headings and links found in it, and its
//! ```` ```quiz ```` blocks parsed, validated and rendered as forms.
//!
//! Input: a loaded [`Project`] and the edition. Output: one [`Rendered`] per
//! module, in course order, plus the quizzes and the problems found in them.
//! Problems in the Markdown itself (unknown variables, broken links) are
//! checked afterwards by [`crate::check`].

pub(crate) mod markdown;
pub(crate) mod quiz;
pub(crate) mod reflection;
pub(crate) mod scenario_text;
pub(crate) mod search;
pub(crate) mod variables;

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use rayon::prelude::*;

use crate::compile::markdown::DataKind;
use crate::compile::markdown::{Context, Rendered};
use crate::compile::quiz::Quiz;
use crate::diagnostic::Diagnostics;
use crate::edition::{Edition, ModuleEdition};
use crate::load::Project;
use crate::load::module::Module;

/// What a module's quizzes add.
#[derive(Debug, Default, Clone)]
pub(crate) struct ModuleQuizzes {
    /// The quizzes, in order.
    pub(crate) quizzes: Vec<Quiz>,
    /// The Markdown fields of the questions, each with its byte offset in the module file.
    pub(crate) fields: Vec<(Rendered, usize)>,
    /// The reflection prompts, in order.
    pub(crate) reflections: Vec<reflection::Prompt>,
}

/// Every module's body, rendered, in course order.
#[derive(Debug)]
pub(crate) struct Compiled {
    /// One per module of [`Project::modules`], shared with `serve`'s cache
    /// (never copied).
    results: Vec<std::sync::Arc<ModuleResult>>,
    /// One per module: the key its body is cached under (0 without a cache).
    keys: Vec<u64>,
    /// Problems found in quiz blocks.
    pub(crate) diagnostics: Diagnostics,
}

impl Compiled {
    /// Each module's rendered body, in course order.
    pub(crate) fn modules(&self) -> impl Iterator<Item = &Rendered> + Clone {
        self.results.iter().map(|r| &r.0)
    }

    /// Each module's cache key ([`module_key`]; 0 when built without a
    /// cache), in course order: equal keys mean equal bodies.
    pub(crate) fn keys(&self) -> impl Iterator<Item = u64> + Clone {
        self.keys.iter().copied()
    }

    /// Each module's quizzes, in course order.
    pub(crate) fn quizzes(&self) -> impl Iterator<Item = &ModuleQuizzes> + Clone {
        self.results.iter().map(|r| &r.1)
    }
}

/// Where links from content lead: module pages by source path, scenarios by id.
pub(crate) struct Lookups<'a> {
    pages: HashMap<&'a str, String>,
    project: &'a Project,
}

impl<'a> Lookups<'a> {
    /// The lookups for a project, built once per build.
    pub(crate) fn new(project: &'a Project) -> Self {
        let pages = project
            .modules
            .iter()
            .map(|m| (m.path.as_str(), module_file(&m.slug)))
            .collect();
        Self { pages, project }
    }

    /// The link from a page to the module at `path` and an optional anchor,
    /// `to_modules` being the way from that page to the `modules/` folder.
    pub(crate) fn href(
        &self,
        to_modules: &str,
        path: &str,
        fragment: Option<&str>,
    ) -> Option<String> {
        let page = self.pages.get(path)?;
        Some(match fragment {
            Some(f) => format!("{to_modules}{page}#{f}"),
            None => format!("{to_modules}{page}"),
        })
    }

    /// A scenario's title and summary.
    pub(crate) fn scenario(&self, id: &str) -> Option<(String, Option<String>)> {
        self.project
            .scenarios
            .iter()
            .find(|s| s.id == id)
            .map(|s| (s.title.clone(), s.summary.clone()))
    }
}

/// The page file name of a module, relative to `modules/`.
pub(crate) fn module_file(slug: &str) -> String {
    format!("{slug}.html")
}

/// How a module's quiz and reflection blocks are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// On its own page: forms to fill in and check.
    Page,
    /// In a printable document: questions without answers, ruled writing space.
    Print,
}

/// One module compiled: its body, its quizzes and the problems in them.
pub(crate) type ModuleResult = (Rendered, ModuleQuizzes, Diagnostics);

/// A hash of what every module body depends on besides its own file.
pub(crate) fn course_fingerprint(project: &Project, edition: Edition) -> u64 {
    let mut h = DefaultHasher::new();
    project.config.source.text.hash(&mut h);
    edition.name().hash(&mut h);
    for m in &project.modules {
        (&m.path, &m.slug, m.edition == ModuleEdition::Facilitator).hash(&mut h);
    }
    for s in &project.scenarios {
        (&s.id, &s.title, &s.summary).hash(&mut h);
    }
    h.finish()
}

/// The cache key of one module compiled in a context.
pub(crate) fn module_key(fingerprint: u64, m: &Module, ctx: &Context<'_>, mode: Mode) -> u64 {
    let mut h = DefaultHasher::new();
    fingerprint.hash(&mut h);
    if m.source_hash == 0 {
        m.source.text.hash(&mut h);
    } else {
        m.source_hash.hash(&mut h);
    }
    (
        &m.path,
        ctx.anchor_prefix,
        ctx.path_to_root,
        mode == Mode::Print,
    )
        .hash(&mut h);
    h.finish()
}

/// Renders every module body for `edition`, reusing `cache` when given.
pub(crate) fn compile_cached(
    project: &Project,
    edition: Edition,
    cache: Option<&crate::cache::Store<ModuleResult>>,
) -> Compiled {
    let cached = cache.map(|c| (c, course_fingerprint(project, edition)));
    let lookups = Lookups::new(project);
    let module_href = |path: &str, fragment: Option<&str>| lookups.href("", path, fragment);
    let scenario = |id: &str| lookups.scenario(id);
    let (keys, results): (Vec<u64>, Vec<std::sync::Arc<ModuleResult>>) = project
        .modules
        .par_iter()
        .map(|m| {
            let ctx = Context {
                path: &m.path,
                base_offset: m.body_start,
                variables: &project.config.variables,
                edition,
                facilitator_only: m.edition == ModuleEdition::Facilitator,
                module_href: &module_href,
                anchor_prefix: "",
                same_page: None,
                scenario: &scenario,
                path_to_root: "../",
                ui: &project.config.ui,
            };
            compile_module_cached(project, m, &ctx, Mode::Page, cached)
        })
        .unzip();
    let mut diagnostics = Diagnostics::new();
    for result in &results {
        diagnostics.extend(result.2.items().iter().cloned());
    }
    Compiled {
        results,
        keys,
        diagnostics,
    }
}

/// [`compile_module`], through `cached` (the cache and the course's
/// [`course_fingerprint`]) when given, with its [`module_key`] (0 without a
/// cache). Without a cache the result is not shared, so
/// `Arc::unwrap_or_clone` takes it without a copy.
pub(crate) fn compile_module_cached(
    project: &Project,
    m: &Module,
    ctx: &Context<'_>,
    mode: Mode,
    cached: Option<(&crate::cache::Store<ModuleResult>, u64)>,
) -> (u64, std::sync::Arc<ModuleResult>) {
    match cached {
        Some((cache, fingerprint)) => {
            let key = module_key(fingerprint, m, ctx, mode);
            let result = cache.get_or(key, || compile_module(project, m, ctx, mode));
            (key, result)
        }
        None => (
            0,
            std::sync::Arc::new(compile_module(project, m, ctx, mode)),
        ),
    }
}

/// Renders one module's body in `ctx`, its data blocks in `mode`.
pub(crate) fn compile_module(
    project: &Project,
    m: &Module,
    ctx: &Context<'_>,
    mode: Mode,
) -> (Rendered, ModuleQuizzes, Diagnostics) {
    let mut rendered = markdown::render(m.body(), ctx);
    if mode == Mode::Page {
        rendered.search =
            crate::compile::search::Entry::new(&m.title, m.summary.as_deref(), &rendered.html);
    }
    let mut diagnostics = Diagnostics::new();
    let mut quizzes = ModuleQuizzes::default();
    let mut prompts = 0;
    for (n, block) in rendered.blocks.iter().enumerate() {
        let slot = markdown::block_slot(n);
        let html = match block.kind {
            DataKind::Quiz => {
                match quiz::parse(block, &m.source, &project.config, &mut diagnostics) {
                    Some(quiz) => {
                        let ctx = Context {
                            facilitator_only: block.facilitator_only,
                            ..*ctx
                        };
                        let html = match mode {
                            Mode::Page => {
                                let form = quiz::render(&quiz, &m.source, &ctx);
                                quizzes.fields.extend(form.fields);
                                form.html
                            }
                            Mode::Print => quiz::print::questions(&quiz, &ctx),
                        };
                        quizzes.quizzes.push(quiz);
                        html
                    }
                    None => String::new(),
                }
            }
            DataKind::Reflection => {
                let found = reflection::parse(
                    block,
                    &m.source,
                    &project.config,
                    &m.slug,
                    &mut prompts,
                    &mut diagnostics,
                );
                let html = match mode {
                    Mode::Page => reflection::render(&found, &project.config.ui),
                    Mode::Print => reflection::render_print(&found),
                };
                quizzes.reflections.extend(found);
                html
            }
        };
        rendered.html = rendered.html.replace(&slot, &html);
    }
    (rendered, quizzes, diagnostics)
}
