//! The commands: each loads, validates and (for `build`) renders and writes,
//! and returns an [`Outcome`] that `main` turns into an exit code.

pub mod build;
pub mod certificates;
pub mod check;
pub mod init;
pub mod pdf;
pub mod report;
pub mod serve;

use std::path::Path;

use crate::compile::{self, Compiled};
use crate::diagnostic::Diagnostics;
use crate::edition::Edition;
use crate::project::{self, NotACourse, Project};
use crate::render;
use crate::theme::Theme;
use crate::validate::{self, Checked};

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: problems in the user's files.
    Problems,
    /// Exit 2: usage, I/O or environment.
    Environment,
}

impl Outcome {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::Problems => 1,
            Outcome::Environment => 2,
        }
    }
}

/// A course that loaded and passed validation, ready to render.
pub struct Validated {
    /// The project.
    pub project: Project,
    /// Its rendered module bodies.
    pub compiled: Compiled,
    /// What validation found.
    pub checked: Checked,
    /// Its theme.
    pub theme: Theme,
}

/// Load → compile → validate: the stages `build` and `check` share.
pub fn load_and_validate(
    root: &Path,
    edition: Edition,
    out: &mut Diagnostics,
) -> Result<Option<Validated>, NotACourse> {
    load_and_validate_cached(root, edition, out, None)
}

/// [`load_and_validate`], reusing module bodies compiled by an earlier build
/// (`serve` keeps a [`crate::cache::Cache`] between rebuilds).
pub fn load_and_validate_cached(
    root: &Path,
    edition: Edition,
    out: &mut Diagnostics,
    cache: Option<&crate::cache::Cache>,
) -> Result<Option<Validated>, NotACourse> {
    let started = std::time::Instant::now();
    let Some(project) = project::load_cached(root, out, cache)? else {
        return Ok(None);
    };
    timing("load", started);
    let mut compiled = compile::compile_cached(&project, edition, cache);
    out.extend(std::mem::take(&mut compiled.diagnostics));
    timing("compile", started);
    let checked = validate::validate(&project, &compiled, edition, out);
    let theme = Theme::new(root, &project.config.theme);
    out.extend(render::check_templates(&theme));
    timing("validate", started);
    Ok(Some(Validated {
        project,
        compiled,
        checked,
        theme,
    }))
}

/// With `PEERPREP_TIMINGS` set, prints how long the run has taken so far,
/// after each stage (for profiling; see bench/).
pub fn timing(stage: &str, started: std::time::Instant) {
    if std::env::var_os("PEERPREP_TIMINGS").is_some() {
        // Resident memory now, where Linux tells (the second field of statm, in pages).
        let rss = std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
            .map_or(String::new(), |pages| {
                format!(", {} MiB resident", pages * 4096 / 1_048_576)
            });
        eprintln!(
            "timing: {stage} done at {:.1} ms{rss}",
            started.elapsed().as_secs_f64() * 1e3
        );
    }
}

/// Whether the diagnostics stop the run.
pub fn fails(diagnostics: &Diagnostics, deny_warnings: bool) -> bool {
    diagnostics.has_errors() || (deny_warnings && diagnostics.warning_count() > 0)
}
