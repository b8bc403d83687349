//! Markdown inside scenario YAML: compiling a field (`text`, `feedback`,
//! `debrief`, `facilitator_notes`) for a page at a given depth (scenario
//! cards and facilitator notes allowed; quizzes and reflections belong in
//! modules), and mapping a
//! position inside the field back to the line and column in the YAML file.

use std::ops::Range;

use crate::compile::markdown::{self, Mode, Rendered};
use crate::compile::{Lookups, Where};
use crate::diagnostic::Diagnostic;
use crate::load::scenario::Scenario;
use crate::load::yaml::{self, Spanned};
use crate::source::SourceFile;

/// Links in scenario Markdown are written as in a module at the top of `course/`.
pub(crate) const LINK_BASE: &str = "scenario.md";

/// Compiles a Markdown field of a scenario for a page whose path to the
/// site root is `root`; `facilitator` for the facilitator notes.
pub(crate) fn render(
    lookups: &Lookups<'_>,
    field: &Spanned<String>,
    root: &str,
    facilitator: bool,
) -> Rendered {
    lookups.with_context(
        LINK_BASE,
        Mode::Scenario,
        facilitator,
        &Where::page(root),
        |ctx| markdown::render(&field.value, ctx),
    )
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
