//! Source files: reading course files as checked UTF-8 text, and turning byte
//! offsets into the line and column a person sees.
//!
//! Input: a path inside the project. Output: a [`SourceFile`] (BOM stripped)
//! or a located [`Diagnostic`] for a file that is too large, not UTF-8,
//! unreadable, or a symlink that leads outside the project.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::Code;

/// The largest source file peerprep reads (SPEC: 5 MiB).
pub(crate) const MAX_SOURCE_BYTES: u64 = 5 * 1024 * 1024;

/// A text file of the course, with its path relative to the project folder.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    /// Path relative to the project folder, as shown in messages.
    pub(crate) path: PathBuf,
    /// The text, without a byte-order mark (shared, so a copy of a module
    /// kept by `serve` costs nothing).
    pub(crate) text: std::sync::Arc<str>,
    line_starts: std::sync::Arc<[usize]>,
}

impl SourceFile {
    /// Wraps text that is already in memory.
    pub(crate) fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..3);
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            path: path.into(),
            text: text.into(),
            line_starts,
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line, column)
    }

    /// The text of a 1-based line, without its line ending.
    pub(crate) fn line_text(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }

    /// Byte offset where a 1-based line starts.
    pub(crate) fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }
}

/// Reads `root/relative` as course text, checking size, encoding and symlinks.
pub(crate) fn read_source(root: &Path, relative: &Path) -> Result<SourceFile, Diagnostic> {
    let full = root.join(relative);
    check_inside(root, relative)?;
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

/// Refuses a path whose real location (after symlinks) is outside `root`.
pub(crate) fn check_inside(root: &Path, relative: &Path) -> Result<(), Diagnostic> {
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
            format!(
                "this path leads outside the project folder (to {})",
                real.display()
            ),
        )
        .in_file(relative)
        .with_help("copy the file into the project instead of linking to it"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let s = SourceFile::new("a.md", "first\nré x\n");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(6), (2, 1));
        let x = s.text.find('x').unwrap();
        assert_eq!(s.line_col(x), (2, 4));
        assert_eq!(s.line_text(2), Some("ré x"));
        assert_eq!(s.line_text(9), None);
    }

    #[test]
    fn bom_is_stripped() {
        let s = SourceFile::new("a.md", "\u{feff}title: x");
        assert_eq!(&*s.text, "title: x");
    }

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
