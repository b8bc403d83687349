//! `peerprep check`: load and validate only; writes nothing.

use crate::cli::{CheckArgs, Format};
use crate::cmd::{Outcome, fails, load_and_validate};
use crate::diagnostic::Diagnostics;
use crate::edition::Edition;

/// Runs `check` and prints every problem.
pub fn run(args: &CheckArgs, quiet: bool) -> Outcome {
    let mut diagnostics = Diagnostics::new();
    let modules = match load_and_validate(&args.project_dir, Edition::Facilitator, &mut diagnostics)
    {
        Ok(v) => v.map_or(0, |v| v.project.modules.len()),
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Environment;
        }
    };
    match args.format {
        Format::Json => println!("{}", diagnostics.render_json()),
        Format::Human => {
            if !diagnostics.is_empty() {
                eprint!("{}", diagnostics.render_human());
            } else if !quiet {
                eprintln!("No problems found ({modules} modules checked).");
            }
        }
    }
    if fails(&diagnostics, args.deny_warnings) {
        Outcome::Problems
    } else {
        Outcome::Success
    }
}
