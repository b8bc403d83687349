//! The site `serve` shows: built into memory (never into `public/`), rebuilt
//! on every change, and swapped whole, so a request sees one build or the
//! next, never a mix, and waits while a rebuild is running. Only the
//! generation (the number of the newest build) is answered without waiting.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::cache::lock;
use crate::diagnostic::Diagnostics;
use crate::edition::Edition;
use crate::pipeline::Cache;
use crate::pipeline::{Validated, load_and_validate_cached};
use crate::render::{self, RenderError};
use crate::write::memory::{Files, Memory};

/// One build as served: its files, or the problems that stopped it.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    /// Counts builds, so the browser knows when to reload.
    pub(crate) generation: u64,
    /// The files of the last good build (kept while the source is broken, for its assets).
    pub(crate) files: Arc<Files>,
    /// The problems that stopped the newest build, as shown in the terminal.
    pub(crate) problems: Option<String>,
    /// The last good build's course and the files made from every module,
    /// rendered when first asked for.
    documents: Option<Arc<Documents>>,
    /// Whether a rebuild is under way (requests wait for it).
    pub(crate) building: bool,
}

/// The files of a build made from every module (the workbook, the
/// facilitator pack, the search index): rendered when one is first asked
/// for, not on every edit.
struct Documents {
    course: Validated,
    rendered: OnceLock<Result<Files, String>>,
}

impl std::fmt::Debug for Documents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Documents")
            .field("rendered", &self.rendered.get().is_some())
            .finish()
    }
}

/// What a rebuild printed.
#[derive(Debug)]
pub(crate) struct Report {
    /// Whether the build succeeded.
    pub(crate) ok: bool,
    /// Problems and warnings, as `build` prints them.
    pub(crate) messages: String,
    /// Pages built.
    pub(crate) pages: usize,
    /// How long it took.
    pub(crate) took: Duration,
}

/// The served site: the project, the newest snapshot and the compile cache.
#[derive(Debug)]
pub(crate) struct Site {
    project_dir: PathBuf,
    edition: Edition,
    profile: Option<String>,
    cache: Cache,
    state: Mutex<Snapshot>,
    changed: Condvar,
}

impl Site {
    /// A site with nothing built yet, of `edition` with `profile`'s settings.
    pub(crate) fn new(project_dir: PathBuf, edition: Edition, profile: Option<String>) -> Self {
        Self {
            project_dir,
            edition,
            profile,
            cache: Cache::default(),
            state: Mutex::new(Snapshot::default()),
            changed: Condvar::new(),
        }
    }

    /// Marks a rebuild as under way: requests from now on wait for it.
    fn start_rebuild(&self) {
        lock(&self.state).building = true;
    }

    /// Builds the course into memory and swaps it in.
    pub(crate) fn rebuild(&self) -> Report {
        self.start_rebuild();
        let started = Instant::now();
        let built = build(
            &self.project_dir,
            self.edition,
            self.profile.as_deref(),
            &self.cache,
        );
        self.cache.finish_build();
        let took = started.elapsed();
        let mut state = lock(&self.state);
        state.generation += 1;
        state.building = false;
        let report = match built {
            Ok((files, pages, warnings, course)) => {
                state.files = Arc::new(files);
                state.problems = None;
                state.documents = Some(Arc::new(Documents {
                    course,
                    rendered: OnceLock::new(),
                }));
                Report {
                    ok: true,
                    messages: warnings,
                    pages,
                    took,
                }
            }
            Err(problems) => {
                state.problems = Some(problems.clone());
                Report {
                    ok: false,
                    messages: problems,
                    pages: 0,
                    took,
                }
            }
        };
        drop(state);
        self.changed.notify_all();
        report
    }

    /// The newest snapshot's files, problems and generation, once no rebuild is running.
    pub(crate) fn current(&self) -> (Arc<Files>, Option<String>, u64) {
        let state = lock(&self.state);
        let state = self
            .changed
            .wait_while(state, |s| s.building)
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        (
            state.files.clone(),
            state.problems.clone(),
            state.generation,
        )
    }

    /// The file at `key` of the newest good build, whose other files are
    /// `files`: one of them, or one made from every module (documents,
    /// search index), rendered now when it is the first asked for since the
    /// build. Err: the problems that stopped those from rendering.
    pub(crate) fn file(&self, files: &Files, key: &str) -> Result<Option<Arc<Vec<u8>>>, String> {
        if let Some(file) = files.get(key) {
            return Ok(Some(file.clone()));
        }
        let Some(documents) = lock(&self.state).documents.clone() else {
            return Ok(None);
        };
        let rendered = documents.rendered.get_or_init(|| {
            let memory = Memory::default();
            let site = render::Site {
                documents_on_request: false,
                ..documents.course.site(self.edition)
            };
            match render::render_on_request(site, &memory, Some(self.cache.render())) {
                Ok(_) => Ok(memory.into_files()),
                Err(RenderError::Template(d)) => {
                    let mut problems = Diagnostics::new();
                    problems.push(*d);
                    Err(problems.render_human())
                }
                Err(RenderError::Io(e)) => Err(format!("error: {e}\n")),
            }
        });
        match rendered {
            Ok(files) => Ok(files.get(key).cloned()),
            Err(problems) => Err(problems.clone()),
        }
    }

    /// The newest finished build's generation, at once (a rebuild under way
    /// is not waited for: the live-reload script asks again a second later).
    pub(crate) fn generation(&self) -> u64 {
        lock(&self.state).generation
    }
}

/// Load → validate → render into memory, all but the files made from every
/// module (documents, search index). Ok:
/// the files, the page count, any warnings and the course (for the
/// documents); Err: every problem, as the terminal shows them.
fn build(
    project_dir: &Path,
    edition: Edition,
    profile: Option<&str>,
    cache: &Cache,
) -> Result<(Files, usize, String, Validated), String> {
    let mut diagnostics = Diagnostics::new();
    let validated = load_and_validate_cached(project_dir, profile, &mut diagnostics, Some(cache));
    let validated = match validated {
        Ok(v) => v,
        Err(e) => return Err(format!("error: {e}\n")),
    };
    let Some(validated) = validated.filter(|_| !diagnostics.has_errors()) else {
        return Err(diagnostics.render_human());
    };
    let memory = Memory::default();
    let site = render::Site {
        documents_on_request: true,
        ..validated.site(edition)
    };
    match render::render_site(site, &memory, Some(cache.render())) {
        Ok(written) => Ok((
            memory.into_files(),
            written.pages,
            diagnostics.render_human(),
            validated,
        )),
        Err(RenderError::Template(d)) => {
            diagnostics.push(*d);
            Err(diagnostics.render_human())
        }
        Err(RenderError::Io(e)) => Err(format!("{}error: {e}\n", diagnostics.render_human())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_course_is_a_problem_not_a_panic() {
        let dir = tempfile::tempdir().expect("tempdir");
        let site = Site::new(dir.path().to_path_buf(), Edition::Mentor, None);
        let report = site.rebuild();
        assert!(!report.ok);
        assert!(
            report.messages.contains("course.yaml"),
            "{}",
            report.messages
        );
        let (files, problems, generation) = site.current();
        assert!(files.is_empty());
        assert!(problems.is_some());
        assert_eq!(generation, 1);
        assert_eq!(site.generation(), 1);
    }

    #[test]
    fn the_printed_documents_are_rendered_when_first_asked_for_issue_20() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let site = Site::new(root, Edition::Facilitator, None);
        let report = site.rebuild();
        assert!(report.ok, "{}", report.messages);
        let (files, _, _) = site.current();
        assert!(
            files.contains_key("modules/01-what-peer-mentoring-is.html")
                || files.keys().any(|k| k.starts_with("modules/"))
        );
        let made_from_every_module = [
            "workbook.html",
            "trainer/guide.html",
            "trainer/index.html",
            "assets/search-index.js",
        ];
        for document in made_from_every_module {
            assert!(
                !files.contains_key(document),
                "{document} waits to be asked for"
            );
        }
        let rendered = |s: &Site| {
            lock(&s.state)
                .documents
                .as_ref()
                .and_then(|d| d.rendered.get().map(|_| ()))
        };
        assert!(rendered(&site).is_none(), "nothing rendered yet");
        let guide = site
            .file(&files, "trainer/guide.html")
            .unwrap()
            .expect("the guide");
        assert!(String::from_utf8_lossy(&guide).contains("<!DOCTYPE html>"));
        assert!(rendered(&site).is_some());
        let workbook = site
            .file(&files, "workbook.html")
            .unwrap()
            .expect("the workbook");
        assert!(String::from_utf8_lossy(&workbook).contains("<!DOCTYPE html>"));
        let index = site.file(&files, "assets/search-index.js").unwrap();
        assert!(index.is_some_and(|i| !i.is_empty()), "the search index");
        assert_eq!(site.file(&files, "no-such-page.html"), Ok(None));
    }
}
