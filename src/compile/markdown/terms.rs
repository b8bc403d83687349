//! Glossary terms in module pages: the first use of each term on a page
//! becomes a link to its entry in the glossary.
//!
//! [`Terms`] is built once per build from `course/glossary.yaml`: every term
//! and alias, matched without regard to case, as whole words only (no
//! letter or digit either side), the longest first (so `limits of
//! confidentiality` wins over `confidentiality`). [`Marker`] walks the
//! events of a module page's Markdown: a text event that holds the first use
//! of a term on the page is cut around it, and the term becomes
//! `<a class="term" href="../glossary.html#term-…" title="…">` (the title
//! is the definition as plain text, which screen readers give as the link's
//! description; the link itself leads to the whole entry, so nothing is only
//! in a tooltip). Text inside links, code, images and the author's own
//! `<a>`, `<abbr>`, `<dfn>` or `<code>` is never marked; headings and
//! footnotes never reach the marker. Scenario pages, quiz fields and
//! printed documents are not marked.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{Context, escaped};

/// One word or phrase to find, lowercased, and the entry it belongs to.
#[derive(Debug, Clone)]
struct Pattern {
    chars: Vec<char>,
    entry: usize,
}

/// One glossary entry as pages link to it.
#[derive(Debug, Clone)]
pub(crate) struct TermLink {
    /// The anchor of its entry on the glossary page (`term-…`).
    pub(crate) id: String,
    /// Its definition as plain text (the link's title).
    pub(crate) title: String,
}

/// Every term and alias of the glossary, ready to find in text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Terms {
    /// Longest first.
    patterns: Vec<Pattern>,
    /// By entry.
    links: Vec<TermLink>,
}

/// A use of a term found in text: its entry and byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The entry's index.
    pub(crate) entry: usize,
    /// Where in the text.
    pub(crate) range: std::ops::Range<usize>,
}

impl Terms {
    /// Terms from `entries`: each entry's words (its term and aliases) and
    /// its link. Empty words are left out.
    pub(crate) fn new(entries: Vec<(Vec<String>, TermLink)>) -> Self {
        let mut patterns = Vec::new();
        let mut links = Vec::new();
        for (entry, (words, link)) in entries.into_iter().enumerate() {
            for word in words {
                let chars = lower(word.trim());
                if !chars.is_empty() {
                    patterns.push(Pattern { chars, entry });
                }
            }
            links.push(link);
        }
        patterns.sort_by_key(|p| std::cmp::Reverse(p.chars.len()));
        Self { patterns, links }
    }

    /// Whether there are no terms.
    pub(crate) fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every use in `text` of a term whose entry `skip` does not hold,
    /// left to right, none overlapping; the longest match at each place.
    pub(crate) fn find(&self, text: &str, skip: &dyn Fn(usize) -> bool) -> Vec<Found> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let lowered: Vec<char> = chars.iter().map(|&(_, c)| lower_char(c)).collect();
        let mut found = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let at_word_start = i == 0 || !is_word(lowered[i - 1]);
            let hit = at_word_start
                .then(|| {
                    self.patterns.iter().find(|p| {
                        !skip(p.entry)
                            && lowered[i..].starts_with(&p.chars)
                            && lowered.get(i + p.chars.len()).is_none_or(|&c| !is_word(c))
                    })
                })
                .flatten();
            match hit {
                Some(p) => {
                    let end = i + p.chars.len();
                    let end_byte = chars.get(end).map_or(text.len(), |&(b, _)| b);
                    found.push(Found {
                        entry: p.entry,
                        range: chars[i].0..end_byte,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        found
    }

    /// Each entry used anywhere in `text`.
    pub(crate) fn used_in(&self, text: &str, used: &mut HashSet<usize>) {
        for f in self.find(text, &|_| false) {
            used.insert(f.entry);
        }
    }
}

/// A letter or digit: a term must not run on into one.
fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// One character lowercased, as one character (matching keeps positions).
fn lower_char(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

fn lower(text: &str) -> Vec<char> {
    // Runs of spaces in a term match one space in the text.
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.chars().map(lower_char).collect()
}

/// Marks the first use of each term on one page, as its events go by.
pub(crate) struct Marker<'t> {
    terms: &'t Terms,
    /// The way from the page to the site root.
    root: String,
    /// Whether the whole page is facilitator content (a facilitator-only module).
    facilitator_page: bool,
    /// Entries already marked on this page.
    used: HashSet<usize>,
    /// Inside a link, an image or a code block (their depth).
    inside: usize,
    /// Inside the author's own `<a>`, `<abbr>`, `<dfn>` or `<code>` (their depth).
    raw: usize,
}

/// Pushes `event` onto `out` through `marker`, if any; a facilitator note's
/// words (`facilitator`) are marked only on a facilitator-only page, so that
/// both editions mark the same words.
pub(crate) fn push<'e>(
    marker: &mut Option<Marker<'_>>,
    facilitator: bool,
    event: Event<'e>,
    out: &mut Vec<Event<'e>>,
) {
    match marker {
        Some(m) if !facilitator || m.facilitator_page => m.push(event, out),
        _ => out.push(event),
    }
}

/// The author's inline elements whose text is left as it is.
const RAW_TAGS: &[&str] = &["a", "abbr", "dfn", "code"];

impl<'t> Marker<'t> {
    /// A marker for the page `ctx` renders.
    pub(crate) fn new(terms: &'t Terms, ctx: &Context<'_>) -> Self {
        Self::at(terms, ctx.path_to_root, ctx.facilitator_only)
    }

    /// A marker for a page `root` away from the site root.
    fn at(terms: &'t Terms, root: &str, facilitator_page: bool) -> Self {
        Self {
            terms,
            root: root.to_owned(),
            facilitator_page,
            used: HashSet::new(),
            inside: 0,
            raw: 0,
        }
    }

    /// Pushes `event` onto `out`: a text event with the first use of a term cut around it.
    pub(crate) fn push<'e>(&mut self, event: Event<'e>, out: &mut Vec<Event<'e>>) {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                self.inside += 1;
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                self.inside = self.inside.saturating_sub(1);
            }
            Event::InlineHtml(html) => self.raw_tag(html),
            Event::Text(text) if self.inside == 0 && self.raw == 0 => {
                let used = &self.used;
                let found = self.terms.find(text, &|e| used.contains(&e));
                // The first use of each entry only.
                let mut seen = HashSet::new();
                let found: Vec<Found> =
                    found.into_iter().filter(|f| seen.insert(f.entry)).collect();
                if !found.is_empty() {
                    let text = text.to_string();
                    let mut copied = 0;
                    for f in found {
                        self.used.insert(f.entry);
                        if f.range.start > copied {
                            out.push(Event::Text(CowStr::from(
                                text[copied..f.range.start].to_owned(),
                            )));
                        }
                        let link = &self.terms.links[f.entry];
                        out.push(Event::InlineHtml(CowStr::from(format!(
                            "<a class=\"term\" href=\"{}glossary.html#{}\" title=\"{}\">",
                            escaped(&self.root),
                            escaped(&link.id),
                            escaped(&link.title)
                        ))));
                        out.push(Event::Text(CowStr::from(text[f.range.clone()].to_owned())));
                        out.push(Event::InlineHtml(CowStr::from("</a>")));
                        copied = f.range.end;
                    }
                    if copied < text.len() {
                        out.push(Event::Text(CowStr::from(text[copied..].to_owned())));
                    }
                    return;
                }
            }
            _ => {}
        }
        out.push(event);
    }

    /// Counts the author's `<a>`, `<abbr>`, `<dfn>` and `<code>` opened and closed.
    fn raw_tag(&mut self, html: &str) {
        let tag = html.trim_start_matches('<');
        let (closing, tag) = match tag.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, tag),
        };
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if !RAW_TAGS.contains(&name.as_str()) || html.trim_end().ends_with("/>") {
            return;
        }
        if closing {
            self.raw = self.raw.saturating_sub(1);
        } else {
            self.raw += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> Terms {
        let link = |id: &str| TermLink {
            id: id.into(),
            title: format!("About {id}"),
        };
        Terms::new(vec![
            (vec!["Confidentiality".into()], link("term-confidentiality")),
            (
                vec!["Limits of confidentiality".into()],
                link("term-limits"),
            ),
            (
                vec!["Designated Safeguarding Lead".into(), "DSL".into()],
                link("term-dsl"),
            ),
            (vec!["mentee".into(), "mentees".into()], link("term-mentee")),
        ])
    }

    fn words(text: &str) -> Vec<(usize, &str)> {
        terms()
            .find(text, &|_| false)
            .into_iter()
            .map(|f| (f.entry, &text[f.range]))
            .collect()
    }

    #[test]
    fn whole_words_without_regard_to_case() {
        assert_eq!(
            words("Your MENTEE trusts you; tell the dsl."),
            [(3, "MENTEE"), (2, "dsl")]
        );
        // Not inside another word.
        assert!(words("DSLs and mentee2 and amentee").is_empty());
        // Punctuation ends a word.
        assert_eq!(words("(mentees)"), [(3, "mentees")]);
        assert_eq!(
            words("Ask the Designated Safeguarding Lead."),
            [(2, "Designated Safeguarding Lead")]
        );
    }

    #[test]
    fn the_longest_term_or_alias_first() {
        assert_eq!(
            words("the limits of confidentiality matter"),
            [(1, "limits of confidentiality")]
        );
        assert_eq!(words("mentees"), [(3, "mentees")]);
    }

    fn marked(markdown: &str) -> String {
        let terms = terms();
        let mut marker = Marker::at(&terms, "../", false);
        let mut events = Vec::new();
        for event in pulldown_cmark::Parser::new(markdown) {
            marker.push(event, &mut events);
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }

    #[test]
    fn only_the_first_use_on_a_page_is_a_link() {
        let html = marked("A mentee and a mentee.\n\nThe mentees and the DSL.");
        assert_eq!(html.matches("class=\"term\"").count(), 2, "{html}");
        assert!(html.contains(
            "A <a class=\"term\" href=\"../glossary.html#term-mentee\" title=\"About term-mentee\">mentee</a> and a mentee."
        ), "{html}");
        assert!(
            html.contains(
                "The mentees and the <a class=\"term\" href=\"../glossary.html#term-dsl\""
            ),
            "{html}"
        );
    }

    #[test]
    fn not_in_links_code_images_or_the_authors_own_markup() {
        let html = marked(
            "[a mentee](x.md) `mentee` ![mentee](a.png) <abbr title=\"x\">DSL</abbr> <dfn>confidentiality</dfn>\n\n```\nmentee\n```\n\nthen the mentee",
        );
        assert_eq!(html.matches("class=\"term\"").count(), 1, "{html}");
        assert!(html.contains("then the <a class=\"term\""), "{html}");
        assert!(html.contains("<abbr title=\"x\">DSL</abbr>"), "{html}");
    }

    #[test]
    fn facilitator_notes_are_marked_only_on_a_facilitator_only_page() {
        let terms = terms();
        let marked = |facilitator_page: bool| {
            let mut marker = Some(Marker::at(&terms, "../", facilitator_page));
            let mut events = Vec::new();
            push(
                &mut marker,
                true,
                Event::Text("the mentee".into()),
                &mut events,
            );
            push(
                &mut marker,
                false,
                Event::Text("the DSL".into()),
                &mut events,
            );
            events
                .iter()
                .filter(|e| matches!(e, Event::InlineHtml(h) if h.starts_with("<a ")))
                .count()
        };
        assert_eq!(marked(false), 1, "only the mentor text");
        assert_eq!(marked(true), 2);
        let mut none = None;
        let mut events = Vec::new();
        push(&mut none, false, Event::Text("mentee".into()), &mut events);
        assert!(matches!(&events[..], [Event::Text(t)] if t.as_ref() == "mentee"));
    }

    #[test]
    fn titles_are_escaped() {
        let terms = Terms::new(vec![(
            vec!["x".into()],
            TermLink {
                id: "term-x".into(),
                title: "a \"quoted\" <b>".into(),
            },
        )]);
        let mut marker = Marker::at(&terms, "../", false);
        let mut events = Vec::new();
        marker.push(Event::Text("x".into()), &mut events);
        let Event::InlineHtml(open) = &events[0] else {
            panic!("{events:?}");
        };
        assert!(
            open.contains("title=\"a &quot;quoted&quot; &lt;b&gt;\""),
            "{open}"
        );
    }
}
