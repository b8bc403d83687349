//! What rendering a Markdown fragment gives: its body and what was found in
//! it (headings, links, unknown variables, search text), for the check stage.

use std::ops::Range;

use crate::compile::body::{Block, Body};
use crate::compile::markdown::Target;
use crate::compile::markdown::slides::SlideFence;
use crate::compile::search::SectionText;
use crate::load::plain_text::Unknown;
use crate::load::profiles::OnlyFilter;

/// A heading on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    /// Its id (GitHub style unless given with `{#id}`).
    pub(crate) id: String,
    /// Its plain text.
    pub(crate) text: String,
    /// 1 to 6.
    pub(crate) level: u8,
    /// Whether it appears only in facilitator content.
    pub(crate) facilitator_only: bool,
}

/// A link or image found in the content.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    /// The destination as written.
    pub(crate) dest: String,
    /// What it points at.
    pub(crate) target: Target,
    /// Whether it is an image.
    pub(crate) is_image: bool,
    /// Whether it is an image written with no alt text (`![](…)`).
    pub(crate) no_alt: bool,
    /// Byte range of the destination in the source file.
    pub(crate) range: Range<usize>,
    /// Whether it sits in facilitator-only content.
    pub(crate) facilitator_only: bool,
}

/// A rendered fragment and what was found in it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rendered {
    /// The typed body. For a [`Mode::Field`](super::Mode::Field) fragment, one Markdown block at most.
    pub(crate) body: Body,
    /// Every heading, including those in facilitator content.
    pub(crate) headings: Vec<Heading>,
    /// Every link and image, including those in facilitator content.
    pub(crate) links: Vec<Link>,
    /// `{{ name }}` with no such variable (ranges in the source file).
    pub(crate) unknown_variables: Vec<Unknown>,
    /// Heading ids given twice with `{#id}` (id, range in the source file).
    pub(crate) duplicate_ids: Vec<(String, Range<usize>)>,
    /// ```` ```scenario ```` blocks: the id named (or why the block is malformed), and where.
    pub(crate) scenario_refs: Vec<(Result<String, String>, Range<usize>)>,
    /// Blocks peerprep cannot show where they are written (inside a list,
    /// quote or footnote, or a quiz in a scenario): the block's name and where.
    pub(crate) misplaced: Vec<(&'static str, Range<usize>)>,
    /// ```` ```only ```` blocks: the profiles each names (None: it names
    /// none), and where, whether or not it is shown in this profile.
    pub(crate) only_filters: Vec<(Option<OnlyFilter>, Range<usize>)>,
    /// Raw HTML media elements (`video`, `audio`, `iframe`, `embed`,
    /// `object`), which the sanitiser removes: the tag and where.
    pub(crate) raw_media: Vec<(&'static str, Range<usize>)>,
    /// The text under each heading, for the search index.
    pub(crate) sections: Vec<SectionText>,
    /// ```` ```slide ```` and ```` ```slide-notes ```` blocks, in order: kept
    /// out of the body (and the search text) for the slide decks.
    pub(crate) slide_fences: Vec<SlideFence>,
}

impl Rendered {
    /// The HTML of a [`Mode::Field`](super::Mode::Field) fragment (a quiz question's prompt or feedback).
    pub(crate) fn field_html(&self) -> String {
        match self.body.blocks.first() {
            Some(Block::Markdown { html }) => html.clone(),
            _ => String::new(),
        }
    }
}
