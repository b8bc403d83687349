//! File-system helpers whose errors always name the path (mdBook habit).

use std::io;
use std::path::{Path, PathBuf};

/// An I/O failure with the path it happened on.
#[derive(Debug)]
pub(crate) struct IoError {
    /// What peerprep was doing, e.g. "write".
    pub(crate) action: &'static str,
    /// The path involved.
    pub(crate) path: PathBuf,
    /// The operating system's error.
    pub(crate) source: io::Error,
}

impl std::fmt::Display for IoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot {} {}: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

fn wrap<T>(action: &'static str, path: &Path, r: io::Result<T>) -> Result<T, IoError> {
    r.map_err(|source| IoError {
        action,
        path: path.to_path_buf(),
        source,
    })
}

/// Takes an exclusive lock on the file at `path` (created if missing),
/// waiting for another process that holds it; `waiting` runs once if it must
/// wait. The lock lasts as long as the returned file is open.
pub(crate) fn lock_file(path: &Path, waiting: impl FnOnce()) -> Result<std::fs::File, IoError> {
    let file = wrap(
        "open the lock file",
        path,
        std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path),
    )?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting();
            wrap("lock", path, file.lock())?;
            Ok(file)
        }
        Err(std::fs::TryLockError::Error(e)) => wrap("lock", path, Err(e)),
    }
}

/// Writes a file piece by piece: `produce` writes into a buffered file
/// (created, with its parent folders), which is flushed at the end.
pub(crate) fn write_with(
    path: &Path,
    produce: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
) -> Result<(), IoError> {
    use std::io::Write;
    let file = wrap(
        "create",
        path,
        in_new_folders(path, || std::fs::File::create(path)),
    )?;
    let mut out = io::BufWriter::with_capacity(64 * 1024, file);
    wrap("write", path, produce(&mut out))?;
    wrap("write", path, out.flush())
}

/// Writes a file, creating its parent folders.
pub(crate) fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<(), IoError> {
    wrap(
        "write",
        path,
        in_new_folders(path, || std::fs::write(path, &contents)),
    )
}

/// Runs `make`, which creates `path`; when `path`'s folder does not exist
/// yet, creates the folders and runs it again. (Creating the folders first
/// every time would cost a `mkdir` per file, each holding a lock on the
/// parent folder that parallel writers then wait for.)
pub(crate) fn in_new_folders<T>(
    path: &Path,
    mut make: impl FnMut() -> io::Result<T>,
) -> io::Result<T> {
    match make() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            make()
        }
        done => done,
    }
}

/// Creates a folder and its parents.
pub(crate) fn create_dir_all(path: &Path) -> Result<(), IoError> {
    wrap("create folder", path, std::fs::create_dir_all(path))
}

/// Removes a folder and everything in it.
pub(crate) fn remove_dir_all(path: &Path) -> Result<(), IoError> {
    wrap("remove", path, std::fs::remove_dir_all(path))
}

/// Renames a file or folder.
pub(crate) fn rename(from: &Path, to: &Path) -> Result<(), IoError> {
    wrap("rename", from, std::fs::rename(from, to))
}

/// Makes the new folder `target` whole or not at all: `fill` writes into a
/// staging folder beside it (`.peerprep-<what>-<pid>`), which is moved into
/// place only when `fill` succeeded, replacing `target` if it exists (the
/// caller has checked it is empty). On failure the staging folder is removed.
pub(crate) fn create_dir_staged(
    target: &Path,
    what: &str,
    fill: impl FnOnce(&Path) -> Result<(), IoError>,
) -> Result<(), IoError> {
    let absolute = std::path::absolute(target).unwrap_or_else(|_| target.to_path_buf());
    let parent = absolute.parent().unwrap_or(Path::new("/"));
    create_dir_all(parent)?;
    let staging = parent.join(format!(".peerprep-{what}-{}", std::process::id()));
    if staging.exists() {
        remove_dir_all(&staging)?;
    }
    create_dir_all(&staging)?;
    let moved = fill(&staging).and_then(|()| {
        if absolute.exists() {
            remove_dir_all(&absolute)?;
        }
        rename(&staging, &absolute)
    });
    if moved.is_err() && staging.exists() {
        let _ = remove_dir_all(&staging);
    }
    moved
}

/// Copies a file, creating the target's parent folders.
pub(crate) fn copy(from: &Path, to: &Path) -> Result<(), IoError> {
    wrap("copy", from, in_new_folders(to, || std::fs::copy(from, to))).map(|_| ())
}

/// Reads a whole file.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, IoError> {
    wrap("read", path, std::fs::read(path))
}
