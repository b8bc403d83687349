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

use crate::diagnostic::Diagnostics;
use crate::load::config::Config;
use crate::load::plain_text::Filler;
use crate::load::translation;
use crate::load::yaml::{self, Spanned};
use crate::source::SourceFile;

/// Where the glossary lives, relative to the project folder.
pub(crate) const GLOSSARY_PATH: &str = "course/glossary.yaml";

/// One entry as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Term {
    /// The term as it is shown (`Active listening`).
    pub(crate) term: Spanned<String>,
    /// Markdown: what it means.
    pub(crate) definition: Spanned<String>,
    /// Other words for it, matched like the term (`DSL`, `mentees`).
    #[serde(default)]
    pub(crate) aliases: Vec<Spanned<String>>,
    /// Related terms, by their `term:`.
    #[serde(default)]
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
    let mut terms: Vec<Term> = yaml::parse_all(&source, &source.text, 0, out).value?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Vec<Term>>, Diagnostics) {
        let source = SourceFile::new("course/glossary.yaml", text);
        let mut out = Diagnostics::new();
        let terms = yaml::parse_all(&source, &source.text, 0, &mut out).value;
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
