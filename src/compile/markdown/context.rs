//! What the Markdown renderer needs to know about where a fragment is shown.

use std::collections::HashMap;

use crate::ui::Ui;

/// Builds the link to a module (by source path) and an optional anchor in it.
pub(crate) type ModuleHref<'a> = dyn Fn(&str, Option<&str>) -> Option<String> + Sync + 'a;

/// Finds a scenario's title and summary by id.
pub(crate) type ScenarioLookup<'a> = dyn Fn(&str) -> Option<(String, Option<String>)> + Sync + 'a;

/// What the renderer needs to know about the page it renders for.
pub(crate) struct Context<'a> {
    /// The module's path relative to `course/` (links are relative to it).
    pub(crate) path: &'a str,
    /// Where the Markdown starts in the source file (for locating problems).
    pub(crate) base_offset: usize,
    /// Course variables.
    pub(crate) variables: &'a HashMap<String, String>,
    /// Which blocks the fragment may hold.
    pub(crate) mode: Mode,
    /// Whether the whole fragment is facilitator-only content.
    pub(crate) facilitator_only: bool,
    /// The link to a module (path relative to `course/`) and an optional
    /// anchor in it, from this page; `None` when there is no such module.
    pub(crate) module_href: &'a ModuleHref<'a>,
    /// Put before every id this fragment defines (headings, footnotes) and
    /// every `#anchor` link in it: empty on a page of its own, `<slug>--` when
    /// several modules share one printable document (where headings also
    /// go one level down, under the module's title).
    pub(crate) anchor_prefix: &'a str,
    /// The page that same-page links (`#heading`) lead to when the text is
    /// shown away from its own page (answer keys); None keeps them on this page.
    pub(crate) same_page: Option<&'a str>,
    /// Title and summary of a scenario by id, for ```` ```scenario ```` blocks.
    pub(crate) scenario: &'a ScenarioLookup<'a>,
    /// Prefix from the page to the site root, e.g. `../`.
    pub(crate) path_to_root: &'a str,
    /// Interface strings (task-list words).
    pub(crate) ui: &'a Ui,
    /// The profile built (None: the course as written), for ```` ```only ```` blocks.
    pub(crate) profile: Option<&'a str>,
}

/// Where a fragment sits, which decides the blocks it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A module's body: every kind of block.
    Module,
    /// A scenario's text, feedback or notes: scenario cards and facilitator
    /// notes, but no quizzes or reflections (a scenario page has no form).
    Scenario,
    /// A quiz question's prompt, feedback or explanation: Markdown only, one
    /// block, footnotes shown where they are written.
    Field,
    /// A ```` ```slide ```` block's Markdown or its speaker notes: Markdown,
    /// callouts, figures and footnotes, but no blocks of peerprep's own.
    Slide,
}
