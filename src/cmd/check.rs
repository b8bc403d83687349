//! `peerprep check`: load, compile and check the course once, render both
//! editions in memory, then check every link of the built pages; writes
//! nothing.

use crate::check::pages::{self, Broken};
use crate::cli::{CheckArgs, Format};
use crate::cmd::{Outcome, fails};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::edition::Edition;
use crate::pipeline::{Validated, load_and_validate};
use crate::render::{self, RenderError};
use crate::write::memory::Memory;

/// Runs `check` and prints every problem.
pub(crate) fn run(args: &CheckArgs, quiet: bool) -> Outcome {
    let mut diagnostics = Diagnostics::new();
    diagnostics.deny_warnings(args.deny_warnings);
    let modules = match load_and_validate(&args.project_dir, &mut diagnostics) {
        Ok(Some(v)) => {
            if !diagnostics.has_errors() {
                match rendered_links(&v) {
                    Ok(found) => diagnostics.extend(found),
                    Err(()) => return Outcome::Environment,
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

/// Renders both editions in memory: their template errors (each template
/// location once) and the broken links of their pages (each page's link
/// once). Err after an I/O error, already printed.
fn rendered_links(v: &Validated) -> Result<Vec<Diagnostic>, ()> {
    let mut template_errors: Vec<Diagnostic> = Vec::new();
    let mut broken: Vec<Broken> = Vec::new();
    for edition in [Edition::Mentor, Edition::Facilitator] {
        let memory = Memory::default();
        match render::render_site(v.site(edition), &memory, None) {
            Ok(_) => {
                for b in pages::broken_links(&memory.into_files()) {
                    if !broken
                        .iter()
                        .any(|seen| seen.page == b.page && seen.link == b.link)
                    {
                        broken.push(b);
                    }
                }
            }
            // One template error stops an edition; the same template
            // failing in both editions is reported once, by its place.
            Err(RenderError::Template(d)) => {
                let place = |d: &Diagnostic| (d.path.clone(), d.line, d.column);
                if !template_errors.iter().any(|seen| place(seen) == place(&d)) {
                    template_errors.push(*d);
                }
            }
            Err(RenderError::Io(e)) => {
                eprintln!("error: {e}");
                return Err(());
            }
        }
    }
    template_errors.extend(pages::diagnostics(&broken, &v.theme.override_templates()));
    Ok(template_errors)
}
