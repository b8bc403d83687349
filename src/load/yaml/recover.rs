//! Reading a whole YAML file when some of its entries are wrong, so that one
//! run reports every problem in it.
//!
//! serde stops at the first error. When that error is in one entry (an
//! unknown key, a key written twice, a value of the wrong type), the entry is
//! blanked out (every character turned into a space, so every other
//! position stays put) and the text is parsed again, up to
//! [`MAX_RECOVERIES`] times. Broken YAML, or an error no entry holds, stops
//! it. A required field left out that way is not reported again: the error
//! about its value is the cause.

use serde::de::DeserializeOwned;
use serde_saphyr::Error;

use super::events::{self, Entry};
use super::{options, original, to_diagnostic};
use crate::diagnostic::Diagnostics;
use crate::diagnostic::codes::Code;
use crate::diagnostic::suggest;
use crate::source::SourceFile;

/// The most entries left out of one file before giving up on it.
pub(crate) const MAX_RECOVERIES: usize = 50;

/// What [`parse_all`] read.
#[derive(Debug)]
pub(crate) struct Parsed<T> {
    /// The value, read with every entry in error left out; `None` when
    /// the text could not be read even so.
    pub(crate) value: Option<T>,
    /// Fields whose value was written but not read: entries left out for a
    /// wrong value, keys written twice (the second value), and the known fields an unknown key looks like a
    /// misspelling of (`duraton:` for `duration`). Later checks do not
    /// report these as missing: the error already given is the cause.
    pub(crate) unread: Vec<String>,
}

impl<T> Parsed<T> {
    /// The value only when every field written was read: for callers whose
    /// later checks would report what follows from a missing part.
    pub(crate) fn complete(self) -> Option<T> {
        self.value.filter(|_| self.unread.is_empty())
    }
}

/// Parses `text`, a part of `source` starting after `line_offset` lines,
/// pushing a diagnostic for every problem found; also warns where a list
/// item indented too far became part of the text above it (W015).
pub(crate) fn parse_all<T: DeserializeOwned>(
    source: &SourceFile,
    text: &str,
    line_offset: usize,
    out: &mut Diagnostics,
) -> Parsed<T> {
    for (line, column) in events::folded_items(text) {
        out.push(super::folded_item_warning(
            source,
            line + line_offset,
            column,
        ));
    }
    let mut current = text.to_owned();
    let mut entries: Option<Vec<Entry>> = None;
    let mut unread = Vec::new();
    for round in 0..=MAX_RECOVERIES {
        if round > 0 && current.trim().is_empty() {
            // Every entry was left out: nothing more to say.
            break;
        }
        let error = match serde_saphyr::from_str_with_options::<T>(&current, options()) {
            Ok(value) => {
                return Parsed {
                    value: Some(value),
                    unread,
                };
            }
            Err(e) => e,
        };
        match original(&error) {
            Error::SerdeMissingField { field, .. } if unread.iter().any(|k| k == field) => break,
            Error::SerdeUnknownField {
                field, expected, ..
            } => unread
                .extend(suggest::did_you_mean(field, expected.iter().copied()).map(str::to_owned)),
            _ => {}
        }
        let diagnostic = to_diagnostic(&error, source, line_offset);
        let recoverable = matches!(
            diagnostic.code,
            Code::UnknownField | Code::DuplicateKey | Code::InvalidValue
        );
        let wrong_value = diagnostic.code == Code::InvalidValue;
        let diagnostic_code = diagnostic.code;
        out.push(diagnostic);
        if !recoverable {
            break;
        }
        let Some(location) = error.location().filter(|l| l.line() > 0) else {
            break;
        };
        let all = entries.get_or_insert_with(|| events::entries(text).unwrap_or_default());
        let Some(entry) =
            events::entry_at(all, location.line() as usize, location.column() as usize)
        else {
            break;
        };
        if wrong_value || diagnostic_code == Code::DuplicateKey {
            unread.push(entry.key.clone());
        }
        current = events::blank(&current, entry.start, entry.end);
        let (start, end) = (entry.start, entry.end);
        // Entries inside the blanked one are gone too.
        all.retain(|e| !(start <= e.start && e.end <= end));
    }
    Parsed {
        value: None,
        unread,
    }
}

/// [`parse_all`] for a block inside a module: every diagnostic without a
/// hint gets `help`, which says what the block holds; the value only when
/// nothing was left out for a wrong value ([`Parsed::complete`]).
pub(crate) fn parse_block<T: DeserializeOwned>(
    source: &SourceFile,
    text: &str,
    line_offset: usize,
    help: &str,
    out: &mut Diagnostics,
) -> Option<T> {
    let mut found = Diagnostics::new();
    let parsed = parse_all(source, text, line_offset, &mut found);
    out.extend(found.into_iter().map(|mut d| {
        d.help = d.help.or_else(|| Some(help.to_owned()));
        d
    }));
    parsed.complete()
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Session {
        title: String,
        #[serde(default)]
        duration: Option<u32>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        duration: Option<u32>,
        #[serde(default)]
        sessions: Vec<Session>,
        #[serde(default)]
        outcomes: Vec<String>,
    }

    fn run(text: &str) -> (Parsed<Doc>, Diagnostics) {
        let source = SourceFile::new("course/x.yaml", text);
        let mut out = Diagnostics::new();
        let parsed = parse_all::<Doc>(&source, text, 0, &mut out);
        (parsed, out)
    }

    fn lines(out: &Diagnostics) -> Vec<(Code, usize)> {
        out.items().iter().map(|d| (d.code, d.line)).collect()
    }

    #[test]
    fn every_unknown_key_is_reported_and_the_rest_is_read() {
        let (parsed, out) = run("sumary: a\ntitle: t\nduraton: 5\n");
        assert_eq!(
            lines(&out),
            [(Code::UnknownField, 1), (Code::UnknownField, 3)]
        );
        assert_eq!(parsed.value.unwrap().title, "t");
        assert_eq!(parsed.unread, ["duration"]);
    }

    #[test]
    fn a_wrong_value_is_left_out_and_named() {
        let text = "title: t\nduration: soon\nsessions:\n  - title: a\n    duration: later\n    colour: red\n";
        let (parsed, out) = run(text);
        assert_eq!(
            lines(&out),
            [
                (Code::InvalidValue, 2),
                (Code::InvalidValue, 5),
                (Code::UnknownField, 6)
            ]
        );
        assert_eq!(parsed.unread, ["duration", "duration"]);
        let doc = parsed.value.unwrap();
        assert_eq!(doc.sessions.len(), 1);
        assert_eq!(doc.duration, None);
    }

    #[test]
    fn a_required_field_with_a_wrong_value_is_reported_once() {
        let (parsed, out) = run("title: [a, b]\ncolour: red\n");
        assert!(parsed.value.is_none());
        assert_eq!(
            lines(&out),
            [(Code::InvalidValue, 1), (Code::UnknownField, 2)],
            "{}",
            out.render_human()
        );
    }

    #[test]
    fn a_repeated_key_is_reported_and_the_first_kept() {
        let (parsed, out) = run("title: a\ntitle: b\nduraton: 1\n");
        assert_eq!(
            lines(&out),
            [(Code::DuplicateKey, 2), (Code::UnknownField, 3)]
        );
        assert_eq!(parsed.value.unwrap().title, "a");
    }

    #[test]
    fn broken_yaml_stops_at_the_syntax_error() {
        let (parsed, out) = run("title: [unclosed\ncolour: red\n");
        assert!(parsed.value.is_none());
        assert_eq!(out.items().len(), 1);
        assert_eq!(out.items()[0].code, Code::YamlSyntax);
    }

    #[test]
    fn a_list_item_indented_too_far_is_a_warning() {
        let text = "title: t\noutcomes:\n  - one\n   - two\n";
        let (parsed, out) = run(text);
        assert_eq!(lines(&out), [(Code::FoldedListItem, 4)]);
        assert_eq!(parsed.value.unwrap().outcomes, ["one - two"]);
    }

    #[test]
    fn recovery_stops_after_the_limit() {
        let mut text = String::from("title: t\n");
        for i in 0..MAX_RECOVERIES + 20 {
            text.push_str(&format!("unknown{i}: x\n"));
        }
        let (parsed, out) = run(&text);
        assert!(parsed.value.is_none());
        assert_eq!(out.items().len(), MAX_RECOVERIES + 1);
    }
}
