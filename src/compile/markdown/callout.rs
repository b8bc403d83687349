//! Callouts: GitHub-style alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
//! `[!WARNING]`, `[!CAUTION]`) at the top level of a page become
//! [`Block::Callout`](crate::compile::body::Block::Callout)s, which the
//! theme's `partials/callout.html` labels and styles. An alert inside a list
//! or another quote stays a plain quote.

use pulldown_cmark::BlockQuoteKind;

/// The callout's name, as templates and ui keys (`callout_note` …) see it.
pub(super) fn name(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}
