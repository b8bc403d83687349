//! The glossary compiled: what its page, the workbook's appendix, the search
//! index and the term links on module pages need.
//!
//! Input: the loaded glossary (terms and aliases with variables filled in).
//! Output: [`terms`] (the matcher module pages mark terms with, built once
//! per build) and a [`Compiled`] glossary: every entry's definition
//! rendered as Markdown (one fragment, like a quiz field, for a page at the
//! site root: `glossary.html` and `workbook.html` both are), the entries
//! sorted alphabetically and grouped by first letter ([`GlossaryView`]),
//! and its rows in the search index. Problems in the definitions' Markdown
//! (unknown variables, broken links) are the check stage's, with the rules
//! for entries (`check/glossary.rs`).

use std::collections::HashMap;

use pulldown_cmark::TagEnd;
use serde::Serialize;

use crate::compile::markdown::terms::{TermLink, Terms};
use crate::compile::markdown::{self, Mode, Rendered};
use crate::compile::search::{Entry, SectionText};
use crate::compile::{Lookups, Where};
use crate::load::Project;
use crate::load::glossary::{Glossary, Term, id_of};
use crate::ui::key;

/// Links in definitions are written as in a module at the top of `course/`.
pub(crate) const LINK_BASE: &str = "glossary.yaml";

/// The glossary page, relative to the site root.
pub(crate) const PAGE: &str = "glossary.html";

/// One entry as templates see it (`partials/glossary-list.html`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EntryView {
    /// The term as written.
    pub(crate) term: String,
    /// Its anchor, `term-…`.
    pub(crate) id: String,
    /// The definition, sanitised HTML.
    pub(crate) html: String,
    /// Other names shown with it ("also called"): its aliases, without the
    /// ones that only add -s or -es to the term.
    pub(crate) aliases: Vec<String>,
    /// Related entries.
    pub(crate) see: Vec<SeeView>,
}

/// A related entry: its term and anchor.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SeeView {
    /// The term.
    pub(crate) term: String,
    /// Its anchor.
    pub(crate) id: String,
}

/// The entries under one first letter.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LetterView {
    /// The letter, as shown (`A`).
    pub(crate) letter: String,
    /// Its anchor, `letter-…`.
    pub(crate) id: String,
    /// Its entries, in order.
    pub(crate) entries: Vec<EntryView>,
}

/// The glossary as templates see it: letters in order.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GlossaryView {
    /// The groups, by first letter.
    pub(crate) letters: Vec<LetterView>,
    /// How many entries.
    pub(crate) count: usize,
}

/// The glossary compiled.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    /// What templates see.
    pub(crate) view: GlossaryView,
    /// Its rows in the search index.
    pub(crate) search: Entry,
    /// Each definition rendered, by entry (in file order), for the check stage.
    pub(crate) definitions: Vec<Rendered>,
}

/// The matcher module pages mark terms with; None for a course with no glossary (or no terms).
pub(crate) fn terms(project: &Project) -> Option<Terms> {
    let glossary = project.glossary.as_ref()?;
    let variables = &project.config.variables;
    let entries = glossary
        .terms
        .iter()
        .map(|t| {
            let mut words = vec![t.term.value.clone()];
            words.extend(t.aliases.iter().map(|a| a.value.clone()));
            let link = TermLink {
                id: t.id(),
                title: plain_text(&t.definition.value, variables),
            };
            (words, link)
        })
        .collect();
    Some(Terms::new(entries)).filter(|t| !t.is_empty())
}

/// A definition as plain text, variables filled in: a link's title.
fn plain_text(markdown: &str, variables: &HashMap<String, String>) -> String {
    let expanded = crate::compile::variables::expand(markdown, variables);
    let mut out = String::new();
    for event in pulldown_cmark::Parser::new_ext(&expanded.text, markdown::parser_options()) {
        match event {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => out.push_str(&t),
            pulldown_cmark::Event::SoftBreak | pulldown_cmark::Event::HardBreak => out.push(' '),
            // The end of a block, not of a link or emphasis inside one.
            pulldown_cmark::Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            ) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Compiles the project's glossary, if it has one.
pub(crate) fn compile(project: &Project, lookups: &Lookups<'_>) -> Option<Compiled> {
    let glossary = project.glossary.as_ref()?;
    let definitions: Vec<Rendered> = glossary
        .terms
        .iter()
        .map(|t| {
            lookups.with_context(LINK_BASE, Mode::Field, false, &Where::page(""), |ctx| {
                markdown::render(&t.definition.value, ctx)
            })
        })
        .collect();
    let mut order: Vec<usize> = (0..glossary.terms.len()).collect();
    order.sort_by_key(|&i| sort_key(&glossary.terms[i].term.value));
    let mut letters: Vec<LetterView> = Vec::new();
    let mut sections = Vec::new();
    for i in order {
        let t = &glossary.terms[i];
        let letter = first_letter(&t.term.value);
        let entry = EntryView {
            term: listed(&t.term.value),
            id: t.id(),
            html: definitions[i].field_html(),
            aliases: shown_aliases(t),
            see: t
                .see
                .iter()
                .filter_map(|s| find(glossary, &s.value))
                .map(|s| SeeView {
                    term: listed(&s.term.value),
                    id: s.id(),
                })
                .collect(),
        };
        sections.push(SectionText {
            level: 2,
            id: entry.id.clone(),
            title: entry.term.clone(),
            text: format!(
                "{} {}",
                plain_text(&t.definition.value, &project.config.variables),
                entry.aliases.join(" ")
            ),
            ..SectionText::default()
        });
        match letters.last_mut() {
            Some(group) if group.letter == letter => group.entries.push(entry),
            _ => {
                let id = match crate::slug::heading_id(&letter) {
                    slug if slug.is_empty() => format!("letter-{}", letters.len() + 1),
                    slug => format!("letter-{slug}"),
                };
                letters.push(LetterView {
                    letter,
                    id,
                    entries: vec![entry],
                });
            }
        }
    }
    let title = project.config.ui.get(key!("glossary"));
    Some(Compiled {
        view: GlossaryView {
            letters,
            count: glossary.terms.len(),
        },
        search: Entry::new(title, None, &sections, false),
        definitions,
    })
}

/// The entry whose term is `name` (case and spacing aside).
pub(crate) fn find<'g>(glossary: &'g Glossary, name: &str) -> Option<&'g Term> {
    let wanted = id_of(name);
    glossary.terms.iter().find(|t| t.id() == wanted)
}

/// The order of terms: without regard to case or accents.
fn sort_key(term: &str) -> (String, String) {
    (crate::letters::fold(term), term.to_owned())
}

/// The letter a term is listed under: its first letter or digit, as a capital.
fn first_letter(term: &str) -> String {
    let folded = crate::letters::fold(term);
    match folded.chars().find(|c| c.is_alphanumeric()) {
        Some(c) if c.is_ascii_digit() => "0–9".to_owned(),
        Some(c) => c.to_uppercase().collect(),
        None => "#".to_owned(),
    }
}

/// The aliases listed with a term: all but its other word forms (the term
/// with -s, -es or -ies, or without), which are matched in pages but say nothing new.
fn shown_aliases(t: &Term) -> Vec<String> {
    let term = t.term.value.trim().to_lowercase();
    t.aliases
        .iter()
        .map(|a| a.value.trim().to_owned())
        .filter(|a| {
            let alias = a.to_lowercase();
            alias != term && !plural_of(&alias, &term) && !plural_of(&term, &alias)
        })
        .collect()
}

/// Whether `plural` is `word` with -s, -es, or -y as -ies.
fn plural_of(plural: &str, word: &str) -> bool {
    plural
        .strip_prefix(word)
        .is_some_and(|end| end == "s" || end == "es")
        || word
            .strip_suffix('y')
            .is_some_and(|stem| plural.strip_prefix(stem) == Some("ies"))
}

/// A term as listed: its first letter a capital (`{{ coordinator_role }}`
/// may be written in lower case for the middle of a sentence).
fn listed(term: &str) -> String {
    let term = term.trim();
    let mut chars = term.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_fold_accents_and_group_digits() {
        assert_eq!(first_letter("active listening"), "A");
        assert_eq!(first_letter("Écoute"), "E");
        assert_eq!(first_letter("999"), "0–9");
        assert_eq!(first_letter("“Quoted”"), "Q");
    }

    #[test]
    fn word_forms_are_matched_but_not_listed() {
        assert!(plural_of("mentees", "mentee"));
        assert!(plural_of("boundaries", "boundary"));
        assert!(plural_of("addresses", "address"));
        assert!(!plural_of("dsl", "designated safeguarding lead"));
        assert_eq!(listed(" mentor coordinator"), "Mentor coordinator");
    }

    #[test]
    fn sorting_ignores_case() {
        let mut terms = vec!["safeguarding", "DSL", "Active listening", "boundaries"];
        terms.sort_by_key(|t| sort_key(t));
        assert_eq!(
            terms,
            ["Active listening", "boundaries", "DSL", "safeguarding"]
        );
    }
}
