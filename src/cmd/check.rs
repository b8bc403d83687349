//! `peerprep check`: load, validate and render in memory; writes nothing.

use crate::cli::{CheckArgs, Format};
use crate::cmd::{Outcome, fails, load_and_validate};
use crate::diagnostic::Diagnostics;
use crate::edition::Edition;
use crate::render::{self, RenderError};
use crate::writer::Discard;

/// Runs `check` and prints every problem.
pub fn run(args: &CheckArgs, quiet: bool) -> Outcome {
    let mut diagnostics = Diagnostics::new();
    let modules = match load_and_validate(&args.project_dir, Edition::Facilitator, &mut diagnostics)
    {
        Ok(Some(v)) => {
            if !diagnostics.has_errors() {
                // Render every page without writing, so template errors show too.
                let rendered = render::render_site(
                    &v.project,
                    &v.compiled,
                    Edition::Facilitator,
                    &v.theme,
                    &v.checked.files,
                    &Discard,
                );
                match rendered {
                    Ok(_) => {}
                    Err(RenderError::Template(d)) => diagnostics.push(*d),
                    Err(RenderError::Io(e)) => {
                        eprintln!("error: {e}");
                        return Outcome::Environment;
                    }
                }
            }
            v.project.modules.len()
        }
        Ok(None) => 0,
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
