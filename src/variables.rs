//! Course variables: `{{ name }}` in Markdown, expanded as plain text before
//! the Markdown is parsed.
//!
//! Only `{{ name }}` is template syntax; `{%`, `{#` and every other brace are
//! literal. Nothing inside code (inline code or any fenced or indented block)
//! is expanded. A value is inserted as literal text: its Markdown and HTML
//! punctuation is backslash-escaped so it can never become markup.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::markdown::parser_options;

/// A `{{ name }}` with no such variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// The name used.
    pub name: String,
    /// Byte range of the whole `{{ … }}` in the original text.
    pub range: Range<usize>,
}

/// Text after expansion, with a map back to the original offsets.
#[derive(Debug, Clone)]
pub struct Expanded {
    /// The expanded text.
    pub text: String,
    /// (range in expanded text, range in original text) of each substitution.
    substitutions: Vec<(Range<usize>, Range<usize>)>,
    /// Variables used but not defined.
    pub unknown: Vec<Unknown>,
}

impl Expanded {
    /// The offset in the original text of an offset in the expanded text.
    pub fn original_offset(&self, offset: usize) -> usize {
        let mut shift: isize = 0;
        for (expanded, original) in &self.substitutions {
            if offset < expanded.start {
                break;
            }
            if offset < expanded.end {
                return original.start;
            }
            shift = original.end as isize - expanded.end as isize;
        }
        (offset as isize + shift) as usize
    }
}

/// Expands every `{{ name }}` outside code in `text`.
pub fn expand(text: &str, variables: &HashMap<String, String>) -> Expanded {
    if !text.contains("{{") {
        return Expanded {
            text: text.to_owned(),
            substitutions: Vec::new(),
            unknown: Vec::new(),
        };
    }
    let code = code_ranges(text);
    let mut out = String::with_capacity(text.len());
    let mut substitutions = Vec::new();
    let mut unknown = Vec::new();
    let mut copied = 0;
    for (name, Range { start, end }) in placeholders(text) {
        if code.iter().any(|r| r.contains(&start)) {
            continue;
        }
        out.push_str(&text[copied..start]);
        let expanded_start = out.len();
        match variables.get(name) {
            Some(value) => push_escaped(&mut out, value),
            None => {
                unknown.push(Unknown {
                    name: name.to_owned(),
                    range: start..end,
                });
                out.push_str(&text[start..end]);
            }
        }
        substitutions.push((expanded_start..out.len(), start..end));
        copied = end;
    }
    out.push_str(&text[copied..]);
    Expanded {
        text: out,
        substitutions,
        unknown,
    }
}

/// Fills every `{{ name }}` of a plain-text field with its value as written
/// (no Markdown escaping: plain text is escaped by the theme like any text).
/// Unknown names are left as written and returned.
pub fn fill_plain(text: &str, variables: &HashMap<String, String>) -> (String, Vec<Unknown>) {
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
pub fn placeholders(text: &str) -> Vec<(&str, Range<usize>)> {
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

/// Byte ranges of inline code and code blocks, where nothing is expanded.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in Parser::new_ext(text, parser_options()).into_offset_iter() {
        match event {
            Event::Code(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block_start.take() {
                    ranges.push(start.start..range.end.max(start.end));
                }
            }
            _ => {}
        }
    }
    ranges
}

/// Appends `value` with every ASCII punctuation character backslash-escaped.
fn push_escaped(out: &mut String, value: &str) {
    for c in value.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> HashMap<String, String> {
        HashMap::from([
            ("school".to_owned(), "Hill <School> *".to_owned()),
            ("dsl".to_owned(), "Ms Patel".to_owned()),
        ])
    }

    #[test]
    fn expands_outside_code_only() {
        let e = expand(
            "At {{ school }}, `{{ dsl }}` and\n\n```\n{{dsl}}\n```\n{{dsl}}",
            &vars(),
        );
        assert_eq!(
            e.text,
            "At Hill \\<School\\> \\*, `{{ dsl }}` and\n\n```\n{{dsl}}\n```\nMs Patel"
        );
        assert!(e.unknown.is_empty());
    }

    #[test]
    fn other_braces_are_literal() {
        let e = expand("{% if %} {# x #} {{ not valid! }} { {a} }", &vars());
        assert_eq!(e.text, "{% if %} {# x #} {{ not valid! }} { {a} }");
    }

    #[test]
    fn placeholders_are_found_code_or_not() {
        let text = "Tell {{ dsl }} or `{{school}}`; {{ not valid! }} {{";
        let found: Vec<(&str, &str)> = placeholders(text)
            .into_iter()
            .map(|(name, range)| (name, &text[range]))
            .collect();
        assert_eq!(found, [("dsl", "{{ dsl }}"), ("school", "{{school}}")]);
    }

    #[test]
    fn plain_text_is_filled_as_written_and_unknown_names_kept() {
        let (text, unknown) = fill_plain("Tell {{ dsl }} at {{school}} or {{ nobody }}.", &vars());
        assert_eq!(text, "Tell Ms Patel at Hill <School> * or {{ nobody }}.");
        assert_eq!(unknown.len(), 1);
        assert_eq!(unknown[0].name, "nobody");
        assert_eq!(unknown[0].range, 32..44);
        assert_eq!(
            fill_plain("{{ not valid! }}", &vars()).0,
            "{{ not valid! }}"
        );
    }

    #[test]
    fn unknown_variables_are_reported_with_their_range() {
        let text = "Hello {{ nobody }}.";
        let e = expand(text, &vars());
        assert_eq!(e.unknown.len(), 1);
        assert_eq!(&text[e.unknown[0].range.clone()], "{{ nobody }}");
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let text = "{{ dsl }} then [link](x.md)";
        let e = expand(text, &vars());
        let at = e.text.find("[link]").unwrap();
        assert_eq!(e.original_offset(at), text.find("[link]").unwrap());
        assert_eq!(e.original_offset(2), 0);
    }
}
