//! The Markdown extensions peerprep turns on, shared by the renderer and
//! by variable expansion (which must find code exactly as the renderer does).

use pulldown_cmark::Options;

/// The Markdown extensions peerprep turns on.
pub(crate) fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}
