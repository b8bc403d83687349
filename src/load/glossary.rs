//! The course glossary: `course/glossary.yaml`, a list of terms.
//!
//! Input: the file, if the course has one (it is optional: a course without
//! it has no glossary page and no terms marked). Output: the [`Glossary`]
//! as written, every field with its position for messages, and a located
//! diagnostic for every problem the YAML layer finds (unknown fields, a
//! missing `term:` or `definition:`, a value of the wrong type). The rules
//! that need the whole course (a term given twice, an empty definition, a
//! `see:` naming no term, a term no page uses) are the check stage's
//! (`check/glossary.rs`). A translation profile reads
//! `glossary.<language>.yaml` when there is one. Terms, aliases and `see:`
//! are plain text with `{{ variables }}` filled in (`term: "{{ dsl_role }}"`
//! follows a profile's name for the role); definitions are Markdown,
//! rendered by the compile stage.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::load::plain_text::Filler;
use crate::load::translation;
use crate::load::yaml::{self, Spanned};
use crate::source::SourceFile;

/// Where the glossary lives, relative to the project folder.
pub(crate) const GLOSSARY_PATH: &str = "course/glossary.yaml";

/// One entry as written: `term:` and `definition:` are required, but read
/// as optional so that one entry without them does not hide the problems of
/// the entries after it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    term: Option<Spanned<String>>,
    definition: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    see: Vec<Spanned<String>>,
}

/// One entry.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    /// The term as it is shown (`Active listening`).
    pub(crate) term: Spanned<String>,
    /// Markdown: what it means.
    pub(crate) definition: Spanned<String>,
    /// Other words for it, matched like the term (`DSL`, `mentees`).
    pub(crate) aliases: Vec<Spanned<String>>,
    /// Related terms, by their `term:`.
    pub(crate) see: Vec<Spanned<String>>,
}

impl Term {
    /// The anchor of the term's entry: `term-` and the term as a heading id.
    pub(crate) fn id(&self) -> String {
        id_of(&self.term.value)
    }
}

/// The anchor of the entry for `term`.
pub(crate) fn id_of(term: &str) -> String {
    format!("term-{}", crate::slug::heading_id(term.trim()))
}

/// The glossary file as written.
#[derive(Debug, Clone)]
pub(crate) struct Glossary {
    /// The file, for locating problems.
    pub(crate) source: SourceFile,
    /// The entries in file order.
    pub(crate) terms: Vec<Term>,
}

/// Reads `course/glossary.yaml` (or its translation) if there is one.
/// A file that cannot be read or parsed at all is reported and gives no
/// glossary; an entry in error is reported and left out.
pub(crate) fn load(root: &Path, config: &Config, out: &mut Diagnostics) -> Option<Glossary> {
    let original = Path::new(GLOSSARY_PATH);
    if !root.join(original).is_file() {
        return None;
    }
    let relative = translation::active(config)
        .and_then(|language| translation::translated(root, original, &language))
        .unwrap_or_else(|| original.to_path_buf());
    let source = match crate::load::read::read_source(root, &relative) {
        Ok(source) => source,
        Err(d) => {
            out.push(d);
            return None;
        }
    };
    if source.text.trim().is_empty() {
        return Some(Glossary {
            source,
            terms: Vec::new(),
        });
    }
    if let Some(d) = not_a_list(&source) {
        out.push(d);
        return None;
    }
    let parsed = yaml::parse_all::<Vec<RawTerm>>(&source, &source.text, 0, out);
    let unread = parsed.unread;
    let mut terms: Vec<Term> = parsed
        .value?
        .into_iter()
        .filter_map(|r| entry(r, &source, &unread, out))
        .collect();
    // Terms, aliases and `see:` are plain text: variables are filled in.
    let fill = Filler::new(config, &source, 0);
    for t in &mut terms {
        t.term.value = fill.field(&t.term, out);
        for word in t.aliases.iter_mut().chain(t.see.iter_mut()) {
            word.value = fill.field(word, out);
        }
    }
    Some(Glossary { source, terms })
}

/// An entry with its term and definition; E003 for an entry without one.
/// A field named in `unread` was written but misspelt or wrong: its error is the cause, and
/// the entry is left out without another.
fn entry(
    raw: RawTerm,
    source: &SourceFile,
    unread: &[String],
    out: &mut Diagnostics,
) -> Option<Term> {
    let mut missing = |field: &str, at: Option<&Spanned<String>>| {
        if unread.iter().any(|u| u == field) {
            return;
        }
        let d = Diagnostic::error(
            Code::MissingField,
            format!("this glossary entry has no `{field}:`"),
        )
        .with_help("each entry has a `term:` and a `definition:`");
        out.push(match at {
            Some(at) => yaml::locate_str(d, source, at, 0),
            None => d.in_file(&source.path),
        });
    };
    match (raw.term, raw.definition) {
        (Some(term), Some(definition)) => Some(Term {
            term,
            definition,
            aliases: raw.aliases,
            see: raw.see,
        }),
        (Some(term), None) => {
            missing("definition", Some(&term));
            None
        }
        (None, definition) => {
            let at = definition.as_ref().or(raw.aliases.first());
            missing("term", at);
            None
        }
    }
}

/// E004 when the file is not a list of entries (its first line is not `- `).
fn not_a_list(source: &SourceFile) -> Option<Diagnostic> {
    let (number, line) = source.text.lines().enumerate().find(|(_, l)| {
        !l.trim().is_empty() && !l.trim_start().starts_with('#') && l.trim() != "---"
    })?;
    if line.trim_start().starts_with('-') {
        return None;
    }
    Some(
        Diagnostic::error(
            Code::InvalidValue,
            "the glossary is a list of entries, each starting with `- term:`",
        )
        .at(source, number + 1, 1, line.trim_end().chars().count().max(1))
        .with_help("write each entry as `- term: …` with `definition: …` under it (see the README, \"Glossary\")"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Vec<Term>>, Diagnostics) {
        let source = SourceFile::new("course/glossary.yaml", text);
        let mut out = Diagnostics::new();
        if let Some(d) = not_a_list(&source) {
            out.push(d);
            return (None, out);
        }
        let parsed = yaml::parse_all::<Vec<RawTerm>>(&source, &source.text, 0, &mut out);
        let unread = parsed.unread;
        let terms = parsed.value.map(|raw| {
            raw.into_iter()
                .filter_map(|r| entry(r, &source, &unread, &mut out))
                .collect()
        });
        (terms, out)
    }

    #[test]
    fn reads_terms_with_aliases_and_see() {
        let (terms, out) = parse(
            "- term: Mentee\n  definition: The *young person* you support.\n  aliases: [mentees]\n- term: Peer mentor\n  definition: You.\n  see: [Mentee]\n",
        );
        assert!(out.is_empty(), "{out:?}");
        let terms = terms.expect("read");
        assert_eq!(terms.len(), 2);
        assert_eq!(terms[0].aliases[0].value, "mentees");
        assert_eq!(terms[1].see[0].value, "Mentee");
        assert_eq!(terms[1].id(), "term-peer-mentor");
        assert_eq!(terms[0].term.referenced.line(), 1);
    }

    #[test]
    fn every_entry_in_error_is_reported_at_its_line() {
        let (terms, out) = parse(
            "- term: A\n  definiton: x\n- term: B\n  definition: y\n  alias: [b]\n- definition: z\n",
        );
        let text = out.render_human();
        assert!(text.contains("E002"), "{text}");
        assert!(text.contains("unknown field \"definiton\""), "{text}");
        assert!(text.contains("unknown field \"alias\""), "{text}");
        assert!(text.contains("glossary.yaml:2"), "{text}");
        assert!(text.contains("glossary.yaml:5"), "{text}");
        assert!(text.contains("E003"), "{text}");
        // What could be read is kept.
        assert!(terms.is_some_and(|t| t.iter().all(|t| !t.term.value.is_empty())));
    }

    #[test]
    fn a_mapping_instead_of_a_list_is_a_wrong_type() {
        let (terms, out) = parse("Mentee: the young person\n");
        assert!(terms.is_none());
        assert!(
            out.render_human().contains("E004"),
            "{}",
            out.render_human()
        );
    }
}
