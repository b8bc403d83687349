//! The full-text search index: every module's text split at its headings,
//! each section reduced to its heading, a short snippet and the distinct
//! words in it, plus every scenario's title and summary.
//!
//! Each section keeps its distinct words, folded (lowercase, without
//! accents), and a snippet; headings and snippets keep the text as written.
//! Keeping only distinct words and a snippet (not the whole text) keeps it
//! small. Each page's rows are made with its body ([`Entry`]); the index
//! script numbers the words of all of them against one word list
//! ([`crate::render::search_index`]).

use rustc_hash::FxHashSet as HashSet;

use serde::Serialize;

use crate::letters;

/// Words kept in a section's snippet.
pub(crate) const SNIPPET_WORDS: usize = 20;

/// A part of a page: the text under one heading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub(crate) struct Section {
    /// The heading level (1–6), 0 for text before the first heading.
    pub(crate) level: u8,
    /// The heading's id, the anchor a result links to.
    pub(crate) id: String,
    /// The heading's text.
    pub(crate) title: String,
    /// The start of the text under the heading ([`snippet`]), whitespace collapsed.
    pub(crate) text: String,
    /// The distinct words of the heading and all of its text ([`distinct_words`]).
    pub(crate) words: String,
}

/// The text under one heading, as the Markdown renderer collects it from
/// the parser's events (never from the HTML it writes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct SectionText {
    /// The heading level (1–6), 0 for text before the first heading.
    pub(crate) level: u8,
    /// The heading's id.
    pub(crate) id: String,
    /// The heading's text.
    pub(crate) title: String,
    /// The text under the heading that both editions show.
    pub(crate) text: String,
    /// The text of facilitator notes under the heading.
    pub(crate) facilitator_text: String,
    /// Whether the heading itself sits in facilitator content.
    pub(crate) facilitator_only: bool,
}

/// The sections an edition searches: `facilitator` keeps facilitator notes.
pub(crate) fn sections(found: &[SectionText], facilitator: bool) -> Vec<Section> {
    let mut out: Vec<Section> = found
        .iter()
        .filter(|s| facilitator || !s.facilitator_only)
        .map(|s| {
            let title = collapse(&s.title);
            let notes = if facilitator {
                s.facilitator_text.as_str()
            } else {
                ""
            };
            Section {
                level: s.level,
                id: s.id.clone(),
                words: distinct_words(&[&title, &s.text, notes]),
                text: snippet_of(&[&s.text, notes]),
                title,
            }
        })
        .collect();
    out.retain(|s| !(s.level == 0 && s.text.is_empty()));
    out
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first [`SNIPPET_WORDS`] words of `text`.
pub(crate) fn snippet(text: &str) -> String {
    snippet_of(&[text])
}

/// The first [`SNIPPET_WORDS`] words of `parts`, one after the other (the
/// rest is never split).
fn snippet_of(parts: &[&str]) -> String {
    let mut words = parts.iter().flat_map(|p| p.split_whitespace());
    let mut out: Vec<&str> = words.by_ref().take(SNIPPET_WORDS).collect();
    if words.next().is_some() {
        out.push("…");
    }
    out.join(" ")
}

/// The distinct words of `parts` as search matches them: folded
/// ([`letters::fold`]: lowercase, no accents or other marks, so `uber` finds
/// "Über"), split into runs of letters and digits of any script
/// ([`letters::in_word`]), two characters or more; space-separated, in
/// order of first use. `assets/search.js` folds and splits a query the same
/// way.
pub(crate) fn distinct_words(parts: &[&str]) -> String {
    let folded = letters::fold(&parts.join(" "));
    let mut seen: HashSet<&str> = HashSet::with_capacity_and_hasher(128, Default::default());
    let mut out = String::with_capacity(folded.len() / 2);
    for w in folded.split(|c: char| !letters::in_word(c)) {
        let long_enough = w.len() >= 2 && (w.is_ascii() || w.chars().nth(1).is_some());
        if long_enough && seen.insert(w) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// A heading the search page lists (levels 2 and 3, with an id).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub(crate) struct Listed {
    /// The heading level.
    pub(crate) level: u8,
    /// The heading's id.
    pub(crate) id: String,
    /// The heading's text.
    pub(crate) title: String,
}

/// Heading levels listed on the search page (deeper ones are searched, not listed).
const LISTED_LEVELS: std::ops::RangeInclusive<u8> = 2..=3;

/// One page's share of the index, made once per page body (and kept with it
/// by `serve`'s cache): its rows, and the headings the search page lists.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entry {
    /// The rows: a lead row (the title and summary, and any text before the
    /// first heading), then one per section.
    pub(crate) rows: Vec<Row>,
    /// The headings the search page lists.
    pub(crate) listed: Vec<Listed>,
}

/// One row of the index, before its words are numbered
/// ([`crate::render::search_index`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Row {
    /// `"heading","anchor","snippet"` as JSON (no brackets).
    pub(crate) head: String,
    /// The row's distinct words ([`distinct_words`]), space-separated.
    pub(crate) words: String,
}

impl Entry {
    /// The entry of a page titled `title` with the text `found`, as the
    /// mentor edition searches it, or the facilitator edition (`facilitator`).
    pub(crate) fn new(
        title: &str,
        summary: Option<&str>,
        found: &[SectionText],
        facilitator: bool,
    ) -> Self {
        let found = sections(found, facilitator);
        let summary = summary.unwrap_or("");
        let lead = Section::default();
        let has_lead = found.first().is_some_and(|s| s.level == 0);
        let all: Vec<&Section> = if has_lead {
            found.iter().collect()
        } else {
            std::iter::once(&lead).chain(&found).collect()
        };
        let rows = all
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let heading = if s.level == 0 { "" } else { s.title.as_str() };
                let words = if i == 0 {
                    distinct_words(&[title, summary, &s.words])
                } else {
                    s.words.clone()
                };
                let text = if s.text.is_empty() && i == 0 {
                    summary
                } else {
                    &s.text
                };
                let json = serde_json::to_string(&(heading, s.id.as_str(), snippet(text)))
                    .unwrap_or_else(|_| "[\"\",\"\",\"\"]".to_owned());
                let mut words = words;
                words.shrink_to_fit();
                Row {
                    head: json[1..json.len() - 1].to_owned(),
                    words,
                }
            })
            .collect();
        let listed = found
            .iter()
            .filter(|s| LISTED_LEVELS.contains(&s.level) && !s.id.is_empty())
            .map(|s| Listed {
                level: s.level,
                id: s.id.clone(),
                title: s.title.clone(),
            })
            .collect();
        Self { rows, listed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_text_is_split_as_any_other_text_is_issue_20() {
        // A one-letter word adds nothing, but "é" sends the text down the general path.
        for text in [
            "Listen, LISTEN and listen again: 2 mentees, 10 minutes (x2).",
            "well-being\tself_care  o'clock e-mail a1b2 Z",
            "",
        ] {
            assert_eq!(distinct_words(&[text, "T"]), distinct_words(&[text, "é"]));
        }
        assert_eq!(
            distinct_words(&["Hello, WORLD-wide web2 a hello"]),
            "hello world wide web2"
        );
    }

    #[test]
    fn words_are_lowercase_and_distinct_per_section() {
        let found = [
            SectionText {
                level: 2,
                id: "x".into(),
                title: "Listening".into(),
                text: "Listen, listen and LISTEN to a mentee.".into(),
                ..SectionText::default()
            },
            SectionText {
                level: 4,
                id: "deep".into(),
                title: "Deep".into(),
                ..SectionText::default()
            },
        ];
        let entry = Entry::new("Mod", Some("About listening"), &found, false);
        let row = |i: usize| -> serde_json::Value {
            serde_json::from_str(&format!("[{}]", entry.rows[i].head)).expect("json")
        };
        assert_eq!(entry.rows[0].words, "mod about listening");
        assert_eq!(row(0)[2], "About listening");
        assert_eq!(row(1)[0], "Listening");
        assert_eq!(row(1)[1], "x");
        assert_eq!(entry.rows[1].words, "listening listen and to mentee");
        assert_eq!(
            entry.listed,
            [Listed {
                level: 2,
                id: "x".into(),
                title: "Listening".into()
            }],
            "level 4 is searched, not listed"
        );
    }

    #[test]
    fn words_are_folded_in_every_script_and_snippets_are_not() {
        let found = [SectionText {
            level: 2,
            id: "über-uns".into(),
            title: "Über uns".into(),
            text: "Café au lait, ŵyr, مَرْحَبًا and Доверие. É x 中".into(),
            ..SectionText::default()
        }];
        let entry = Entry::new("Croeso", None, &found, false);
        let row: serde_json::Value =
            serde_json::from_str(&format!("[{}]", entry.rows[1].head)).expect("rows are JSON");
        assert_eq!(row[0], "Über uns");
        assert_eq!(row[2], "Café au lait, ŵyr, مَرْحَبًا and Доверие. É x 中");
        // One-letter words are left out in any script, as search.js leaves them out of a query.
        assert_eq!(
            entry.rows[1].words,
            "uber uns cafe au lait wyr مرحبا and доверие"
        );
        assert_eq!(
            distinct_words(&["Ca\u{0301}fe\u{0301}", "CAFÉ café"]),
            "cafe",
            "composed, decomposed and capital forms are one word"
        );
    }

    #[test]
    fn snippets_are_cut_short() {
        let long = "word ".repeat(100);
        let s = snippet(&long);
        assert_eq!(s.split(' ').count(), SNIPPET_WORDS + 1);
        assert!(s.ends_with('…'));
    }
}
