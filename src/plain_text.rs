//! Plain-text fields: titles, summaries, outcomes, content notes, speakers,
//! choice labels, role-play cards, quiz option text, accepted answers and
//! reflection prompts.
//!
//! SPEC: variables are filled in here as literal text, never read as
//! Markdown or HTML; the theme escapes the result like any other text.
//! Input: a field as parsed, with its position in the file. Output: the
//! filled text, and an E020 error at the `{{ name }}` itself for every name
//! that course.yaml does not define.

use crate::config::Config;
use crate::diagnostic::Diagnostics;
use crate::source::SourceFile;
use crate::variables;
use crate::yaml::{self, Spanned};

/// Fills the plain-text fields of one file (or of a part of it, such as a
/// module's front matter or one quiz block).
pub struct Filler<'a> {
    config: &'a Config,
    source: &'a SourceFile,
    line_offset: usize,
}

impl<'a> Filler<'a> {
    /// A filler for fields of `source` parsed from a part that starts after
    /// `line_offset` lines.
    pub fn new(config: &'a Config, source: &'a SourceFile, line_offset: usize) -> Self {
        Self {
            config,
            source,
            line_offset,
        }
    }

    /// The field with its variables filled in; unknown names are reported.
    pub fn field(&self, field: &Spanned<String>, out: &mut Diagnostics) -> String {
        let (text, unknown) = variables::fill_plain(&field.value, &self.config.variables);
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
    pub fn optional(
        &self,
        field: Option<&Spanned<String>>,
        out: &mut Diagnostics,
    ) -> Option<String> {
        field.map(|f| self.field(f, out))
    }

    /// [`Filler::field`] for each field of a list.
    pub fn list(&self, fields: &[Spanned<String>], out: &mut Diagnostics) -> Vec<String> {
        fields.iter().map(|f| self.field(f, out)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config;

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
