//! Compiling module bodies: each module's Markdown compiled once, for both
//! editions, into a typed [`body::Body`] (Markdown runs, quizzes,
//! reflections, scenario cards, facilitator notes, footnotes), in parallel,
//! with its headings, links and search text, and its ```` ```quiz ```` and
//! ```` ```reflection ```` blocks parsed and validated.
//!
//! Input: a loaded [`Project`]. Output: one [`CompiledModule`] per module, in
//! course order, plus the problems found in quiz and reflection blocks.
//! Problems in the Markdown itself (unknown variables, broken links) are
//! checked afterwards by the check stage. A module is compiled for its own
//! page here; printed documents compile it again where they place it
//! ([`Placement::Document`]).

pub(crate) mod body;
pub(crate) mod glossary;
pub(crate) mod markdown;
pub(crate) mod media;
pub(crate) mod quiz;
pub(crate) mod reflection;
pub(crate) mod scenario_text;
pub(crate) mod search;
pub(crate) mod slides;
pub(crate) mod variables;

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::Store;
use crate::compile::body::DataKind;
use crate::compile::body::Prompt;
use crate::compile::body::{Block, Body};
use crate::compile::markdown::{Context, Mode, Rendered};
use crate::compile::quiz::Quiz;
use crate::compile::search::Entry;
use crate::diagnostic::Diagnostics;
use crate::edition::ModuleEdition;
use crate::load::Project;
use crate::load::module::Module;

/// One module compiled where it is placed.
#[derive(Debug, Default)]
pub(crate) struct CompiledModule {
    /// Its body and what rendering found in it (headings, links…).
    pub(crate) rendered: Rendered,
    /// Its quizzes, in order, as parsed.
    pub(crate) quizzes: Vec<Quiz>,
    /// The Markdown fields of its quizzes' questions, each with its byte
    /// offset in the module file, for the check stage.
    pub(crate) fields: Vec<(Rendered, usize)>,
    /// Its reflection prompts, in order.
    pub(crate) reflections: Vec<Prompt>,
    /// Its share of the search index, as the mentor edition searches it
    /// (on its own page only).
    pub(crate) search: Entry,
    /// As the facilitator edition searches it, when that differs (the
    /// module has facilitator notes).
    pub(crate) facilitator_search: Option<Entry>,
    /// Its slides, in order, as written (on its page's compile only).
    pub(crate) slides: Vec<markdown::slides::SlideSource>,
    /// Problems in its quiz, reflection, media and slide blocks.
    pub(crate) diagnostics: Diagnostics,
    /// The glossary entries its page uses (by index), anywhere in its text.
    pub(crate) terms_used: HashSet<usize>,
}

impl CompiledModule {
    /// The body.
    pub(crate) fn body(&self) -> &Body {
        &self.rendered.body
    }

    /// The search entry of the mentor edition, or of the facilitator edition.
    pub(crate) fn search(&self, facilitator: bool) -> &Entry {
        match &self.facilitator_search {
            Some(entry) if facilitator => entry,
            _ => &self.search,
        }
    }
}

/// Every module compiled for its own page, in course order.
#[derive(Debug)]
pub(crate) struct Compiled {
    /// One per module of [`Project::modules`], shared with `serve`'s cache
    /// (never copied).
    modules: Vec<Arc<CompiledModule>>,
    /// One per module: the key its body is cached under (0 without a cache).
    keys: Vec<u64>,
    /// Problems found in quiz and reflection blocks.
    pub(crate) diagnostics: Diagnostics,
    /// The glossary, when the course has one.
    pub(crate) glossary: Option<glossary::Compiled>,
}

impl Compiled {
    /// Each module compiled, in course order.
    pub(crate) fn modules(&self) -> impl Iterator<Item = &CompiledModule> + Clone {
        self.modules.iter().map(|m| m.as_ref())
    }

    /// Each module's cache key ([`module_key`]; 0 when built without a
    /// cache), in course order: equal keys mean equal bodies.
    pub(crate) fn keys(&self) -> impl Iterator<Item = u64> + Clone {
        self.keys.iter().copied()
    }
}

/// Where a module's body is shown, which decides its links and ids.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Placement<'a> {
    /// On its own page, `modules/<slug>.html`.
    Page,
    /// In a printable document at `root` (`""` or `"../"`) holding the
    /// modules whose paths are `members`: their headings' ids take the
    /// prefix `<slug>--`, and links between members stay in the document.
    Document {
        /// The way from the document to the site root.
        root: &'a str,
        /// The paths of the modules in the document.
        members: &'a HashSet<&'a str>,
        /// A hash of `members` (taken once per document, for cache keys).
        members_key: u64,
    },
}

/// Where links from content lead: module pages by source path, scenarios by id.
pub(crate) struct Lookups<'a> {
    pages: HashMap<&'a str, String>,
    project: &'a Project,
    /// The glossary's terms, marked on module pages.
    terms: Option<markdown::terms::Terms>,
}

impl<'a> Lookups<'a> {
    /// The lookups for a project, built once per build.
    pub(crate) fn new(project: &'a Project) -> Self {
        let pages = project
            .modules
            .iter()
            .map(|m| (m.path.as_str(), module_file(&m.slug)))
            .collect();
        Self {
            pages,
            project,
            terms: glossary::terms(project),
        }
    }

    /// The glossary's terms, if the course has any.
    pub(crate) fn terms(&self) -> Option<&markdown::terms::Terms> {
        self.terms.as_ref()
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

    /// Runs `f` with the Markdown context of a fragment written in the file
    /// at `path` (relative to `course/`) and shown where `at` says.
    pub(crate) fn with_context<R>(
        &self,
        path: &str,
        mode: Mode,
        facilitator_only: bool,
        at: &Where<'_>,
        f: impl FnOnce(&Context<'_>) -> R,
    ) -> R {
        let module_href = |target: &str, fragment: Option<&str>| match at.inside {
            Some(members) if members.contains(target) => {
                let slug = &self.project.module_by_path(target)?.slug;
                Some(match fragment {
                    Some(f) => format!("#{}{f}", anchor_prefix(slug)),
                    None => format!("#{slug}"),
                })
            }
            _ => self.href(&at.to_modules, target, fragment),
        };
        let scenario = |id: &str| self.scenario(id);
        let ctx = Context {
            path,
            base_offset: 0,
            variables: &self.project.config.variables,
            mode,
            facilitator_only,
            module_href: &module_href,
            anchor_prefix: &at.prefix,
            same_page: at.same_page.as_deref(),
            scenario: &scenario,
            path_to_root: at.root,
            ui: &self.project.config.ui,
            profile: self.project.config.profile.as_deref(),
        };
        f(&ctx)
    }
}

/// Where a fragment is shown, which decides its links and ids.
#[derive(Debug, Clone)]
pub(crate) struct Where<'a> {
    /// The way from the page to the site root, e.g. `../`.
    pub(crate) root: &'a str,
    /// The way from the page to the `modules/` folder.
    pub(crate) to_modules: String,
    /// Put before every id the fragment defines (a printed document's `<slug>--`).
    pub(crate) prefix: String,
    /// Where `#anchor` links lead when the text is shown away from its own page.
    pub(crate) same_page: Option<String>,
    /// The modules a printed document holds: links to them stay in it.
    pub(crate) inside: Option<&'a HashSet<&'a str>>,
}

impl<'a> Where<'a> {
    /// A page `root` away from the site root (a scenario page, the answer keys).
    pub(crate) fn page(root: &'a str) -> Self {
        Self {
            root,
            to_modules: format!("{root}modules/"),
            prefix: String::new(),
            same_page: None,
            inside: None,
        }
    }

    /// Where a module's body is shown in `placement`.
    pub(crate) fn module(m: &Module, placement: Placement<'a>) -> Self {
        match placement {
            Placement::Page => Self {
                to_modules: String::new(),
                ..Self::page("../")
            },
            Placement::Document { root, members, .. } => Self {
                prefix: anchor_prefix(&m.slug),
                inside: Some(members),
                ..Self::page(root)
            },
        }
    }
}

/// The page file name of a module, relative to `modules/`.
pub(crate) fn module_file(slug: &str) -> String {
    format!("{slug}.html")
}

/// The id prefix of a module's headings in a printed document.
pub(crate) fn anchor_prefix(slug: &str) -> String {
    format!("{slug}--")
}

/// A hash of what every module body depends on besides its own file.
pub(crate) fn course_fingerprint(project: &Project) -> u64 {
    let mut h = DefaultHasher::new();
    project.config.source.text.hash(&mut h);
    // The interface strings: a language pack may change without course.yaml.
    project.config.ui.hash(&mut h);
    // Terms are marked on every module page.
    if let Some(g) = &project.glossary {
        g.source.text.hash(&mut h);
    }
    for m in &project.modules {
        (&m.path, &m.slug, m.edition == ModuleEdition::Facilitator).hash(&mut h);
    }
    for s in &project.scenarios {
        (&s.id, &s.title, &s.summary).hash(&mut h);
    }
    // Captions are carried in the page ([`media`]): a changed `.vtt` file
    // changes the pages of the modules that show it.
    if project.modules.iter().any(|m| m.shows_media) {
        for entry in walkdir::WalkDir::new(project.course_dir())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "vtt"))
        {
            let meta = entry.metadata().ok();
            let modified = meta.as_ref().and_then(|m| m.modified().ok());
            (entry.path(), meta.map(|m| m.len()), modified).hash(&mut h);
        }
    }
    h.finish()
}

/// The cache key of one module compiled in a placement.
pub(crate) fn module_key(fingerprint: u64, m: &Module, placement: Placement<'_>) -> u64 {
    let mut h = DefaultHasher::new();
    fingerprint.hash(&mut h);
    if m.source_hash == 0 {
        m.source.text.hash(&mut h);
    } else {
        m.source_hash.hash(&mut h);
    }
    m.path.hash(&mut h);
    if let Placement::Document {
        root, members_key, ..
    } = placement
    {
        (root, members_key).hash(&mut h);
    }
    h.finish()
}

/// Compiles every module for its page, reusing `cache` when given.
pub(crate) fn compile_cached(project: &Project, cache: Option<&Store<CompiledModule>>) -> Compiled {
    let cached = cache.map(|c| (c, course_fingerprint(project)));
    let lookups = Lookups::new(project);
    let (keys, modules): (Vec<u64>, Vec<Arc<CompiledModule>>) = project
        .modules
        .par_iter()
        .map(|m| compile_module_cached(project, &lookups, m, Placement::Page, cached))
        .unzip();
    let mut diagnostics = Diagnostics::new();
    for module in &modules {
        diagnostics.extend(module.diagnostics.items().iter().cloned());
    }
    let glossary = glossary::compile(project, &lookups);
    Compiled {
        modules,
        keys,
        diagnostics,
        glossary,
    }
}

/// [`compile_module`], through `cached` (the cache and the course's
/// [`course_fingerprint`]) when given, with its [`module_key`] (0 without a
/// cache).
pub(crate) fn compile_module_cached(
    project: &Project,
    lookups: &Lookups<'_>,
    m: &Module,
    placement: Placement<'_>,
    cached: Option<(&Store<CompiledModule>, u64)>,
) -> (u64, Arc<CompiledModule>) {
    match cached {
        Some((cache, fingerprint)) => {
            let key = module_key(fingerprint, m, placement);
            let result = cache.get_or(key, || compile_module(project, lookups, m, placement));
            (key, result)
        }
        None => (0, Arc::new(compile_module(project, lookups, m, placement))),
    }
}

/// Compiles one module's body for `placement`.
pub(crate) fn compile_module(
    project: &Project,
    lookups: &Lookups<'_>,
    m: &Module,
    placement: Placement<'_>,
) -> CompiledModule {
    let facilitator_only = m.edition == ModuleEdition::Facilitator;
    let at = Where::module(m, placement);
    lookups.with_context(&m.path, Mode::Module, facilitator_only, &at, |ctx| {
        let ctx = Context {
            base_offset: m.body_start,
            ..*ctx
        };
        // Glossary terms are marked on the module's own page only.
        let terms = lookups
            .terms()
            .filter(|_| matches!(placement, Placement::Page));
        let mut rendered = markdown::render_marked(m.body(), &ctx, terms);
        let mut module = CompiledModule::default();
        let sections = std::mem::take(&mut rendered.sections);
        if matches!(placement, Placement::Page) {
            if let Some(terms) = terms {
                for s in &sections {
                    for text in [&s.title, &s.text, &s.facilitator_text] {
                        terms.used_in(text, &mut module.terms_used);
                    }
                }
            }
            let entry =
                |facilitator| Entry::new(&m.title, m.summary.as_deref(), &sections, facilitator);
            module.search = entry(false);
            let has_notes = sections
                .iter()
                .any(|s| s.facilitator_only || !s.facilitator_text.is_empty());
            module.facilitator_search = has_notes.then(|| entry(true));
            module.slides = slides::collect(m, &mut rendered, &ctx, &mut module.diagnostics);
        } else {
            // A printed document needs only the body: its links and
            // headings were checked on the module's page.
            rendered.headings = Vec::new();
            rendered.links = Vec::new();
        }
        let mut count = 0;
        let mut media_links = Vec::new();
        let mut body = std::mem::take(&mut rendered.body);
        body.for_each_block_mut(&mut |block| {
            let Block::Data(data) = block else {
                return;
            };
            *block = match data.kind {
                DataKind::Quiz => {
                    match quiz::parse(data, &m.source, &project.config, &mut module.diagnostics) {
                        Some(parsed) => {
                            let ctx = Context {
                                facilitator_only: data.facilitator_only,
                                ..ctx
                            };
                            let (questions, fields) = quiz::view(&parsed, &m.source, &ctx);
                            module.fields.extend(fields);
                            let pool = parsed.pool;
                            module.quizzes.push(parsed);
                            Block::Quiz { questions, pool }
                        }
                        None => Block::Markdown {
                            html: String::new(),
                        },
                    }
                }
                DataKind::Reflection => {
                    let prompts = reflection::parse(
                        data,
                        &m.source,
                        &project.config,
                        &m.slug,
                        &mut count,
                        &mut module.diagnostics,
                    );
                    module.reflections.extend(prompts.iter().cloned());
                    Block::Reflection { prompts }
                }
                DataKind::Media => {
                    let ctx = Context {
                        facilitator_only: data.facilitator_only,
                        ..ctx
                    };
                    let compiled = media::compile(
                        data,
                        &m.source,
                        &project.config,
                        &project.course_dir(),
                        &ctx,
                        &mut module.diagnostics,
                    );
                    match compiled {
                        Some(media) => {
                            if matches!(placement, Placement::Page) {
                                media_links.extend(media.links);
                                module.fields.extend(media.transcript);
                            }
                            Block::Media(Box::new(media.view))
                        }
                        None => Block::Markdown {
                            html: String::new(),
                        },
                    }
                }
            };
        });
        rendered.body = body;
        rendered.links.extend(media_links);
        module.rendered = rendered;
        module
    })
}
