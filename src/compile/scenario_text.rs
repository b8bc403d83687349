//! Markdown inside scenario YAML: rendering a field (`text`, `feedback`,
//! `debrief`, `facilitator_notes`) for a page at a given depth, and mapping a
//! position inside the field back to the line and column in the YAML file.

use std::ops::Range;

use crate::compile::Lookups;
use crate::compile::markdown::{self, Context, Rendered};
use crate::diagnostic::Diagnostic;
use crate::edition::Edition;
use crate::load::Project;
use crate::load::scenario::Scenario;
use crate::load::yaml::{self, Spanned};
use crate::source::SourceFile;

/// Links in scenario Markdown are written as in a module at the top of `course/`.
pub(crate) const LINK_BASE: &str = "scenario.md";

/// Renders a Markdown field of a scenario for a page whose path to the site root is `root`.
pub(crate) fn render(
    project: &Project,
    lookups: &Lookups<'_>,
    field: &Spanned<String>,
    edition: Edition,
    root: &str,
    facilitator: bool,
) -> Rendered {
    let prefix = format!("{root}modules/");
    let module_href = |path: &str, fragment: Option<&str>| lookups.href(&prefix, path, fragment);
    let scenario = |id: &str| lookups.scenario(id);
    let ctx = Context {
        path: LINK_BASE,
        base_offset: 0,
        variables: &project.config.variables,
        edition,
        facilitator_only: facilitator,
        module_href: &module_href,
        anchor_prefix: "",
        same_page: None,
        scenario: &scenario,
        path_to_root: root,
        ui: &project.config.ui,
    };
    markdown::render(&field.value, &ctx)
}

/// Points `d` at `range` (byte offsets inside `field`) in the scenario's file.
pub(crate) fn locate(
    d: Diagnostic,
    scenario: &Scenario,
    field: &Spanned<String>,
    range: Range<usize>,
) -> Diagnostic {
    let (line, column) = position(&scenario.source, field, range.start);
    let width = field
        .value
        .get(range)
        .map_or(1, |s| s.lines().next().unwrap_or("").chars().count());
    d.at(&scenario.source, line, column, width)
}

/// The line and column in the file of byte `offset` inside a YAML string value.
pub(crate) fn position(
    source: &SourceFile,
    field: &Spanned<String>,
    offset: usize,
) -> (usize, usize) {
    yaml::position(source, field, 0, offset)
}
