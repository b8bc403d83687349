//! Rewriting the links and images written in course Markdown: links to
//! source files become links between pages, files under `course/` are
//! published under `assets/course/`, and each link is recorded for the
//! check stage with where it was written.

use std::ops::Range;

use pulldown_cmark::CowStr;

use super::links::{self, Target};
use super::{Link, Renderer};

impl Renderer<'_, '_> {
    /// Records the link or image `dest` written at `range` of `source`, and
    /// returns what it becomes on the page.
    pub(super) fn link<'e>(
        &mut self,
        dest: &CowStr<'e>,
        source: &str,
        range: Range<usize>,
        locate: &dyn Fn(Range<usize>) -> Range<usize>,
        is_image: bool,
        facilitator: bool,
    ) -> CowStr<'e> {
        let target = links::classify(dest, self.ctx.path);
        let written = &source[range.clone()];
        let no_alt = is_image
            && written
                .strip_prefix("![")
                .and_then(|rest| rest.split_once(']'))
                .is_some_and(|(alt, _)| alt.trim().is_empty());
        let dest_range = match written.rfind(dest.as_ref()).filter(|_| !dest.is_empty()) {
            Some(i) => range.start + i..range.start + i + dest.len(),
            None => range,
        };
        let rewritten = match &target {
            Target::Markdown { path, fragment } => {
                (self.ctx.module_href)(path, fragment.as_deref())
            }
            Target::SamePage(fragment) if self.ctx.same_page.is_some() => Some(format!(
                "{}#{fragment}",
                self.ctx.same_page.unwrap_or_default()
            )),
            Target::SamePage(fragment) if !self.ctx.anchor_prefix.is_empty() => {
                Some(format!("#{}{fragment}", self.ctx.anchor_prefix))
            }
            Target::File { path, suffix } => Some(format!(
                "{}{}{suffix}",
                self.ctx.path_to_root,
                course_file_href(path)
            )),
            _ => None,
        };
        self.out.links.push(Link {
            dest: dest.to_string(),
            target,
            is_image,
            no_alt,
            range: locate(dest_range),
            facilitator_only: facilitator,
        });
        rewritten.map_or_else(|| dest.clone(), CowStr::from)
    }
}

/// Where a file under `course/` (path relative to it) is published, from the site's root.
pub(crate) fn course_file_href(path: &str) -> String {
    format!(
        "assets/course/{}",
        percent_encoding::utf8_percent_encode(path, PATH_SET)
    )
}

/// Characters percent-encoded in rewritten file paths (keeps `/`).
const PATH_SET: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');
