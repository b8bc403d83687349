//! peerprep's integration tests, in one test binary (as mdBook's `tests/testsuite/`):
//! one module per area, all linking the crate once. Each test copies a fixture
//! course into a temporary folder, runs the real `peerprep` binary and reads
//! what it printed and wrote (see `common`). Error cases are folders under
//! `cases/`, one test each (see `cases`); the browser tests drive the scripts in
//! `tests/browser/` (see `browser`).

mod brand;
mod browser;
mod browser_cohort;
mod browser_progress;
mod browser_questions;
mod browser_scorm;
mod build;
mod cases;
mod check;
mod cli;
mod common;
mod content_model;
mod documents;
mod errors;
mod faults;
mod glossary;
mod hostile;
mod i18n;
mod init;
mod languages;
mod links;
mod media;
mod output_safety;
mod pack;
mod package;
mod pdf;
mod profiles;
mod question_types;
mod report;
mod report_cohort;
mod scenarios;
mod serve;
mod slides;
