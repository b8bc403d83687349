//! Slides for the training day: ```` ```slide ```` blocks and the
//! ```` ```slide-notes ```` block written straight after each.
//!
//! The renderer keeps these blocks out of the module's body and search text
//! ([`Rendered::slide_fences`]); here they are paired ([`pair`]: notes
//! belong to the slide just before them, with only blank lines between),
//! measured (a slide holds a heading and a few points) and compiled
//! ([`compile`]) with the same renderer in [`Mode::Slide`], which refuses
//! peerprep's own blocks (quizzes, scenarios, facilitator notes, slides)
//! inside a slide. The slide's first line, when it is a heading, is its
//! title: the theme shows it as the slide's heading and in its name.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::compile::body::Body;
use crate::compile::markdown::{Context, Mode, Rendered, parser_options, render};
use crate::load::plain_text::{Unknown, fill_plain};

/// A ```` ```slide ```` or ```` ```slide-notes ```` block as the renderer
/// finds it: whether it is notes, its Markdown (variables expanded), the byte
/// offset in the file where that Markdown starts, and the whole block's byte
/// range in the file.
pub(crate) type SlideFence = (bool, String, usize, Range<usize>);

/// More list items than this on one slide is too many (W022).
pub(crate) const MAX_POINTS: usize = 8;
/// More words than this on one slide is too many (W022).
pub(crate) const MAX_WORDS: usize = 90;

/// One slide as written, with the notes written after it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct SlideSource {
    /// The slide's first line, when it is a heading.
    pub(crate) title: Option<Title>,
    /// Its Markdown after the heading.
    pub(crate) text: String,
    /// Where `text` starts in the file (byte offset).
    pub(crate) at: usize,
    /// The speaker notes' Markdown and where it starts in the file.
    pub(crate) notes: Option<(String, usize)>,
    /// The whole ```` ```slide ```` block in the file.
    pub(crate) range: Range<usize>,
    /// List items on the slide.
    pub(crate) points: usize,
    /// Words on the slide, heading included.
    pub(crate) words: usize,
}

/// A slide's heading as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Title {
    /// Its plain text (variables not yet filled in).
    pub(crate) text: String,
    /// The whole line as written.
    pub(crate) line: String,
    /// Where the line starts in the file (byte offset).
    pub(crate) at: usize,
}

/// What is wrong with a slide block, found by [`pair`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// A ```` ```slide-notes ```` block with no ```` ```slide ```` block just before it.
    NotesWithoutSlide,
    /// A ```` ```slide ```` block with nothing in it.
    Empty,
    /// A slide with more than [`MAX_POINTS`] points or [`MAX_WORDS`] words.
    TooLong {
        /// Its list items.
        points: usize,
        /// Its words.
        words: usize,
    },
}

/// A slide compiled for the page it is shown on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Slide {
    /// Its heading, as plain text.
    pub(crate) title: Option<String>,
    /// What it shows under the heading.
    pub(crate) body: Body,
    /// Its speaker notes.
    pub(crate) notes: Option<Body>,
}

/// Pairs the blocks of one file (`file` is its text): each notes block goes
/// with the slide just before it when only blank text lies between them.
/// Returns the slides worth showing, in order, and the problems found (an
/// empty slide is left out; a long one is kept).
pub(crate) fn pair(
    fences: &[SlideFence],
    file: &str,
) -> (Vec<SlideSource>, Vec<(Problem, Range<usize>)>) {
    let mut slides: Vec<SlideSource> = Vec::new();
    let mut problems = Vec::new();
    // The end of the last slide block, while no notes have followed it.
    let mut open: Option<usize> = None;
    for (notes, text, at, range) in fences {
        if !*notes {
            slides.push(source(text, *at, range.clone()));
            open = Some(range.end);
            continue;
        }
        let between = open.and_then(|end| file.get(end.min(range.start)..range.start));
        match (between, slides.last_mut()) {
            (Some(gap), Some(slide)) if gap.trim().is_empty() => {
                slide.notes = Some((text.clone(), *at));
            }
            _ => problems.push((Problem::NotesWithoutSlide, range.clone())),
        }
        open = None;
    }
    slides.retain(|s| {
        let empty = s.title.is_none() && s.text.trim().is_empty();
        if empty {
            problems.push((Problem::Empty, s.range.clone()));
        } else if s.points > MAX_POINTS || s.words > MAX_WORDS {
            let (points, words) = (s.points, s.words);
            problems.push((Problem::TooLong { points, words }, s.range.clone()));
        }
        !empty
    });
    problems.sort_by_key(|(_, r)| r.start);
    (slides, problems)
}

/// A slide block's Markdown split into its heading and the rest, measured.
fn source(text: &str, at: usize, range: Range<usize>) -> SlideSource {
    let (mut points, mut words) = (0, 0);
    for event in Parser::new_ext(text, parser_options()) {
        match event {
            Event::Start(Tag::Item) => points += 1,
            Event::Text(t) | Event::Code(t) => {
                words += t
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count();
            }
            _ => {}
        }
    }
    let (title, rest) = heading(text);
    SlideSource {
        title: title.map(|t| Title { at: at + t.at, ..t }),
        text: text[rest..].to_owned(),
        at: at + rest,
        notes: None,
        range,
        points,
        words,
    }
}

/// `text`'s first line when it is a heading (`at` counted from the start
/// of `text`), and where the rest of `text` starts.
fn heading(text: &str) -> (Option<Title>, usize) {
    let skipped = text.len() - text.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    // Back to the start of the first line with words on it.
    let start = text[..skipped].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    let line = &text[start..end];
    let mut events = Parser::new_ext(line, parser_options());
    if !matches!(events.next(), Some(Event::Start(Tag::Heading { .. }))) {
        return (None, 0);
    }
    let mut title = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => title.push_str(&t),
            Event::End(TagEnd::Heading(_)) => break,
            _ => {}
        }
    }
    let title = title.trim();
    let title = (!title.is_empty()).then(|| Title {
        text: title.to_owned(),
        line: line.trim_end().to_owned(),
        at: start,
    });
    (title, end)
}

/// Compiles a slide and its notes with `ctx` (as facilitator-only
/// [`Mode::Slide`] content): the slide, and what rendering found in the
/// slide and in its notes (links, misplaced blocks…), for checking.
pub(crate) fn compile(source: &SlideSource, ctx: &Context<'_>) -> (Slide, Vec<Rendered>) {
    let part = |text: &str, at: usize| {
        let ctx = Context {
            mode: Mode::Slide,
            facilitator_only: true,
            base_offset: at,
            ..*ctx
        };
        let mut rendered = render(text, &ctx);
        let body = std::mem::take(&mut rendered.body);
        (body, rendered)
    };
    let (body, mut found) = part(&source.text, source.at);
    let title = source.title.as_ref().map(|title| {
        // Unknown names are found in the line as written, to point at them.
        let (_, unknown) = fill_plain(&title.line, ctx.variables);
        found
            .unknown_variables
            .extend(unknown.into_iter().map(|u| Unknown {
                range: title.at + u.range.start..title.at + u.range.end,
                ..u
            }));
        fill_plain(&title.text, ctx.variables).0
    });
    let mut all = vec![found];
    let notes = source.notes.as_ref().map(|(text, at)| {
        let (body, found) = part(text, *at);
        all.push(found);
        body
    });
    let slide = Slide { title, body, notes };
    (slide, all)
}

#[cfg(test)]
mod tests;
