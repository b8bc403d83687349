//! Watching the course's sources: `course/` (modules and `course.yaml`),
//! `scenarios/` and `themes/`, through a debounced file watcher, so a burst
//! of saves becomes one rebuild. Output folders and everything else in the
//! project folder are ignored.
//!
//! Every real folder under the three is watched on its own (not
//! recursively), found by a walk that never follows a symbolic link: a link
//! such as `course/rootlink -> /` is not walked, so start-up does not crawl
//! the disk, and a link that leads out of the watched folders is named once
//! in a note. A folder that cannot be watched gets a warning naming it; the
//! others are still watched. After a batch of events that may add or remove
//! folders, the walk runs again and the watches follow it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{self, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache, new_debouncer_opt,
};

/// The folders watched, relative to the project folder.
pub(crate) const WATCHED: [&str; 3] = crate::load::stamp::SOURCE_FOLDERS;
/// How long the sources must be quiet before a rebuild starts.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(50);

/// A running watcher and the batches of changed paths it reports.
pub(crate) struct Watch {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
    root: PathBuf,
    /// The real folders watched now.
    watching: BTreeSet<PathBuf>,
    /// Folders that could not be watched (each warned about once).
    refused: BTreeSet<PathBuf>,
    /// Folders that could not be read (each warned about once).
    unreadable: BTreeSet<PathBuf>,
    /// Links out of the watched folders already named in a note.
    links: BTreeSet<PathBuf>,
}

/// What a walk of the watched folders found.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Found {
    /// Every real folder (never one reached through a link).
    pub(crate) folders: BTreeSet<PathBuf>,
    /// Links whose target lies outside the watched folders, with that target.
    pub(crate) links_out: Vec<(PathBuf, PathBuf)>,
    /// Folders that could not be read, with the reason.
    pub(crate) unreadable: Vec<(PathBuf, String)>,
}

impl Watch {
    /// Starts watching the sources of the project at `root`; warnings and
    /// notes about what is not watched go to stderr.
    pub(crate) fn start(root: &Path) -> Result<Self, String> {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let (tx, events) = channel();
        let config = notify::Config::default().with_follow_symlinks(false);
        let mut debouncer = new_debouncer_opt(DEBOUNCE, None, tx, RecommendedCache::new(), config)
            .map_err(|e| format!("cannot watch files: {e}"))?;
        // The project folder itself, not recursively: to see `scenarios/`
        // or `themes/` appear.
        debouncer
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let mut watch = Self {
            debouncer,
            events,
            root,
            watching: BTreeSet::new(),
            refused: BTreeSet::new(),
            unreadable: BTreeSet::new(),
            links: BTreeSet::new(),
        };
        watch.sync();
        Ok(watch)
    }

    /// The line that says what is watched: true as written, so it names
    /// the exceptions when a folder could not be watched.
    pub(crate) fn summary(&self) -> String {
        let mut line = String::from("Watching course/, scenarios/ and themes/");
        if !self.refused.is_empty() || !self.unreadable.is_empty() {
            line.push_str(", except the folders named above");
        }
        line
    }

    /// Walks the watched folders again and makes the watches match.
    fn sync(&mut self) {
        let found = walk(&self.root);
        for (folder, why) in &found.unreadable {
            if self.unreadable.insert(folder.clone()) {
                eprintln!("{}", cannot_watch(&self.root, folder, why));
            }
        }
        self.unreadable
            .retain(|folder| found.unreadable.iter().any(|(f, _)| f == folder));
        for (link, target) in &found.links_out {
            if self.links.insert(link.clone()) {
                eprintln!(
                    "note: {} is a symbolic link to {}, outside course/, scenarios/ and themes/: it is not followed, so changes there are not watched",
                    shown(&self.root, link),
                    target.display()
                );
            }
        }
        let debouncer = &mut self.debouncer;
        let warnings = apply(
            &mut self.watching,
            &mut self.refused,
            &found.folders,
            |folder, change| match change {
                Change::Watch => debouncer
                    .watch(folder, RecursiveMode::NonRecursive)
                    .map_err(|e| e.to_string()),
                Change::Unwatch => {
                    // A folder that is gone may have taken its watch with it.
                    let _ = debouncer.unwatch(folder);
                    Ok(())
                }
            },
        );
        for (folder, why) in warnings {
            eprintln!("{}", cannot_watch(&self.root, &folder, &why));
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
            if events.iter().any(may_add_or_remove_folders) {
                self.sync();
            }
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

/// Whether an event may have created, removed or renamed a folder.
fn may_add_or_remove_folders(event: &DebouncedEvent) -> bool {
    matches!(
        event.event.kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Name(_) | ModifyKind::Any)
            | EventKind::Any
            | EventKind::Other
    )
}

/// Every real folder under the watched folders of `root`, never following a
/// link (the three folders themselves are followed if they are links), and
/// the links that lead out of them.
pub(crate) fn walk(root: &Path) -> Found {
    let mut found = Found::default();
    let tops: Vec<PathBuf> = WATCHED
        .iter()
        .map(|name| root.join(name))
        .filter(|top| top.is_dir())
        .collect();
    let real_tops: Vec<PathBuf> = tops.iter().filter_map(|t| t.canonicalize().ok()).collect();
    for top in &tops {
        for entry in walkdir::WalkDir::new(top).follow_links(false) {
            match entry {
                Ok(entry) if entry.file_type().is_dir() => {
                    found.folders.insert(entry.into_path());
                }
                Ok(entry) if entry.path_is_symlink() => {
                    // A link whose target is inside the watched folders is
                    // seen there; one that leads out is named.
                    if let Ok(target) = entry.path().canonicalize()
                        && !real_tops.iter().any(|t| target.starts_with(t))
                    {
                        found.links_out.push((entry.into_path(), target));
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    let folder = e.path().unwrap_or(top).to_path_buf();
                    let why = e
                        .io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string);
                    found.unreadable.push((folder, why));
                }
            }
        }
    }
    found
}

/// A change to the watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Watch,
    Unwatch,
}

/// Watches the folders of `found` not yet in `watching` and stops watching
/// those gone, through `change`. Returns the folders that could not be
/// watched (not already in `refused`), with the reason; the rest are
/// watched regardless.
fn apply(
    watching: &mut BTreeSet<PathBuf>,
    refused: &mut BTreeSet<PathBuf>,
    found: &BTreeSet<PathBuf>,
    mut change: impl FnMut(&Path, Change) -> Result<(), String>,
) -> Vec<(PathBuf, String)> {
    let gone: Vec<PathBuf> = watching.difference(found).cloned().collect();
    for folder in gone {
        let _ = change(&folder, Change::Unwatch);
        watching.remove(&folder);
    }
    refused.retain(|folder| found.contains(folder));
    let mut warnings = Vec::new();
    for folder in found.difference(&watching.clone()) {
        match change(folder, Change::Watch) {
            Ok(()) => {
                watching.insert(folder.clone());
                refused.remove(folder);
            }
            Err(why) => {
                if refused.insert(folder.clone()) {
                    warnings.push((folder.clone(), why));
                }
            }
        }
    }
    warnings
}

/// The warning for a folder that is not watched.
fn cannot_watch(root: &Path, folder: &Path, why: &str) -> String {
    format!(
        "warning: cannot watch {}: {why}\n  = help: changes in that folder are not seen until peerprep serve is restarted; the other folders are still watched",
        shown(root, folder)
    )
}

/// A path as the user knows it: relative to the project, with forward slashes.
fn shown(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.to_string_lossy().replace('\\', "/")
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

    #[cfg(unix)]
    #[test]
    fn issue_15_the_walk_does_not_follow_links() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().canonicalize().expect("canonical");
        std::fs::create_dir_all(root.join("course/images")).expect("mkdir");
        std::fs::create_dir_all(root.join("themes/default")).expect("mkdir");
        std::os::unix::fs::symlink("/", root.join("course/rootlink")).expect("link");
        std::os::unix::fs::symlink("images", root.join("course/pictures")).expect("link");
        std::os::unix::fs::symlink("/nowhere", root.join("course/dangling")).expect("link");
        let found = walk(&root);
        let folders: Vec<String> = found.folders.iter().map(|f| shown(&root, f)).collect();
        assert_eq!(
            folders,
            ["course", "course/images", "themes", "themes/default"]
        );
        assert_eq!(
            found.links_out,
            [(root.join("course/rootlink"), PathBuf::from("/"))]
        );
        assert!(found.unreadable.is_empty(), "{:?}", found.unreadable);
    }

    #[test]
    fn issue_15_a_folder_that_cannot_be_watched_is_named_and_the_rest_are_watched() {
        let found: BTreeSet<PathBuf> = ["/p/course", "/p/course/locked", "/p/themes"]
            .iter()
            .map(PathBuf::from)
            .collect();
        let mut watching = BTreeSet::new();
        let mut refused = BTreeSet::new();
        let mut unwatched = Vec::new();
        let mut change = |f: &Path, change: Change| match change {
            Change::Watch if f.ends_with("locked") => Err("Permission denied".to_owned()),
            Change::Watch => Ok(()),
            Change::Unwatch => {
                unwatched.push(f.to_path_buf());
                Ok(())
            }
        };
        let warnings = apply(&mut watching, &mut refused, &found, &mut change);
        assert_eq!(
            warnings,
            [(
                PathBuf::from("/p/course/locked"),
                "Permission denied".to_owned()
            )]
        );
        assert_eq!(
            watching,
            ["/p/course", "/p/themes"]
                .iter()
                .map(PathBuf::from)
                .collect()
        );
        // Asked again, it tries again but does not repeat the warning.
        let warnings = apply(&mut watching, &mut refused, &found, &mut change);
        assert!(warnings.is_empty());
        // A folder that is gone is no longer watched.
        let fewer: BTreeSet<PathBuf> = [PathBuf::from("/p/course")].into_iter().collect();
        apply(&mut watching, &mut refused, &fewer, &mut change);
        assert_eq!(unwatched, [PathBuf::from("/p/themes")]);
        assert!(refused.is_empty());
        let line = cannot_watch(
            Path::new("/p"),
            Path::new("/p/course/locked"),
            "Permission denied",
        );
        assert!(line.starts_with("warning: cannot watch course/locked: Permission denied"));
    }
}
