//! `peerprep check`: load, validate and render both editions in memory,
//! then check every link of the built pages; writes nothing.

use std::path::Path;

use crate::cli::{CheckArgs, Format};
use crate::cmd::{Outcome, fails};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::edition::Edition;
use crate::pipeline::load_and_validate;
use crate::render::{self, RenderError};
use crate::write::memory::Memory;

/// Runs `check` and prints every problem.
pub(crate) fn run(args: &CheckArgs, quiet: bool) -> Outcome {
    let mut diagnostics = Diagnostics::new();
    let modules = match load_and_validate(&args.project_dir, Edition::Facilitator, &mut diagnostics)
    {
        Ok(Some(v)) => {
            if !diagnostics.has_errors() {
                match rendered_links(&v, Edition::Facilitator) {
                    Ok(found) => diagnostics.extend(found),
                    Err(Some(d)) => diagnostics.push(d),
                    Err(None) => return Outcome::Environment,
                }
            }
            if !diagnostics.has_errors() {
                // The mentor edition has its own pages (and template branches).
                let reported: Vec<String> = diagnostics
                    .items()
                    .iter()
                    .map(|d| d.message.clone())
                    .collect();
                match mentor_links(&args.project_dir) {
                    Ok(found) => diagnostics
                        .extend(found.into_iter().filter(|d| !reported.contains(&d.message))),
                    Err(Some(d)) => diagnostics.push(d),
                    Err(None) => return Outcome::Environment,
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
                eprintln!("No problems found ({modules} modules checked, both editions).");
            }
        }
    }
    if fails(&diagnostics, args.deny_warnings) {
        Outcome::Problems
    } else {
        Outcome::Success
    }
}

/// Renders `edition` in memory and checks its links. Err(Some) is a
/// template error; Err(None) an I/O error, already printed.
fn rendered_links(
    v: &crate::pipeline::Validated,
    edition: Edition,
) -> Result<Vec<Diagnostic>, Option<Diagnostic>> {
    let memory = Memory::default();
    let rendered = render::render_site(
        &v.project,
        &v.compiled,
        edition,
        &v.theme,
        &v.checked.files,
        &memory,
        None,
    );
    match rendered {
        Ok(_) => {
            let broken = crate::check::pages::broken_links(&memory.into_files());
            Ok(crate::check::pages::diagnostics(
                &broken,
                &v.theme.override_templates(),
            ))
        }
        Err(RenderError::Template(d)) => Err(Some(*d)),
        Err(RenderError::Io(e)) => {
            eprintln!("error: {e}");
            Err(None)
        }
    }
}

fn mentor_links(project_dir: &Path) -> Result<Vec<Diagnostic>, Option<Diagnostic>> {
    let mut ignored = Diagnostics::new();
    match load_and_validate(project_dir, Edition::Mentor, &mut ignored) {
        Ok(Some(v)) if !ignored.has_errors() => rendered_links(&v, Edition::Mentor),
        _ => Ok(Vec::new()),
    }
}
