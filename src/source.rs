//! Source files: a course file's text (BOM stripped) and path, and the
//! line and column a person sees for a byte offset in it. Reading files is
//! the load stage's (`load::read`).

use std::path::PathBuf;

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
}
