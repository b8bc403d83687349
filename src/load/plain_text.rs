//! Plain-text fields: titles, summaries, outcomes, content notes, speakers,
//! choice labels, role-play cards, quiz option text, accepted answers and
//! reflection prompts.
//!
//! SPEC: variables are filled in here as literal text, never read as
//! Markdown or HTML; the theme escapes the result like any other text.
//! Input: a field as parsed, with its position in the file. Output: the
//! filled text, and an E020 error at the `{{ name }}` itself for every name
//! that course.yaml does not define.

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::Diagnostics;
use crate::load::config::Config;
use crate::load::yaml::{self, Spanned};
use crate::source::SourceFile;

/// A `{{ name }}` with no such variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unknown {
    /// The name used.
    pub(crate) name: String,
    /// Byte range of the whole `{{ … }}` in the original text.
    pub(crate) range: Range<usize>,
}

/// Fills every `{{ name }}` of a plain-text field with its value as written
/// (no Markdown escaping: plain text is escaped by the theme like any text).
/// Unknown names are left as written and returned.
pub(crate) fn fill_plain(
    text: &str,
    variables: &HashMap<String, String>,
) -> (String, Vec<Unknown>) {
    if !text.contains("{{") {
        return (text.to_owned(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut unknown = Vec::new();
    let mut copied = 0;
    for (name, range) in placeholders(text) {
        out.push_str(&text[copied..range.start]);
        match variables.get(name) {
            Some(value) => out.push_str(value),
            None => {
                out.push_str(&text[range.clone()]);
                unknown.push(Unknown {
                    name: name.to_owned(),
                    range: range.clone(),
                });
            }
        }
        copied = range.end;
    }
    out.push_str(&text[copied..]);
    (out, unknown)
}

/// Every `{{ name }}` in `text`, code or not: (name, byte range).
pub(crate) fn placeholders(text: &str) -> Vec<(&str, Range<usize>)> {
    let mut found = Vec::new();
    let mut search = 0;
    while let Some(i) = text[search..].find("{{") {
        let start = search + i;
        match placeholder_at(text, start) {
            Some((name, end)) => {
                found.push((name, start..end));
                search = end;
            }
            None => search = start + 2,
        }
    }
    found
}

/// The variable name and end offset of a `{{ name }}` starting at `start`.
fn placeholder_at(text: &str, start: usize) -> Option<(&str, usize)> {
    let rest = &text[start + 2..];
    let close = rest.find("}}")?;
    let inner = &rest[..close];
    let name = inner.trim();
    let valid = !name.is_empty()
        && !inner.contains('\n')
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    valid.then_some((name, start + 2 + close + 2))
}

/// Fills the plain-text fields of one file (or of a part of it, such as a
/// module's front matter or one quiz block).
pub(crate) struct Filler<'a> {
    config: &'a Config,
    source: &'a SourceFile,
    line_offset: usize,
}

impl<'a> Filler<'a> {
    /// A filler for fields of `source` parsed from a part that starts after
    /// `line_offset` lines.
    pub(crate) fn new(config: &'a Config, source: &'a SourceFile, line_offset: usize) -> Self {
        Self {
            config,
            source,
            line_offset,
        }
    }

    /// The field with its variables filled in; unknown names are reported.
    pub(crate) fn field(&self, field: &Spanned<String>, out: &mut Diagnostics) -> String {
        let (text, unknown) = fill_plain(&field.value, &self.config.variables);
        for u in unknown {
            let d = self.config.undefined_variable(&u.name);
            out.push(if field.referenced.line() == 0 {
                d.in_file(&self.source.path)
            } else {
                let (line, column) =
                    yaml::position(self.source, field, self.line_offset, u.range.start);
                d.at(self.source, line, column, u.range.len())
            });
        }
        text
    }

    /// [`Filler::field`] for an optional field.
    pub(crate) fn optional(
        &self,
        field: Option<&Spanned<String>>,
        out: &mut Diagnostics,
    ) -> Option<String> {
        field.map(|f| self.field(f, out))
    }

    /// [`Filler::field`] for each field of a list.
    pub(crate) fn list(&self, fields: &[Spanned<String>], out: &mut Diagnostics) -> Vec<String> {
        fields.iter().map(|f| self.field(f, out)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::config;

    #[test]
    fn unknown_names_are_errors_at_the_placeholder() {
        let config = config::from_yaml("title: T\nvariables:\n  dsl: Ms Lead\nmodules: [a.md]\n");
        let source = SourceFile::new(
            "scenarios/s.yaml",
            "title: x\nlabel: \"Tell {{ dls }}, or {{ dsl }}\"\n",
        );
        let parsed: std::collections::BTreeMap<String, Spanned<String>> =
            yaml::parse(&source).unwrap();
        let mut out = Diagnostics::new();
        let filled = Filler::new(&config, &source, 0).field(&parsed["label"], &mut out);
        assert_eq!(filled, "Tell {{ dls }}, or Ms Lead");
        let d = &out.items()[0];
        assert_eq!(d.message, "variable \"dls\" is not defined");
        assert_eq!((d.line, d.column), (2, 14));
        assert_eq!(d.help.as_deref(), Some("did you mean \"dsl\"?"));
    }
}
