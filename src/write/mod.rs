//! The site writer: the last stage. Pages are written into a staging folder
//! beside the target and swapped in only when everything is written, so a
//! failed or interrupted build leaves the previous output as it was.
//!
//! Safety rules (SPEC.md): the output may not be `/`, the home folder, the
//! project folder, one of its ancestors, or a source folder (or inside one);
//! an existing non-empty folder is replaced only if it holds peerprep's
//! marker file, which every folder peerprep creates does. Runs that write to
//! the same folder take turns: each holds a lock on a hidden file beside it
//! (`.public.lock`) from start to finish, so two builds never interleave.

pub(crate) mod memory;
mod reuse;
mod up_to_date;

pub(crate) use up_to_date::{Record, UpToDate, up_to_date};

pub(crate) use crate::render::sink::{Sink, gather};

use std::path::{Component, Path, PathBuf};

use crate::fs::{self, IoError};

/// The marker file in every output folder peerprep creates.
pub(crate) const MARKER: &str = ".peerprep-output";

/// The line of the marker file that says what the folder holds.
const KIND_LINE: &str = "peerprep-output: ";

/// What an output folder holds. Each kind replaces only its own kind, so
/// `certificates --out public` cannot replace a built site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutputKind {
    /// A course site (`build`).
    Site,
    /// Certificates (`certificates`).
    Certificates,
    /// A cohort report (`report`).
    Report,
    /// Packages for an LMS (`package`).
    Package,
}

impl OutputKind {
    /// The name written in the marker.
    fn name(self) -> &'static str {
        match self {
            OutputKind::Site => "site",
            OutputKind::Certificates => "certificates",
            OutputKind::Report => "report",
            OutputKind::Package => "package",
        }
    }

    /// The command that makes it.
    fn command(self) -> &'static str {
        match self {
            OutputKind::Site => "peerprep build",
            OutputKind::Certificates => "peerprep certificates",
            OutputKind::Report => "peerprep report",
            OutputKind::Package => "peerprep package",
        }
    }

    fn marker_text(self) -> String {
        format!(
            "This folder was made by `{}`. It is replaced each time: do not edit files here.\n{KIND_LINE}{}\n",
            self.command(),
            self.name()
        )
    }

    /// The kind a marker file's text names (None for markers written before
    /// kinds were recorded, which any kind may replace).
    fn of_marker(text: &str) -> Option<Self> {
        let name = text.lines().find_map(|l| l.strip_prefix(KIND_LINE))?.trim();
        [
            OutputKind::Site,
            OutputKind::Certificates,
            OutputKind::Report,
            OutputKind::Package,
        ]
        .into_iter()
        .find(|k| k.name() == name)
    }
}

/// Why a build may not write to an output folder, or could not.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// The folder is one peerprep must never write to.
    Unsafe {
        /// The folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file system failed.
    Io(IoError),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Unsafe { path, reason } => {
                write!(
                    f,
                    "refusing to write the site to {}: {reason}",
                    path.display()
                )
            }
            WriteError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<IoError> for WriteError {
    fn from(e: IoError) -> Self {
        WriteError::Io(e)
    }
}

impl Sink for Staging {
    fn write(&self, relative: &str, contents: &[u8]) -> Result<(), IoError> {
        self.previous
            .write(relative, &self.path_of(relative), contents)
    }
    fn copy(&self, relative: &str, from: &Path) -> Result<(), IoError> {
        self.previous.copy(relative, &self.path_of(relative), from)
    }
    fn write_with(
        &self,
        relative: &str,
        produce: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), IoError> {
        self.previous
            .write_with(relative, &self.path_of(relative), produce)
    }
}

/// A folder being filled, not yet visible at the target.
#[derive(Debug)]
pub(crate) struct Staging {
    target: PathBuf,
    dir: PathBuf,
    finished: bool,
    /// The previous output, whose unchanged files are kept rather than written.
    previous: reuse::Previous,
    /// Held until the build ends, so builds into one folder take turns.
    _lock: std::fs::File,
}

impl Staging {
    /// Checks `target` and creates a staging folder beside it. When `target`
    /// is a symbolic link to a folder, the folder it names is built into (the
    /// lock and staging folder sit beside that folder), so the link stays.
    pub(crate) fn new(project: &Path, target: &Path, kind: OutputKind) -> Result<Self, WriteError> {
        let target = resolve_link(&absolute(target))?;
        check_target(project, &target, kind)?;
        let parent = target.parent().unwrap_or(Path::new("/"));
        fs::create_dir_all(parent)?;
        let lock = fs::lock_file(&sibling(&target, "lock"), || {
            eprintln!(
                "Waiting for another peerprep run that is writing to {}…",
                target.display()
            );
        })?;
        recover(&target)?;
        let previous = reuse::Previous::new(target.join(MARKER).is_file().then(|| target.clone()));
        let dir = sibling(&target, &format!("staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        fs::write(&dir.join(MARKER), kind.marker_text().as_bytes())?;
        Ok(Self {
            target,
            dir,
            finished: false,
            previous,
            _lock: lock,
        })
    }

    fn path_of(&self, relative: &str) -> PathBuf {
        debug_assert!(
            Path::new(relative)
                .components()
                .all(|c| matches!(c, Component::Normal(_))),
            "unsafe output path {relative}"
        );
        self.dir.join(relative)
    }

    /// The folder being filled (for tools that write into it directly).
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The final folder.
    pub(crate) fn target(&self) -> &Path {
        &self.target
    }

    /// How many files were kept unchanged from the previous output, and how
    /// many written.
    pub(crate) fn counts(&self) -> (usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        (
            self.previous.kept.load(Relaxed),
            self.previous.written.load(Relaxed),
        )
    }

    /// Swaps the staging folder in for the target.
    pub(crate) fn finish(mut self) -> Result<(), IoError> {
        let old = sibling(&self.target, &format!("old-{}", std::process::id()));
        let had_old = self.target.exists();
        if had_old {
            fs::rename(&self.target, &old)?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.finished = true;
        if had_old {
            // The new site is in place; a leftover old copy is removed on the next build.
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// A hidden folder beside `target`, e.g. `.public.staging-123`.
fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy());
    target.with_file_name(format!(".{name}.{suffix}"))
}

/// Tidies what a killed build left: restores an output that was moved aside
/// but never replaced, and removes stale staging and old folders of ours.
fn recover(target: &Path) -> Result<(), IoError> {
    let Some(parent) = target.parent() else {
        return Ok(());
    };
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Ok(());
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let mut leftovers: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(&format!(".{name}.staging-"))
                    || n.starts_with(&format!(".{name}.old-"))
            }) && (p.join(MARKER).is_file() || is_empty_dir(p))
        })
        .collect();
    leftovers.sort();
    for path in leftovers {
        let is_old = path.to_string_lossy().contains(&format!(".{name}.old-"));
        if is_old && !target.exists() {
            fs::rename(&path, target)?;
        } else {
            fs::remove_dir_all(&path)?;
        }
    }
    Ok(())
}

/// Whether `path` is a folder with nothing in it (a staging folder killed
/// before its marker was written).
fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_none())
}

/// The absolute, lexically normalised form of `path`.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The real path when it exists (symlinks resolved), else the lexical one.
fn real(path: &Path) -> PathBuf {
    path.canonicalize()
        .unwrap_or_else(|_| match (path.parent(), path.file_name()) {
            (Some(parent), Some(name)) => real(parent).join(name),
            _ => path.to_path_buf(),
        })
}

/// The folder a symbolic link `target` names, or `target` itself when it is
/// no link; a link to nothing is refused.
fn resolve_link(target: &Path) -> Result<PathBuf, WriteError> {
    let is_link = std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(target.to_path_buf());
    }
    target.canonicalize().map_err(|_| WriteError::Unsafe {
        path: target.to_path_buf(),
        reason: "it is a symbolic link to a folder that does not exist; create that folder, or remove the link".to_owned(),
    })
}

/// Refuses an output folder that peerprep must never replace, or that holds
/// another kind of output.
pub(crate) fn check_target(
    project: &Path,
    target: &Path,
    kind: OutputKind,
) -> Result<(), WriteError> {
    let unsafe_because = |reason: &str| WriteError::Unsafe {
        path: target.to_path_buf(),
        reason: reason.to_owned(),
    };
    let target_real = real(&absolute(target));
    let project_real = real(&absolute(project));
    if target_real.parent().is_none() {
        return Err(unsafe_because("it is the root of the file system"));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && real(&home) == target_real
    {
        return Err(unsafe_because("it is your home folder"));
    }
    if project_real.starts_with(&target_real) {
        return Err(unsafe_because("it is the project folder or contains it"));
    }
    for source in ["course", "scenarios", "themes"] {
        if target_real.starts_with(project_real.join(source)) {
            return Err(unsafe_because(&format!(
                "it is inside the {source}/ source folder"
            )));
        }
    }
    if target_real.is_file() {
        return Err(unsafe_because("it is a file, not a folder"));
    }
    if target_real.is_dir() && !target_real.join(MARKER).is_file() && !is_empty_dir(&target_real) {
        return Err(unsafe_because(&format!(
            "it is not empty and was not made by peerprep (no {MARKER} file); choose another --out or empty it first"
        )));
    }
    let marker = std::fs::read_to_string(target_real.join(MARKER)).unwrap_or_default();
    if let Some(other) = OutputKind::of_marker(&marker).filter(|&k| k != kind) {
        return Err(unsafe_because(&format!(
            "it holds the output of `{}`, which `{}` does not replace; choose another --out",
            other.command(),
            kind.command()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_targets() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("proj");
        std::fs::create_dir_all(project.join("course")).unwrap();
        assert!(check_target(&project, Path::new("/"), OutputKind::Site).is_err());
        assert!(check_target(&project, &project, OutputKind::Site).is_err());
        assert!(check_target(&project, dir.path(), OutputKind::Site).is_err());
        assert!(check_target(&project, &project.join("course"), OutputKind::Site).is_err());
        assert!(check_target(&project, &project.join("course/out"), OutputKind::Site).is_err());
        assert!(check_target(&project, &project.join("public"), OutputKind::Site).is_ok());
        let foreign = dir.path().join("photos");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("cat.jpg"), b"x").unwrap();
        assert!(check_target(&project, &foreign, OutputKind::Site).is_err());
    }

    #[test]
    fn each_kind_of_output_replaces_only_its_own_kind() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p");
        let out = dir.path().join("public");
        let site = Staging::new(&project, &out, OutputKind::Site).unwrap();
        site.finish().unwrap();
        let refused = Staging::new(&project, &out, OutputKind::Certificates).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("holds the output of `peerprep build`"),
            "{refused}"
        );
        assert!(Staging::new(&project, &out, OutputKind::Site).is_ok());
        // A marker from before kinds were recorded: any kind may replace it.
        std::fs::write(out.join(MARKER), "This folder was made by peerprep.\n").unwrap();
        assert!(check_target(&project, &out, OutputKind::Report).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn an_output_folder_that_is_a_link_is_built_into_and_the_link_kept() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p");
        let real = dir.path().join("www");
        let link = dir.path().join("public");
        std::fs::create_dir_all(&real).unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let staging = Staging::new(&project, &link, OutputKind::Site).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.finish().unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(real.join("index.html")).unwrap(),
            "new"
        );
        let dangling = dir.path().join("gone");
        std::os::unix::fs::symlink(dir.path().join("nothing"), &dangling).unwrap();
        let refused = Staging::new(&project, &dangling, OutputKind::Site).unwrap_err();
        assert!(refused.to_string().contains("does not exist"), "{refused}");
    }

    #[test]
    fn a_dropped_staging_leaves_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::new(dir.path().join("p").as_path(), &out, OutputKind::Site).unwrap();
        first.write("index.html", b"one").unwrap();
        first.finish().unwrap();
        let second = Staging::new(dir.path().join("p").as_path(), &out, OutputKind::Site).unwrap();
        second.write("index.html", b"two").unwrap();
        drop(second);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "one"
        );
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, [".public.lock", "public"]);
    }

    #[test]
    fn removes_a_staging_folder_killed_before_its_marker() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(dir.path().join(".public.staging-1")).unwrap();
        let staging = Staging::new(dir.path().join("p").as_path(), &out, OutputKind::Site).unwrap();
        drop(staging);
        assert!(!dir.path().join(".public.staging-1").exists());
    }

    #[test]
    fn recovers_an_output_moved_aside_by_a_killed_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let old = dir.path().join(".public.old-1");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join(MARKER), "x").unwrap();
        std::fs::write(old.join("index.html"), "previous").unwrap();
        let staging = Staging::new(dir.path().join("p").as_path(), &out, OutputKind::Site).unwrap();
        drop(staging);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "previous"
        );
    }
}
