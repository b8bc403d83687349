//! The full-text search index: every module's text split at its headings,
//! each section reduced to its heading, a short snippet and the distinct
//! words in it, plus every scenario's title and summary.
//!
//! The index is written as a script (`assets/search-index.js`) that sets
//! `window.peerprepSearch`, so search works from `file://` where pages
//! cannot fetch JSON. Shape: `{"v": 1, "pages": [[title, href]],
//! "sections": [[page, heading, anchor, snippet, words]]}` with `words`
//! the section's distinct lowercase words, space-separated. Keeping only
//! distinct words and a snippet (not the whole text) keeps it small.

use std::collections::HashSet;

use serde::Serialize;

/// Words kept in a section's snippet.
pub const SNIPPET_WORDS: usize = 30;

/// A part of a page: the text under one heading.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Section {
    /// The heading level (1–6), 0 for text before the first heading.
    pub level: u8,
    /// The heading's id, the anchor a result links to.
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// The start of the text under the heading ([`snippet`]), whitespace collapsed.
    pub text: String,
    /// The distinct words of the heading and all of its text ([`distinct_words`]).
    pub words: String,
}

/// Splits sanitised HTML into sections at its headings, as plain text.
pub fn sections(html: &str) -> Vec<Section> {
    let mut out = vec![Section::default()];
    let mut in_heading = false;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            push_text(&mut out, in_heading, rest);
            break;
        };
        push_text(&mut out, in_heading, &rest[..open]);
        let (tag_end, close) = match rest[open..].find('>') {
            Some(i) => (open + i, open + i + 1),
            None => (rest.len(), rest.len()),
        };
        let tag = &rest[open + 1..tag_end];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect::<String>()
            .to_ascii_lowercase();
        if let Some(level) = heading_level(&name) {
            in_heading = true;
            out.push(Section {
                level,
                id: attribute(tag, "id").unwrap_or_default(),
                ..Section::default()
            });
        } else if name.starts_with('/') && heading_level(&name[1..]).is_some() {
            in_heading = false;
        } else if is_block(name.trim_start_matches('/')) {
            push_text(&mut out, in_heading, " ");
        }
        rest = &rest[close..];
    }
    for s in &mut out {
        s.title = collapse(&s.title);
        let full = collapse(&s.text);
        s.words = distinct_words(&[&s.title, &full]);
        s.text = snippet(&full);
    }
    out.retain(|s| !(s.level == 0 && s.text.is_empty()));
    out
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "br"
            | "li"
            | "ul"
            | "ol"
            | "div"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "blockquote"
            | "pre"
            | "dt"
            | "dd"
            | "section"
            | "aside"
            | "figure"
            | "figcaption"
            | "details"
            | "summary"
    )
}

fn push_text(out: &mut [Section], in_heading: bool, html_text: &str) {
    if let Some(last) = out.last_mut() {
        let target = if in_heading {
            &mut last.title
        } else {
            &mut last.text
        };
        target.push_str(&unescape(html_text));
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

/// Undoes the escaping a sanitiser writes in text.
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first [`SNIPPET_WORDS`] words of `text`.
pub fn snippet(text: &str) -> String {
    let mut words = text.split_whitespace();
    let mut out: Vec<&str> = words.by_ref().take(SNIPPET_WORDS).collect();
    if words.next().is_some() {
        out.push("…");
    }
    out.join(" ")
}

/// A page in the index and its sections.
#[derive(Debug)]
pub struct Page<'a> {
    /// The page title.
    pub title: &'a str,
    /// The page, relative to the site root.
    pub href: String,
    /// Its sections ([`sections`]); a page with none is indexed by title and `summary`.
    pub sections: &'a [Section],
    /// Text indexed with the page's first section (a module's or scenario's summary).
    pub summary: Option<&'a str>,
}

/// One row of `sections`: page number, heading, anchor, snippet, distinct words.
type Row = (usize, String, String, String, String);

#[derive(Serialize)]
struct Index<'a> {
    v: u8,
    pages: Vec<(&'a str, &'a str)>,
}

/// The distinct words of `parts` as search matches them (runs of letters and
/// digits, two characters or more, lowercase), space-separated, in order of
/// first use. `assets/search.js` splits a query the same way.
pub fn distinct_words(parts: &[&str]) -> String {
    let lower = parts.join(" ").to_lowercase();
    let mut seen: HashSet<&str> = HashSet::with_capacity(128);
    let mut out = String::with_capacity(lower.len() / 2);
    for w in lower.split(|c: char| !c.is_alphanumeric()) {
        let long_enough = w.len() > 2 || w.chars().count() >= 2;
        if long_enough && seen.insert(w) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// The rows of one page: a lead row (its title and summary, and any text
/// before the first heading), then one per section.
fn rows(n: usize, page: &Page<'_>) -> Vec<Row> {
    let summary = page.summary.unwrap_or("");
    let lead = Section::default();
    let has_lead = page.sections.first().is_some_and(|s| s.level == 0);
    let all: Vec<&Section> = if has_lead {
        page.sections.iter().collect()
    } else {
        std::iter::once(&lead).chain(page.sections).collect()
    };
    all.into_iter()
        .enumerate()
        .map(|(i, s)| {
            let heading = if s.level == 0 { "" } else { s.title.as_str() };
            let words = if i == 0 {
                distinct_words(&[page.title, summary, &s.words])
            } else {
                s.words.clone()
            };
            let text = if s.text.is_empty() && i == 0 {
                summary
            } else {
                &s.text
            };
            (n, heading.to_string(), s.id.clone(), snippet(text), words)
        })
        .collect()
}

/// One page's rows as JSON array elements (no brackets).
fn rows_json(n: usize, page: &Page<'_>) -> String {
    let json = serde_json::to_string(&rows(n, page)).unwrap_or_else(|_| "[]".to_owned());
    json[1..json.len() - 1].to_owned()
}

/// A hash of everything a page's rows are made from.
fn page_key(n: usize, page: &Page<'_>) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    (n, page.title, &page.href, page.summary, page.sections).hash(&mut h);
    h.finish()
}

/// Pages whose rows are made in parallel at a time: enough to keep both
/// cores busy, few enough that the rows of a large course are not all in
/// memory beside the script being written.
const CHUNK: usize = 256;

/// The index script for `pages`; with a cache, a page's rows are made again
/// only when the page changed.
pub fn index_script(pages: &[Page<'_>], cache: Option<&crate::cache::Cache>) -> String {
    use rayon::prelude::*;
    let head = Index {
        v: 1,
        pages: pages.iter().map(|p| (p.title, p.href.as_str())).collect(),
    };
    let head = serde_json::to_string(&head).unwrap_or_else(|_| "{}".to_owned());
    let head = head.strip_suffix('}').unwrap_or(&head);
    let mut out = String::with_capacity(head.len() + pages.len() * 2048);
    out.push_str("window.peerprepSearch = ");
    out.push_str(head);
    out.push_str(",\"sections\":[");
    let mut first = true;
    for (c, chunk) in pages.chunks(CHUNK).enumerate() {
        let rows: Vec<std::sync::Arc<String>> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, page)| {
                let n = c * CHUNK + i;
                match cache {
                    Some(cache) => cache.texts.get_or(page_key(n, page), || rows_json(n, page)),
                    None => std::sync::Arc::new(rows_json(n, page)),
                }
            })
            .collect();
        for r in rows.iter().filter(|r| !r.is_empty()) {
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(r);
        }
    }
    out.push_str("]};\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_split_at_headings_as_plain_text() {
        let html = "<p>Intro &amp; more.</p><h2 id=\"a-b\">A &lt;b&gt;</h2><p>One</p><ul><li>two</li><li>three</li></ul><h3 id=\"c\">C</h3><p>Four <em>five</em></p>";
        let found = sections(html);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].text, "Intro & more.");
        assert_eq!((found[1].level, found[1].id.as_str()), (2, "a-b"));
        assert_eq!(found[1].title, "A <b>");
        assert_eq!(found[1].text, "One two three");
        assert_eq!(found[2].text, "Four five");
    }

    #[test]
    fn words_are_lowercase_and_distinct_per_section() {
        let found =
            sections("<h2 id=\"x\">Listening</h2><p>Listen, listen and LISTEN to a mentee.</p>");
        let pages = [Page {
            title: "Mod",
            href: "modules/m.html".into(),
            sections: &found,
            summary: Some("About listening"),
        }];
        let script = index_script(&pages, None);
        let json = script
            .strip_prefix("window.peerprepSearch = ")
            .and_then(|s| s.strip_suffix(";\n"))
            .expect("script shape");
        let value: serde_json::Value = serde_json::from_str(json).expect("json");
        assert_eq!(value["pages"][0][1], "modules/m.html");
        assert_eq!(value["sections"][0][4], "mod about listening");
        assert_eq!(value["sections"][1][1], "Listening");
        assert_eq!(value["sections"][1][2], "x");
        assert_eq!(value["sections"][1][4], "listening listen and to mentee");
    }

    #[test]
    fn snippets_are_cut_short() {
        let long = "word ".repeat(100);
        let s = snippet(&long);
        assert_eq!(s.split(' ').count(), SNIPPET_WORDS + 1);
        assert!(s.ends_with('…'));
    }
}
