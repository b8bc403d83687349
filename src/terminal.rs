//! Text from outside (learners' progress files, names lists) made safe to
//! print in a terminal.
//!
//! Input: any text. Output: the same text with every character that could
//! act on the terminal instead of being shown (control characters such as
//! ESC, which start sequences that recolour, move or clear the screen, set
//! the window title or write to the clipboard; bidirectional overrides such
//! as U+202E, which make text read backwards; line and paragraph separators)
//! written as a Rust-style escape, `\u{1b}`, so it is seen, not obeyed. Long
//! text can be cut to a length first ([`shorten`]).

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` acts on a terminal or on the order of the text around it.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `text` with every control character, bidirectional control and line
/// separator written as `\u{…}` (lowercase hex, as Rust writes it).
pub(crate) fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` cut to at most `max` characters (with `…` where it was cut),
/// then escaped: for a learner's text inside a message.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", escape(&text[..at])),
        None => escape(text).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_and_bidi_overrides_are_shown_not_obeyed() {
        assert_eq!(
            escape("a\u{1b}[2Jb\u{7}\u{202e}c\u{2066}\n\t\u{9b}"),
            "a\\u{1b}[2Jb\\u{7}\\u{202e}c\\u{2066}\\u{a}\\u{9}\\u{9b}"
        );
        assert!(matches!(escape("Zoë Okafor"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_text_is_cut_at_a_character() {
        assert_eq!(shorten("ééééé", 3), "ééé…");
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("\u{1b}bcd", 2), "\\u{1b}b…");
    }
}
