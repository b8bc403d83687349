//! peerprep turns a folder of Markdown modules and YAML files into a static
//! training course for student peer mentors.
//!
//! The pipeline, one folder per stage (see ARCHITECTURE.md):
//! 1. **load** (`load/`): read `course/course.yaml`, the modules' front
//!    matter and the scenarios into a validated `Project`, with every problem
//!    as a located diagnostic (`diagnostic/`).
//! 2. **compile** (`compile/`): each module's Markdown into a typed body
//!    (Markdown blocks, quizzes, reflections, scenario cards, facilitator
//!    notes, footnotes), with its headings, links and search rows.
//! 3. **check** (`check/`): the checks that need the whole course (links,
//!    anchors, images, session timing, reviewer warnings).
//! 4. **render** (`render/`): the theme's templates fill every page from the
//!    project and its compiled bodies, in parallel.
//! 5. **write** (`write/`): a staging folder swapped in only when complete,
//!    or memory for `serve` and `check`.
//!
//! Beside the pipeline: `serve/` (the preview server), `report/` (the cohort
//! report), `package/` (files for an LMS: the site as a zip, the quiz
//! questions for Moodle), `pdf` (printing with Chromium) and `certificates`;
//! `cmd/` runs
//! each command.

#[cfg(test)]
mod architecture;
pub(crate) mod cache;
pub(crate) mod certificates;
pub(crate) mod check;
pub mod cli;
pub mod cmd;
pub(crate) mod compile;
pub(crate) mod date;
pub(crate) mod diagnostic;
pub mod edition;
pub(crate) mod fs;
pub(crate) mod letters;
pub(crate) mod load;
pub(crate) mod package;
pub(crate) mod pdf;
pub(crate) mod pipeline;
#[cfg(test)]
mod properties;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod serve;
pub(crate) mod slug;
pub(crate) mod source;
pub(crate) mod spreadsheet;
pub(crate) mod terminal;
pub(crate) mod timing;
pub(crate) mod ui;
pub(crate) mod write;
