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

pub(crate) use crate::load::plain_text::{Unknown, placeholders};

use crate::compile::markdown::options::parser_options;

/// Text after expansion, with a map back to the original offsets.
#[derive(Debug, Clone)]
pub(crate) struct Expanded {
    /// The expanded text.
    pub(crate) text: String,
    /// (range in expanded text, range in original text) of each substitution.
    substitutions: Vec<(Range<usize>, Range<usize>)>,
    /// Variables used but not defined.
    pub(crate) unknown: Vec<Unknown>,
}

impl Expanded {
    /// The offset in the original text of an offset in the expanded text.
    pub(crate) fn original_offset(&self, offset: usize) -> usize {
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
pub(crate) fn expand(text: &str, variables: &HashMap<String, String>) -> Expanded {
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
        let (text, unknown) = crate::load::plain_text::fill_plain(
            "Tell {{ dsl }} at {{school}} or {{ nobody }}.",
            &vars(),
        );
        assert_eq!(text, "Tell Ms Patel at Hill <School> * or {{ nobody }}.");
        assert_eq!(unknown.len(), 1);
        assert_eq!(unknown[0].name, "nobody");
        assert_eq!(unknown[0].range, 32..44);
        assert_eq!(
            crate::load::plain_text::fill_plain("{{ not valid! }}", &vars()).0,
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
