//! A module's slides: its ```` ```slide ```` blocks paired with their
//! ```` ```slide-notes ```` ([`crate::compile::markdown::slides`]), each
//! compiled once for the module's page so that its links and variables are
//! checked with the module's, and its problems reported where they are
//! written: E046 for notes with no slide, an empty slide, or one of
//! peerprep's blocks inside a slide; W022 for a slide too long to read.
//! The decks compile the slides again where they are shown
//! ([`crate::render::slides`]).

use crate::compile::markdown::slides::{self, MAX_POINTS, MAX_WORDS, Problem, SlideSource};
use crate::compile::markdown::{Context, Rendered};
use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::module::Module;

/// The slides of module `m`, from what rendering its body found
/// (`rendered`, which takes the slides' links and variables to check),
/// with `ctx` the context of the module's page. Problems go to `out`.
pub(crate) fn collect(
    m: &Module,
    rendered: &mut Rendered,
    ctx: &Context<'_>,
    out: &mut Diagnostics,
) -> Vec<SlideSource> {
    let (sources, problems) = slides::pair(&rendered.slide_fences, &m.source.text);
    for (problem, range) in problems {
        let diagnostic = match problem {
            Problem::NotesWithoutSlide => Diagnostic::error(
                Code::SlideBlock,
                "this ```slide-notes block has no ```slide block just before it",
            )
            .with_help("write a slide's speaker notes straight after it, with only blank lines between, one notes block per slide"),
            Problem::Empty => Diagnostic::error(Code::SlideBlock, "this ```slide block is empty")
                .with_help("give the slide a heading and a few points, or delete it"),
            Problem::TooLong { points, words } => Diagnostic::warning(
                Code::SlideWarning,
                format!("this slide has {points} points and {words} words: too much to read from the back of the room"),
            )
            .with_help(format!("split it into two slides (at most {MAX_POINTS} points or about {MAX_WORDS} words each) and move the detail into its ```slide-notes")),
        };
        out.push(diagnostic.at_offset(&m.source, range.start, range.len()));
    }
    for source in &sources {
        let (_, found) = slides::compile(source, ctx);
        for part in found {
            for (kind, range) in part.misplaced {
                out.push(
                    Diagnostic::error(
                        Code::SlideBlock,
                        format!("a ```{kind} block cannot go inside a slide or its notes"),
                    )
                    .with_help("a slide holds Markdown only (a heading, a few points, an image): put the block in the module, outside the slide")
                    .at_offset(&m.source, range.start, range.len()),
                );
            }
            rendered.links.extend(part.links);
            rendered.unknown_variables.extend(part.unknown_variables);
            rendered.raw_media.extend(part.raw_media);
        }
    }
    sources
}
