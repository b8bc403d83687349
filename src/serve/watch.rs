//! Watching the course's sources: `course/` (modules and `course.yaml`),
//! `scenarios/` and `themes/`, through a debounced file watcher, so a burst
//! of saves becomes one rebuild. Output folders and everything else in the
//! project folder are ignored.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// The folders watched, relative to the project folder.
pub(crate) const WATCHED: [&str; 3] = ["course", "scenarios", "themes"];
/// How long the sources must be quiet before a rebuild starts.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(50);

/// A running watcher and the batches of changed paths it reports.
pub(crate) struct Watch {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    root: PathBuf,
    watching: Vec<PathBuf>,
}

impl Watch {
    /// Starts watching the sources of the project at `root`.
    pub(crate) fn start(root: &Path) -> Result<Self, String> {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let (tx, events) = channel();
        let mut debouncer =
            new_debouncer(DEBOUNCE, None, tx).map_err(|e| format!("cannot watch files: {e}"))?;
        // The project folder itself, not recursively: to see `scenarios/`
        // or `themes/` appear.
        debouncer
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let mut watch = Self {
            debouncer,
            events,
            root,
            watching: Vec::new(),
        };
        watch.watch_new_folders();
        Ok(watch)
    }

    fn watch_new_folders(&mut self) {
        for name in WATCHED {
            let dir = self.root.join(name);
            if dir.is_dir() && !self.watching.contains(&dir) {
                let watched = self.debouncer.watch(&dir, RecursiveMode::Recursive);
                match watched {
                    Ok(()) => self.watching.push(dir),
                    Err(e) => eprintln!("warning: cannot watch {}: {e}", dir.display()),
                }
            }
        }
    }

    /// Waits for the next change to the sources and returns the changed
    /// paths (relative to the project where possible); None when the
    /// watcher has stopped.
    pub(crate) fn next_change(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            let batch = self.events.recv().ok()?;
            let events = match batch {
                Ok(events) => events,
                Err(errors) => {
                    for e in errors {
                        eprintln!("warning: file watching: {e}");
                    }
                    continue;
                }
            };
            self.watch_new_folders();
            // Reading a file (as every build does) is not a change.
            let mut changed: Vec<PathBuf> = events
                .iter()
                .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
                .flat_map(|e| e.event.paths.iter())
                .filter_map(|p| relevant(&self.root, p))
                .collect();
            changed.sort();
            changed.dedup();
            if !changed.is_empty() {
                return Some(changed);
            }
        }
    }
}

/// `path` relative to `root` when it is one of the watched sources.
pub(crate) fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    WATCHED.contains(&first).then(|| relative.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_are_relevant() {
        let root = Path::new("/p");
        assert_eq!(
            relevant(root, Path::new("/p/course/01.md")),
            Some(PathBuf::from("course/01.md"))
        );
        assert!(relevant(root, Path::new("/p/themes/default/page.html")).is_some());
        assert!(relevant(root, Path::new("/p/scenarios/a.yaml")).is_some());
        assert_eq!(relevant(root, Path::new("/p/public/index.html")), None);
        assert_eq!(relevant(root, Path::new("/p/README.md")), None);
        assert_eq!(relevant(root, Path::new("/elsewhere/course/x.md")), None);
    }
}
