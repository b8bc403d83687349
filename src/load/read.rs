//! Reading course files as checked UTF-8 text.
//!
//! Input: a path inside the project. Output: a [`SourceFile`] or a located
//! [`Diagnostic`] for a file that is too large, not UTF-8, unreadable, or a
//! symlink that leads outside the project.

use std::path::Path;

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
    let (Ok(real_root), Ok(real)) = (root.canonicalize(), full.canonicalize()) else {
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
