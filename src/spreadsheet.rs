//! CSV files for spreadsheets, written so that no cell runs as a formula.
//!
//! Input: rows of [`Cell`]s. Output: CSV text (the `csv` crate does the
//! quoting). Excel, LibreOffice and Google Sheets run a cell that starts
//! with `=`, `+`, `-` or `@` (or a tab, carriage return or line feed before
//! one) as a formula, and a formula can fetch web addresses, read other
//! sheets or start programs. The text peerprep writes (names and titles
//! from learners' files and from the course) follows OWASP's rule for CSV
//! injection (<https://owasp.org/www-community/attacks/CSV_Injection>):
//! a text cell that starts with one of `= + - @`, tab (0x09), carriage
//! return (0x0D) or line feed (0x0A) gets a single quote `'` in front, which
//! spreadsheets read as "this is text"; and every text cell that does not
//! read as a number is put in double quotes (with its own double quotes
//! doubled), so a `,` or `;` inside it cannot start a new cell in a
//! spreadsheet that splits at either. Numbers
//! that peerprep itself counts or computes are [`Cell::Number`]s, written
//! as they are, so `-0.50` stays a number. Every CSV writer in peerprep uses
//! [`CsvFile`] (a test below checks that no other code makes a `csv`
//! writer).

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula
/// (OWASP's list).
const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    /// Text from anywhere: neutralised ([`neutralise`]) and quoted.
    Text(&'a str),
    /// A number peerprep wrote itself (a count, a mean), already formatted.
    Number(String),
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Self {
        Cell::Text(text)
    }
}

impl From<usize> for Cell<'_> {
    fn from(n: usize) -> Self {
        Cell::Number(n.to_string())
    }
}

impl From<u32> for Cell<'_> {
    fn from(n: u32) -> Self {
        Cell::Number(n.to_string())
    }
}

/// `text` as a spreadsheet reads it as text: with `'` in front when it
/// starts with a character that would make it a formula.
pub(crate) fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A CSV file being written in memory: a header row, then rows.
pub(crate) struct CsvFile {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvFile {
    /// A file whose first row is `header`.
    pub(crate) fn new(header: &[&str]) -> Self {
        // Text is quoted and numbers are not: csv's "non-numeric" style
        // quotes every field that does not read as a number, and no
        // neutralised text does (a number-like text starting with `-` or
        // `+` has its `'` by then).
        let writer = csv::WriterBuilder::new()
            .quote_style(csv::QuoteStyle::NonNumeric)
            .from_writer(Vec::new());
        let mut file = Self { writer };
        file.row(header.iter().map(|h| Cell::Text(h)));
        file
    }

    /// Adds one row.
    pub(crate) fn row<'a>(&mut self, cells: impl IntoIterator<Item = Cell<'a>>) {
        let fields: Vec<Cow<'_, str>> = cells
            .into_iter()
            .map(|cell| match cell {
                Cell::Text(text) => neutralise(text),
                Cell::Number(n) => Cow::Owned(n),
            })
            .collect();
        // Writing into memory cannot fail.
        let _ = self
            .writer
            .write_record(fields.iter().map(|f| f.as_bytes()));
    }

    /// The file's bytes.
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.writer.into_inner().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(rows: &[Vec<Cell<'_>>]) -> String {
        let mut file = CsvFile::new(&["a", "b"]);
        for row in rows {
            file.row(row.iter().cloned());
        }
        String::from_utf8(file.into_bytes()).unwrap()
    }

    #[test]
    fn text_that_would_be_a_formula_is_made_text() {
        for start in FORMULA_STARTS {
            let text = format!("{start}HYPERLINK(\"http://x.invalid\")");
            assert_eq!(neutralise(&text), format!("'{text}"));
        }
        assert_eq!(neutralise("Sam Lee"), "Sam Lee");
        assert_eq!(neutralise("'=quoted"), "'=quoted");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn text_is_quoted_and_numbers_we_write_are_not() {
        assert_eq!(
            written(&[
                vec![Cell::Text("=1+2\";=1+2"), Cell::Number("-0.50".into())],
                vec![Cell::Text("-5"), 3usize.into()],
                vec![Cell::Text("Sam;=1+2"), Cell::Text("12")],
            ]),
            "\"a\",\"b\"\n\"'=1+2\"\";=1+2\",-0.50\n\"'-5\",3\n\"Sam;=1+2\",12\n"
        );
    }

    /// Every CSV file goes through [`CsvFile`]: no other source file makes a
    /// `csv` writer.
    #[test]
    fn every_csv_writer_is_this_one() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut others = Vec::new();
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.expect("src is readable");
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("spreadsheet.rs") {
                continue;
            }
            let text = std::fs::read_to_string(path).expect("utf-8");
            if text.contains("csv::Writer") {
                others.push(path.display().to_string());
            }
        }
        assert!(
            others.is_empty(),
            "write CSV with spreadsheet::CsvFile, which neutralises formulas: {others:?}"
        );
    }
}
