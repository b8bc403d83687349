//! Keeping nesting shallow, so pathological Markdown renders in linear time.
//!
//! The HTML sanitiser's parser looks through every open element for some
//! tags, so its time grows with the square of the nesting depth: 20,000
//! nested `>` quotes took seconds. Beyond [`MAX_DEPTH`] nested containers
//! (quotes, lists, emphasis…), the container tags are left out and their
//! text is kept; raw HTML that would open more than [`MAX_RAW_DEPTH`]
//! elements is shown as text instead.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Nested Markdown containers kept; deeper ones keep their text only.
pub(crate) const MAX_DEPTH: usize = 32;
/// Elements raw HTML may hold open; beyond, its tags are shown as text.
pub(crate) const MAX_RAW_DEPTH: usize = 128;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

fn is_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::BlockQuote(_)
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

/// How many elements a piece of raw HTML opens, minus those it closes, and
/// the most it holds open at any point.
fn raw_delta(html: &str) -> (isize, isize) {
    let mut delta = 0;
    let mut peak = 0;
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(name) = tag.strip_prefix('/') {
            if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                delta -= 1;
            }
        } else if tag.starts_with(|c: char| c.is_ascii_alphabetic()) && !tag.ends_with('/') {
            let name: String = tag
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            if !VOID.contains(&name.as_str()) {
                delta += 1;
                peak = peak.max(delta);
            }
        }
    }
    (delta, peak)
}

/// The events with containers beyond [`MAX_DEPTH`] left out and deep raw HTML escaped.
pub(crate) fn flatten<'e>(events: Vec<Event<'e>>) -> Vec<Event<'e>> {
    let mut kept_stack: Vec<bool> = Vec::new();
    let mut depth = 0usize;
    let mut raw_depth = 0isize;
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        match event {
            Event::Start(ref tag) if is_container(tag) => {
                let keep = depth < MAX_DEPTH;
                kept_stack.push(keep);
                if keep {
                    depth += 1;
                    out.push(event);
                }
            }
            Event::End(ref tag) if is_container_end(tag) => {
                if kept_stack.pop().unwrap_or(true) {
                    depth = depth.saturating_sub(1);
                    out.push(event);
                }
            }
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                let (delta, peak) = raw_delta(html);
                if raw_depth + peak > MAX_RAW_DEPTH as isize {
                    out.push(Event::Text(html.clone()));
                } else {
                    raw_depth = (raw_depth + delta).max(0);
                    out.push(event);
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Parser, html};

    fn render(markdown: &str) -> String {
        let mut out = String::new();
        html::push_html(
            &mut out,
            flatten(Parser::new(markdown).collect()).into_iter(),
        );
        out
    }

    #[test]
    fn deep_quotes_keep_their_text_but_not_their_depth() {
        let out = render(&format!("{} deep words", ">".repeat(1000)));
        assert_eq!(out.matches("<blockquote>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</blockquote>").count(), MAX_DEPTH);
        assert!(out.contains("deep words"));
    }

    #[test]
    fn shallow_markdown_is_untouched() {
        let md = "> quote\n\n- a\n  - *b* and **c**\n";
        let mut plain = String::new();
        html::push_html(&mut plain, Parser::new(md));
        assert_eq!(render(md), plain);
    }

    #[test]
    fn deep_raw_html_is_shown_as_text() {
        let out = render(&format!("{}x{}", "<div>".repeat(500), "</div>".repeat(500)));
        assert!(out.matches("<div>").count() <= MAX_RAW_DEPTH);
        assert!(out.contains("&lt;div&gt;"));
        assert_eq!(raw_delta("<p><br><img src=x/></p>"), (0, 1));
        assert_eq!(raw_delta("<span class=\"a\">"), (1, 1));
    }
}
