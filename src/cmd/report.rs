//! `peerprep report`: a cohort impact report from mentors' progress exports.

use crate::cli::ReportArgs;
use crate::cmd::Outcome;
use crate::diagnostic::Diagnostics;
use crate::pipeline::load_and_validate;
use crate::report::{self, write::ReportError};

/// Runs `report`: skipped files are warnings; exit 1 only when no file is usable.
pub(crate) fn run(args: &ReportArgs, quiet: bool) -> Outcome {
    let mut diagnostics = Diagnostics::new();
    let validated = match load_and_validate(&args.project, None, &mut diagnostics) {
        Ok(Some(v)) if !diagnostics.has_errors() => v,
        Ok(_) => {
            eprint!("{}", diagnostics.render_human());
            eprintln!("error: fix the course before writing a report");
            return Outcome::Problems;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Environment;
        }
    };
    let mut problems = Diagnostics::new();
    let built = report::build(
        &validated.project,
        &validated.compiled,
        &args.files,
        args.anonymous,
        &mut problems,
    );
    if !problems.is_empty() {
        eprint!("{}", problems.render_human());
    }
    let Some(report) = built else {
        return Outcome::Problems;
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.project.join("report"));
    match report::write(
        &report,
        &args.project,
        &validated.theme,
        &validated.project.config.ui,
        &out,
    ) {
        Ok(()) => {
            if !quiet {
                println!(
                    "Wrote the report on {} progress files into {}",
                    report.learners,
                    out.display()
                );
            }
            Outcome::Success
        }
        Err(ReportError::Template(d)) => {
            eprint!("{}", d.render_human());
            Outcome::Problems
        }
        Err(ReportError::Write(e)) => {
            eprintln!("error: {e}");
            Outcome::Environment
        }
    }
}
