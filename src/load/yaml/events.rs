//! The YAML event stream, for what serde cannot see: where each
//! `key: value` entry starts and ends (so that [`super::recover`] can leave
//! one out and parse the rest again), and plain text that swallowed a list
//! item written one space too far in.
//!
//! Input: YAML text. Output: positions in that text (character indexes,
//! 1-based lines and columns). Text the event parser cannot read gives
//! nothing: the serde layer reports the syntax error.

use serde_saphyr::granit_parser::{Event, Marker, Parser, ScalarStyle};

/// One `key: value` entry of a mapping: where it starts and ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// The key as written (`?` for a key that is itself a list or mapping).
    pub(super) key: String,
    /// Character index of the key's first character.
    pub(super) start: usize,
    /// Character index just after the value.
    pub(super) end: usize,
    /// Line (1-based) of the key.
    start_line: usize,
    /// Column (1-based) of the key.
    start_column: usize,
    /// Line (1-based) of the character after the value.
    end_line: usize,
    /// Column (1-based) of the character after the value.
    end_column: usize,
}

impl Entry {
    fn new(key: String, from: Marker, to: Marker) -> Self {
        Self {
            key,
            start: from.index(),
            end: to.index(),
            start_line: from.line(),
            start_column: from.col() + 1,
            end_line: to.line(),
            end_column: to.col() + 1,
        }
    }

    /// Whether the position `line:column` (both 1-based) is inside the entry.
    fn contains(&self, line: usize, column: usize) -> bool {
        (self.start_line, self.start_column) <= (line, column)
            && (line, column) < (self.end_line, self.end_column)
    }
}

/// A collection being read: what it belongs to and, in a mapping, the key
/// waiting for its value.
struct Frame {
    /// The entry whose value this collection is.
    owner: Option<(String, Marker)>,
    /// In a mapping: the key read, waiting for its value. `None` in a list.
    key: Option<Option<(String, Marker)>>,
}

/// Every `key: value` entry in `text`, in the order they end; `None` when
/// the text is not well-formed YAML.
pub(super) fn entries(text: &str) -> Option<Vec<Entry>> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut out = Vec::new();
    for event in Parser::new_from_str(text) {
        let (event, span) = event.ok()?;
        match event {
            Event::Scalar(..) | Event::Alias(..) | Event::UnresolvedAlias(..) => {
                let key = match &event {
                    Event::Scalar(value, ..) => value.to_string(),
                    _ => "?".to_owned(),
                };
                if let Some(Frame {
                    key: Some(slot), ..
                }) = stack.last_mut()
                {
                    match slot.take() {
                        None => *slot = Some((key, span.start)),
                        Some((key, start)) => out.push(Entry::new(key, start, span.end)),
                    }
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let owner = match stack.last_mut() {
                    Some(Frame {
                        key: Some(slot), ..
                    }) => match slot.take() {
                        // A list or mapping used as a key: the value follows.
                        None => {
                            *slot = Some(("?".to_owned(), span.start));
                            None
                        }
                        Some(owner) => Some(owner),
                    },
                    _ => None,
                };
                let is_map = matches!(event, Event::MappingStart(..));
                stack.push(Frame {
                    owner,
                    key: is_map.then_some(None),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let frame = stack.pop()?;
                if let Some((key, start)) = frame.owner {
                    out.push(Entry::new(key, start, span.end));
                }
            }
            _ => {}
        }
    }
    Some(out)
}

/// The innermost entry holding the position `line:column` (1-based).
pub(super) fn entry_at(entries: &[Entry], line: usize, column: usize) -> Option<&Entry> {
    entries
        .iter()
        .filter(|e| e.contains(line, column))
        .min_by_key(|e| e.end - e.start)
}

/// `text` with the characters `start..end` (character indexes) turned into
/// spaces, line breaks kept, so every other position stays where it was.
pub(super) fn blank(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            if (start..end).contains(&i) && c != '\n' && c != '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Lines (1-based, with the column of the dash) where a plain scalar
/// continues onto a line that starts with `- `: a list item indented one
/// step too far, which YAML reads as more of the text above.
pub(super) fn folded_items(text: &str) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for event in Parser::new_from_str(text) {
        let Ok((Event::Scalar(_, ScalarStyle::Plain, ..), span)) = event else {
            if event.is_err() {
                break;
            }
            continue;
        };
        for line in span.start.line() + 1..=span.end.line() {
            let Some(t) = lines.get(line - 1) else {
                continue;
            };
            let rest = t.trim_start();
            if rest == "-" || rest.starts_with("- ") {
                found.push((line, t.len() - rest.len() + 1));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(String, String)> {
        entries(text)
            .unwrap()
            .into_iter()
            .map(|e| {
                let chars: Vec<char> = text.chars().collect();
                (e.key, chars[e.start..e.end].iter().collect())
            })
            .collect()
    }

    #[test]
    fn block_entries_span_key_and_value() {
        let found = keys("title: a\nlist:\n  - x\n  - y\nmap:\n  b: 1\nend: z\n");
        let spans: Vec<&str> = found.iter().map(|(_, s)| s.trim_end()).collect();
        assert_eq!(found[0].0, "title");
        assert_eq!(spans[0], "title: a");
        assert!(spans.contains(&"list:\n  - x\n  - y"), "{spans:?}");
        assert!(spans.contains(&"b: 1"), "{spans:?}");
        assert!(spans.contains(&"end: z"), "{spans:?}");
    }

    #[test]
    fn flow_entries_are_found_too() {
        let found = keys("{a: 1, titel: [x, y]}");
        assert!(
            found
                .iter()
                .any(|(k, s)| k == "titel" && s == "titel: [x, y]")
        );
    }

    #[test]
    fn the_innermost_entry_holds_a_position() {
        let text = "sessions:\n  - title: a\n    duration: soon\n";
        let all = entries(text).unwrap();
        assert_eq!(entry_at(&all, 3, 15).unwrap().key, "duration");
        assert_eq!(entry_at(&all, 2, 5).unwrap().key, "title");
        assert_eq!(entry_at(&all, 1, 1).unwrap().key, "sessions");
    }

    #[test]
    fn blanking_keeps_every_other_position() {
        let text = "a: é\nbad: x\nc: 3\n";
        let all = entries(text).unwrap();
        let bad = all.iter().find(|e| e.key == "bad").unwrap();
        let blanked = blank(text, bad.start, bad.end);
        assert_eq!(blanked.lines().nth(2), Some("c: 3"));
        assert!(blanked.lines().nth(1).unwrap().trim().is_empty());
    }

    #[test]
    fn a_list_item_indented_too_far_is_found() {
        let text = "outcomes:\n  - one\n   - two\n  - three\n";
        assert_eq!(folded_items(text), [(3, 4)]);
        assert!(folded_items("outcomes:\n  - one\n  - two\n").is_empty());
        // A dash inside a block of text is text.
        assert!(folded_items("text: |\n  one\n   - two\n").is_empty());
    }

    #[test]
    fn broken_yaml_gives_nothing() {
        assert!(entries("a: [unclosed\n").is_none());
        assert!(folded_items("a: [unclosed\n").is_empty());
    }
}
