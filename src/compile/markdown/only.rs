//! ```` ```only ```` blocks, resolved before the Markdown is parsed.
//!
//! A block shown in the profile being built loses its two fence lines; a
//! block hidden there is blanked whole. Either way every byte that goes is
//! replaced by a space (line ends stay), so offsets into the text still point
//! at the author's file, and what is left is one Markdown document: a
//! footnote cited outside a block and defined inside it (or the other way
//! round) is found, and notes are numbered in the order they are cited.
//! Blocks nested in a shown block are resolved by the next pass. Only blocks
//! at the top level are resolved; one inside a list or quote is left for the
//! renderer to report as misplaced.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::options::parser_options;
use crate::load::profiles::OnlyFilter;

/// An ```` ```only ```` block found at the top level.
struct Found {
    /// The whole block, fences included.
    block: Range<usize>,
    /// Its content, between the fence lines.
    content: Range<usize>,
    filter: Option<OnlyFilter>,
}

/// A block's filter (None: it names no profile) and its opening fence line.
pub(crate) type Filtered = (Option<OnlyFilter>, Range<usize>);

/// `source` as it reads in `profile` (None: the base course), and every
/// block's filter with the range of its opening fence (for `check`, which
/// tests the profiles a block names).
pub(crate) fn resolve(source: &str, profile: Option<&str>) -> (String, Vec<Filtered>) {
    let mut text = source.to_owned();
    let mut filters = Vec::new();
    loop {
        let found = top_level_blocks(&text);
        if found.is_empty() {
            return (text, filters);
        }
        let mut bytes = std::mem::take(&mut text).into_bytes();
        for block in found {
            let shown = block.filter.as_ref().is_some_and(|f| f.shows(profile));
            let opening = block.block.start..block.content.start;
            filters.push((block.filter, opening.clone()));
            if shown {
                blank(&mut bytes, opening);
                blank(&mut bytes, block.content.end..block.block.end);
            } else {
                blank(&mut bytes, block.block);
            }
        }
        // Only ASCII bytes were written, and only over whole characters.
        text = String::from_utf8(bytes).unwrap_or_default();
    }
}

/// Replaces every byte of `range` but line ends with a space.
fn blank(bytes: &mut [u8], range: Range<usize>) {
    for byte in &mut bytes[range] {
        if *byte != b'\n' {
            *byte = b' ';
        }
    }
}

/// The ```` ```only ```` blocks not inside a list, quote, table or footnote.
fn top_level_blocks(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut open: Option<Found> = None;
    for (event, range) in Parser::new_ext(text, parser_options()).into_offset_iter() {
        if let Some(block) = &mut open {
            match event {
                Event::Text(_) => {
                    if block.content.is_empty() && block.content.start == block.block.start {
                        block.content = range;
                    } else {
                        block.content.end = range.end;
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some(mut block) = open.take() {
                        if block.content.start == block.block.start {
                            // No content: everything after the opening line.
                            let line_end = text[block.block.start..block.block.end]
                                .find('\n')
                                .map_or(block.block.end, |i| block.block.start + i + 1);
                            block.content = line_end..line_end;
                        }
                        found.push(block);
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if depth == 0 => {
                let mut words = info.split_whitespace();
                if words.next() == Some("only") {
                    let rest: Vec<&str> = words.collect();
                    open = Some(Found {
                        block: range.clone(),
                        content: range.start..range.start,
                        filter: OnlyFilter::parse(&rest.join(" ")),
                    });
                }
            }
            Event::Start(
                Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_) | Tag::FootnoteDefinition(_),
            ) => depth += 1,
            Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition,
            ) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, profile: Option<&str>) -> String {
        let (out, _) = resolve(text, profile);
        assert_eq!(out.len(), text.len(), "offsets kept");
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_block_is_kept_without_its_fences_or_blanked_whole() {
        let text = "Intro\n\n```only uni\nUNI\n```\n\n```only !uni\nSCHOOL\n```\nEnd\n";
        assert_eq!(shown(text, Some("uni")), "Intro UNI End");
        assert_eq!(shown(text, None), "Intro SCHOOL End");
        let (_, filters) = resolve(text, None);
        assert_eq!(filters.len(), 2);
        assert_eq!(&text[filters[0].1.clone()], "```only uni\n");
    }

    #[test]
    fn nested_blocks_and_facilitator_fences_inside_are_resolved() {
        let text = "````only uni\nA\n```only !wales\nB\n```\n```facilitator\nNOTE\n```\n````\n";
        assert_eq!(shown(text, Some("uni")), "A B ```facilitator NOTE ```");
        assert_eq!(shown(text, Some("wales")), "");
    }

    #[test]
    fn blocks_inside_a_list_and_empty_blocks_are_left_alone_or_removed() {
        let listed = "- item\n\n  ```only uni\n  X\n  ```\n";
        assert_eq!(
            resolve(listed, None).0,
            listed,
            "left for the renderer to report"
        );
        assert_eq!(shown("a\n\n```only uni\n```\nb\n", None), "a b");
        // Not closed: runs to the end of the text, as a fence does.
        assert_eq!(shown("a\n\n```only uni\nX\n", None), "a");
        assert_eq!(shown("a\n\n```only uni\nX é\n", Some("uni")), "a X é");
    }
}
