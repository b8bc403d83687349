//! `peerprep certificates`: one printable certificate per name in a CSV file,
//! and all of them as one PDF when a browser is found to print it.

use std::path::{Path, PathBuf};

use crate::certificates::{self, CertificateError};
use crate::cli::{CertificateKind, CertificatesArgs};
use crate::cmd::Outcome;
use crate::diagnostic::Diagnostics;
use crate::pipeline::load_and_validate;

/// Runs `certificates`: a bad names file is exit 1, an unsafe output exit 2.
pub(crate) fn run(args: &CertificatesArgs, quiet: bool) -> Outcome {
    let date = match args.date.as_deref().map(crate::date::from_arg) {
        None => crate::date::today(),
        Some(Ok(date)) => date,
        Some(Err(why)) => {
            eprintln!("error: --date {why}");
            return Outcome::Environment;
        }
    };
    let mut diagnostics = Diagnostics::new();
    let validated = match load_and_validate(&args.project, None, &mut diagnostics) {
        Ok(Some(v)) if !diagnostics.has_errors() => v,
        Ok(_) => {
            eprint!("{}", diagnostics.render_human());
            eprintln!("error: fix the course before writing certificates");
            return Outcome::Problems;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Environment;
        }
    };
    let (root, relative) = split_path(&args.names);
    let text = match crate::load::read::read_source(&root, &relative) {
        Ok(mut text) => {
            text.path = args.names.clone();
            text
        }
        Err(mut d) => {
            d.path = Some(args.names.clone());
            let code = d.code;
            eprint!("{}", d.render_human());
            return if code == crate::diagnostic::codes::Code::Unreadable {
                Outcome::Environment
            } else {
                Outcome::Problems
            };
        }
    };
    let mut problems = Diagnostics::new();
    let names = certificates::read_names(&text, &mut problems);
    if problems.has_errors() {
        eprint!("{}", problems.render_human());
        eprintln!("error: no certificates written");
        return Outcome::Problems;
    }
    let kind = match args.kind {
        CertificateKind::Attendance => "attendance",
        CertificateKind::Completion => "completion",
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.project.join("certificates"));
    // The logo, when it passed the checks (so it is a file inside course/).
    let logo = validated
        .project
        .config
        .brand
        .logo
        .as_ref()
        .map(|l| l.value.clone())
        .filter(|l| validated.checked.mentor_files.contains(l));
    // Without a browser the pages are written all the same: all.html prints from any browser.
    let browser = crate::pdf::find_browser().ok();
    let written = certificates::write(
        &names,
        kind,
        date,
        &validated.project.config,
        &validated.theme,
        &args.project,
        &out,
        browser.as_deref(),
        logo.as_deref(),
    );
    match written {
        Ok(()) => {
            if !quiet {
                println!(
                    "Wrote {} {kind} certificates into {}{}",
                    names.len(),
                    out.display(),
                    if browser.is_some() {
                        format!(", and all of them in {}", certificates::PDF)
                    } else {
                        String::new()
                    }
                );
            }
            if browser.is_none() {
                eprintln!(
                    "note: no {} written: no Chromium or Google Chrome found to print it with (Debian/Ubuntu: `sudo apt-get install chromium`, or set PEERPREP_CHROME)\nhelp: all.html holds every certificate, one a page: print it from any browser",
                    certificates::PDF
                );
            }
            Outcome::Success
        }
        Err(CertificateError::Print(m)) => {
            eprintln!(
                "{m}\nerror: no certificates written; {} was not changed",
                out.display()
            );
            Outcome::Environment
        }
        Err(CertificateError::Template(d)) => {
            eprint!("{}", d.render_human());
            Outcome::Problems
        }
        Err(CertificateError::Write(e)) => {
            eprintln!("error: {e}");
            Outcome::Environment
        }
    }
}

/// A file path as its folder and its name.
fn split_path(path: &Path) -> (PathBuf, PathBuf) {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    (parent, name)
}
