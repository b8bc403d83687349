//! Reading course files as checked UTF-8 text.
//!
//! Input: a path inside the project. Output: a [`SourceFile`] or a located
//! [`Diagnostic`] for a file that is too large, not UTF-8, unreadable, or a
//! symlink that leads outside the project.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::Code;
use crate::source::SourceFile;

/// The largest source file peerprep reads (SPEC: 5 MiB).
pub(crate) const MAX_SOURCE_BYTES: u64 = 5 * 1024 * 1024;

/// Reads `root/relative` as course text, checking size, encoding and symlinks.
pub(crate) fn read_source(root: &Path, relative: &Path) -> Result<SourceFile, Diagnostic> {
    let full = root.join(relative);
    check_inside(root, relative, "the project folder")?;
    let meta = std::fs::metadata(&full).map_err(|e| {
        Diagnostic::error(Code::Unreadable, format!("cannot read this file: {e}")).in_file(relative)
    })?;
    if meta.len() > MAX_SOURCE_BYTES {
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            format!(
                "file is {} bytes, over the {} MiB limit",
                meta.len(),
                MAX_SOURCE_BYTES / 1024 / 1024
            ),
        )
        .in_file(relative)
        .with_help("split it into smaller files"));
    }
    let bytes = std::fs::read(&full).map_err(|e| {
        Diagnostic::error(Code::Unreadable, format!("cannot read this file: {e}")).in_file(relative)
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(relative, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Diagnostic {
                line,
                column: 1,
                ..Diagnostic::error(
                    Code::NotUtf8,
                    format!("file is not UTF-8 text (bad byte at line {line})"),
                )
                .in_file(relative)
                .with_help("save the file as UTF-8 in your editor")
            })
        }
    }
}

/// Refuses a path whose real location (after symlinks) is outside `root`,
/// which the message calls `what` ("the project folder").
pub(crate) fn check_inside(root: &Path, relative: &Path, what: &str) -> Result<(), Diagnostic> {
    let full = root.join(relative);
    let (Some(real_root), Some(real)) = (real_folder(root), real_path(&full)) else {
        // Missing files are reported by the caller with a better message.
        return Ok(());
    };
    if real.starts_with(&real_root) {
        Ok(())
    } else {
        Err(Diagnostic::error(
            Code::SymlinkOutsideProject,
            format!("this path leads outside {what} (to {})", real.display()),
        )
        .in_file(relative)
        .with_help("copy the file into the project instead of linking to it"))
    }
}

/// Real folders already found, by path as given: finding one takes a system
/// call per part of its path, and every module of a course sits in the same
/// few folders. Forgotten at the start of each load ([`forget_folders`]).
static REAL_FOLDERS: std::sync::Mutex<Option<HashMap<PathBuf, PathBuf>>> =
    std::sync::Mutex::new(None);

/// Forgets the real folders found, so a folder made a link since is seen.
pub(crate) fn forget_folders() {
    *crate::cache::lock(&REAL_FOLDERS) = None;
}

/// The real path of the folder `dir` (after links), found once per load.
fn real_folder(dir: &Path) -> Option<PathBuf> {
    if let Some(found) = crate::cache::lock(&REAL_FOLDERS)
        .as_ref()
        .and_then(|known| known.get(dir))
    {
        return Some(found.clone());
    }
    let real = dir.canonicalize().ok()?;
    crate::cache::lock(&REAL_FOLDERS)
        .get_or_insert_with(HashMap::new)
        .insert(dir.to_path_buf(), real.clone());
    Some(real)
}

/// The real path of `path` (after links): its folder's real path and its
/// name, unless it is a link itself.
fn real_path(path: &Path) -> Option<PathBuf> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !meta.file_type().is_symlink() => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            Some(real_folder(parent)?.join(name))
        }
        _ => path.canonicalize().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("bad.md"), b"ok\n\xff\xfe bad\n").unwrap();
        let err = read_source(dir.path(), Path::new("bad.md")).unwrap_err();
        assert_eq!(err.code, Code::NotUtf8);
        assert_eq!(err.line, 2);
        assert_eq!(err.path.as_deref(), Some(Path::new("bad.md")));
    }
}
