//! Loading a project folder: the first stage of the pipeline.
//!
//! Input: the project folder. Output: a [`Project`] (configuration and
//! modules in course order, drafts left out) and diagnostics for every problem
//! found in any file. Only a missing `course/course.yaml` stops loading early,
//! as a [`NotACourse`] error: that folder is not a course at all.

pub(crate) mod brand;
pub(crate) mod config;
pub(crate) mod glossary;
pub(crate) mod module;
pub(crate) mod plain_text;
pub(crate) mod profiles;
pub(crate) mod read;
pub(crate) mod scenario;
pub(crate) mod scorm;
pub(crate) mod sessions;
pub(crate) mod stamp;
pub(crate) mod translation;
pub(crate) mod yaml;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::cache::hash_of;
use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::load::module::Module;
use crate::load::scenario::Scenario;

/// The folder named holds no `course/course.yaml`.
#[derive(Debug)]
pub(crate) struct NotACourse(pub(crate) PathBuf);

impl std::fmt::Display for NotACourse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no course found in {}: expected {}\n  = help: run peerprep inside a course folder, pass its path \
             (`peerprep build path/to/course`), or start one with the bundled course as an example",
            self.0.display(),
            config::CONFIG_PATH
        )
    }
}

impl std::error::Error for NotACourse {}

/// A loaded course.
#[derive(Debug)]
pub(crate) struct Project {
    /// The project folder.
    pub(crate) root: PathBuf,
    /// `course/course.yaml`.
    pub(crate) config: Config,
    /// Modules in course order, drafts left out.
    pub(crate) modules: Vec<Module>,
    /// Paths (relative to `course/`) of listed modules left out as drafts.
    pub(crate) drafts: HashSet<String>,
    /// Paths (relative to `course/`) of listed modules the profile leaves
    /// out (their `profiles:` or `not_profiles:`).
    pub(crate) left_out: HashSet<String>,
    /// The scenarios in `scenarios/`, sorted by file name.
    pub(crate) scenarios: Vec<Scenario>,
    /// Ids of scenario files that did not load (their errors are reported).
    pub(crate) unreadable_scenarios: HashSet<String>,
    /// `course/glossary.yaml`, when the course has one.
    pub(crate) glossary: Option<glossary::Glossary>,
    /// Index of each module by its path.
    by_path: HashMap<String, usize>,
}

impl Project {
    /// The `course/` folder.
    pub(crate) fn course_dir(&self) -> PathBuf {
        self.root.join("course")
    }

    /// The module with this path (relative to `course/`).
    pub(crate) fn module_by_path(&self, path: &str) -> Option<&Module> {
        self.by_path.get(path).map(|&i| &self.modules[i])
    }
}

/// Loads the project at `root`; with `cache`, reuses modules parsed by an earlier build when their file and
/// course.yaml are unchanged (`serve`).
pub(crate) fn load_cached(
    root: &Path,
    profile: Option<&str>,
    out: &mut Diagnostics,
    cache: Option<&crate::cache::Store<(Option<Module>, Diagnostics)>>,
) -> Result<Option<Project>, NotACourse> {
    if !root.join(config::CONFIG_PATH).is_file() {
        return Err(NotACourse(root.to_path_buf()));
    }
    read::forget_folders();
    let config = match crate::load::read::read_source(root, Path::new(config::CONFIG_PATH)) {
        Ok(source) => config::load(source, profile, out),
        Err(d) => {
            out.push(d);
            None
        }
    };
    let Some(config) = config else {
        return Ok(None);
    };
    let config_hash = hash_of(&(&config.source.text, profile));
    let language = translation::active(&config);
    let loaded: Vec<(Option<Module>, Diagnostics)> = config
        .modules
        .par_iter()
        .map(|entry| {
            let mut diagnostics = Diagnostics::new();
            let original = Path::new("course").join(&entry.path);
            if !root.join(&original).is_file() {
                diagnostics.push(
                    yaml::locate_str(
                        Diagnostic::error(
                            Code::ModuleMissing,
                            format!("module file \"{}\" does not exist", entry.path),
                        ),
                        &config.source,
                        &entry.listed_at,
                        0,
                    )
                    .with_help(format!(
                        "create course/{} or remove it from `modules:`",
                        entry.path
                    )),
                );
                return (None, diagnostics);
            }
            let relative = match &language {
                Some(language) => translation::translated(root, &original, language)
                    .unwrap_or_else(|| original.clone()),
                None => original.clone(),
            };
            let untranslated = language.is_some() && relative == original;
            let stamp = cache.and_then(|_| stamp::file_stamp(&root.join(&relative)));
            let stamp_key = stamp.map(|(stamp, _)| hash_of(&(config_hash, &entry.path, stamp)));
            if let (Some(cache), Some(key)) = (cache, stamp_key)
                && let Some(kept) = cache.get(key)
            {
                return (kept.0.clone(), kept.1.clone());
            }
            let src = match crate::load::read::read_source(root, &relative) {
                Ok(src) => src,
                Err(d) => {
                    diagnostics.push(d);
                    return (None, diagnostics);
                }
            };
            if relative != original
                && let Ok(first) = crate::load::read::read_source(root, &original)
            {
                diagnostics.extend(translation::compare_module(
                    &first.text,
                    &src.text,
                    &relative,
                    &original,
                ));
            }
            let load = |src, diagnostics: &mut Diagnostics| {
                module::load(&entry.path, src, &config, diagnostics).map(|mut m| {
                    m.untranslated = untranslated;
                    m
                })
            };
            let Some(cache) = cache else {
                let module = load(src, &mut diagnostics);
                return (module, diagnostics);
            };
            let source_hash = hash_of(&(config_hash, &entry.path, &src.text)).max(1);
            let module = load(src, &mut diagnostics).map(|mut m| {
                m.source_hash = source_hash;
                m
            });
            // A file changed in the last moments may change again within the
            // file system's clock tick, unseen by its times: read it again
            // next time (git's "racily clean" rule).
            if let (Some(key), Some((_, true))) = (stamp_key, stamp) {
                cache.keep(
                    key,
                    std::sync::Arc::new((module.clone(), diagnostics.clone())),
                );
            }
            (module, diagnostics)
        })
        .collect();
    let mut modules = Vec::new();
    for (module, diagnostics) in loaded {
        out.extend(diagnostics);
        if let Some(m) = module {
            modules.push(m);
        }
    }
    for m in modules.iter().filter(|m| m.draft) {
        if let Some(entry) = config.modules.iter().find(|e| e.path == m.path) {
            out.push(
                yaml::locate_str(
                    Diagnostic::warning(
                        Code::DraftListed,
                        format!("\"{}\" is a draft and is left out of the build", m.path),
                    ),
                    &config.source,
                    &entry.listed_at,
                    0,
                )
                .with_help("remove `draft: true` to publish it, or remove it from `modules:`"),
            );
        }
    }
    let drafts = modules
        .iter()
        .filter(|m| m.draft)
        .map(|m| m.path.clone())
        .collect();
    modules.retain(|m| !m.draft);
    let left_out = modules
        .iter()
        .filter(|m| !m.audience.includes(profile))
        .map(|m| m.path.clone())
        .collect();
    modules.retain(|m| m.audience.includes(profile));
    if let Some(language) = &language {
        for m in modules.iter().filter(|m| m.untranslated) {
            out.push(translation::missing(
                &Path::new("course").join(&m.path),
                language,
            ));
        }
    }
    check_slugs(&modules, out);
    warn_unlisted(root, &config, out);
    let scenario::Loaded {
        scenarios,
        unreadable: unreadable_scenarios,
    } = scenario::load_all(root, &config, out);
    let glossary = glossary::load(root, &config, out);
    let by_path = modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.path.clone(), i))
        .collect();
    Ok(Some(Project {
        root: root.to_path_buf(),
        config,
        modules,
        drafts,
        left_out,
        scenarios,
        unreadable_scenarios,
        glossary,
        by_path,
    }))
}

fn check_slugs(modules: &[Module], out: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Module> = HashMap::new();
    for m in modules {
        if m.slug.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(m.slug.as_str()) {
            let d = Diagnostic::error(
                Code::DuplicateSlug,
                format!(
                    "slug \"{}\" is already used by course/{}",
                    m.slug, first.path
                ),
            )
            .with_help("give one of them a different `slug:` in its front matter");
            out.push(match &m.slug_at {
                Some(s) => yaml::locate_str(d, &m.source, s, 1),
                None => d.in_file(&m.source.path),
            });
        } else {
            seen.insert(&m.slug, m);
        }
    }
}

fn warn_unlisted(root: &Path, config: &Config, out: &mut Diagnostics) {
    let listed: HashSet<&str> = config.modules.iter().map(|e| e.path.as_str()).collect();
    let suffixes = translation::suffixes(config);
    let is_translation = |rel: &str| {
        translation::original_of(rel, &suffixes).is_some_and(|o| listed.contains(o.as_str()))
    };
    let course = root.join("course");
    let mut unlisted: Vec<String> = walkdir::WalkDir::new(&course)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&course).ok()?;
            Some(rel.to_string_lossy().replace('\\', "/"))
        })
        .filter(|rel| {
            !listed.contains(rel.as_str())
                && !is_translation(rel)
                && !rel.eq_ignore_ascii_case("readme.md")
        })
        .collect();
    unlisted.sort();
    for rel in unlisted {
        out.push(
            Diagnostic::warning(
                Code::ModuleNotListed,
                "module file is not listed in course.yaml, so it is not built",
            )
            .in_file(Path::new("course").join(&rel))
            .with_help(format!(
                "add `- {rel}` under `modules:` in course/course.yaml, or delete the file"
            )),
        );
    }
}
