//! Raw HTML the author wrote in Markdown (`<img src="images/a.png">`): its
//! relative URLs are found by the sanitiser's own parser, recorded as links
//! at the line they are on (so they are checked, and the files copied, like
//! Markdown links and images), and rewritten the same way when the run of
//! Markdown they are in is sanitised. Media elements the sanitiser removes
//! (`<video>`, `<iframe>` …) are recorded, so the author is told.

use std::ops::Range;

use super::{Renderer, sanitize};

impl Renderer<'_, '_> {
    /// Records the relative URLs in the raw HTML `html`, written at `range`
    /// of `source`, and how each is to be rewritten.
    pub(super) fn raw_html(
        &mut self,
        html: &str,
        source: &str,
        range: Range<usize>,
        locate: &dyn Fn(Range<usize>) -> Range<usize>,
        facilitator: bool,
    ) {
        let lower = html.to_ascii_lowercase();
        for tag in ["video", "audio", "iframe", "embed", "object"] {
            if lower.contains(&format!("<{tag}")) {
                self.out.raw_media.push((tag, locate(range.clone())));
            }
        }
        if !["src", "href", "srcset", "poster", "data"]
            .iter()
            .any(|a| lower.contains(a))
        {
            return;
        }
        for url in sanitize::relative_urls(html) {
            let is_image = lower.contains("<img");
            let rewritten = self.link(
                &url.clone().into(),
                source,
                range.clone(),
                locate,
                is_image,
                facilitator,
            );
            if rewritten.as_ref() != url {
                self.html_rewrites.insert(url, rewritten.to_string());
            }
        }
    }
}
