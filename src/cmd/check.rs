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

/// Runs `check` and prints every problem: for `--profile`, or for the
/// course as written and then every profile, adding the problems that arise
/// only in a profile with its id.
pub(crate) fn run(args: &CheckArgs, quiet: bool) -> Outcome {
    let mut diagnostics = Diagnostics::new();
    diagnostics.deny_warnings(args.deny_warnings);
    let Ok(modules) = check_one(args, args.profile.as_deref(), &mut diagnostics) else {
        return Outcome::Environment;
    };
    let profiles = match &args.profile {
        Some(_) => Vec::new(),
        None => crate::load::config::profile_ids(&args.project_dir),
    };
    let mut only_in: Vec<Diagnostic> = Vec::new();
    for id in &profiles {
        let mut found = Diagnostics::new();
        if check_one(args, Some(id), &mut found).is_err() {
            return Outcome::Environment;
        }
        for mut d in found.items().iter().cloned() {
            if diagnostics.items().contains(&d) {
                continue;
            }
            match only_in.iter_mut().find(|seen| **seen == d) {
                Some(seen) => {
                    let named = seen.profile.get_or_insert_default();
                    named.push_str(", ");
                    named.push_str(id);
                }
                None => {
                    d.profile = Some(id.clone());
                    only_in.push(d);
                }
            }
        }
    }
    diagnostics.extend(only_in);
    let profiles = match profiles.len() {
        0 => String::new(),
        1 => ", and its profile".to_owned(),
        n => format!(", and its {n} profiles"),
    };
    match args.format {
        Format::Json => println!("{}", diagnostics.render_json()),
        Format::Human => {
            if !diagnostics.is_empty() {
                eprint!("{}", diagnostics.render_human());
            } else if !quiet {
                eprintln!(
                    "No problems found ({modules} modules checked, both editions{profiles})."
                );
            }
        }
    }
    if fails(&diagnostics, args.deny_warnings) {
        Outcome::Problems
    } else {
        Outcome::Success
    }
}

/// Loads, validates and renders the course with `profile`'s settings,
/// pushing what it finds; the number of modules checked, or Err after an
/// I/O problem, already printed.
fn check_one(
    args: &CheckArgs,
    profile: Option<&str>,
    diagnostics: &mut Diagnostics,
) -> Result<usize, ()> {
    match load_and_validate(&args.project_dir, profile, diagnostics) {
        Ok(Some(v)) => {
            if !diagnostics.has_errors() {
                diagnostics.extend(rendered_links(&v)?);
            }
            Ok(v.project.modules.len())
        }
        Ok(None) => Ok(0),
        Err(e) => {
            eprintln!("error: {e}");
            Err(())
        }
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
