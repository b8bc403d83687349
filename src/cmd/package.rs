//! `peerprep package`: one file for a school's LMS or file share (the site as
//! a zip, or the quiz questions as Moodle XML or GIFT), made in memory by
//! `crate::package` and written into the package folder.
//!
//! The folder follows the rules of every output (`write/`): staged, swapped
//! in whole, replaced only when it holds a package. Each run writes one
//! format's file; the other formats' files already there for the same course
//! are carried over into the new folder, so running the command once per
//! format leaves all of them side by side. A course with errors (or, with
//! `--deny-warnings`, warnings, the package's own included) writes nothing.

use std::path::Path;

use crate::cli::PackageArgs;
use crate::cmd::build::{display_out, human_size};
use crate::cmd::{Outcome, fails};
use crate::diagnostic::Diagnostics;
use crate::fs::{self, IoError};
use crate::package::{self, Format, PackageError};
use crate::pipeline::load_and_validate;
use crate::write::{OutputKind, Sink, Staging};

/// Runs `package`: problems in the course are exit 1, an unsafe `--out` or
/// a failing disk exit 2.
pub(crate) fn run(args: &PackageArgs, quiet: bool) -> Outcome {
    let out_dir = args.out.clone().unwrap_or_else(|| match &args.profile {
        Some(id) => args.project_dir.join(format!("package-{id}")),
        None => args.project_dir.join("package"),
    });
    let mut diagnostics = Diagnostics::new();
    diagnostics.deny_warnings(args.deny_warnings);
    let validated =
        match load_and_validate(&args.project_dir, args.profile.as_deref(), &mut diagnostics) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("error: {e}");
                return Outcome::Environment;
            }
        };
    let stop = |d: &Diagnostics, message: Option<String>, outcome: Outcome| {
        if !d.is_empty() {
            eprint!("{}", d.render_human());
        }
        if let Some(message) = message {
            eprintln!("{message}");
        }
        eprintln!(
            "error: nothing packaged; {} was not changed",
            out_dir.display()
        );
        outcome
    };
    let validated = match validated {
        Some(v) if !fails(&diagnostics, args.deny_warnings) => v,
        _ => return stop(&diagnostics, None, Outcome::Problems),
    };
    let id = &validated.project.config.id;
    // load/ allows only `[a-z0-9][a-z0-9-]*` (E010): a safe file name.
    debug_assert!(crate::slug::is_valid_id(id), "course id {id:?}");
    let made = package::make(&validated, args.format, args.edition, &mut diagnostics);
    let package = match made {
        Ok(p) => p,
        Err(PackageError::Template(d)) => {
            diagnostics.push(*d);
            return stop(&diagnostics, None, Outcome::Problems);
        }
        Err(PackageError::Io(e)) => {
            return stop(
                &diagnostics,
                Some(format!("error: {e}")),
                Outcome::Environment,
            );
        }
    };
    if fails(&diagnostics, args.deny_warnings) {
        return stop(&diagnostics, None, Outcome::Problems);
    }
    let staging = match Staging::new(&args.project_dir, &out_dir, OutputKind::Package) {
        Ok(s) => s,
        Err(e) => {
            return stop(
                &diagnostics,
                Some(format!("error: {e}")),
                Outcome::Environment,
            );
        }
    };
    let written = keep_other_formats(&staging, args.format, id)
        .and_then(|()| staging.write(&package.name, &package.bytes));
    let target = staging.target().to_path_buf();
    if let Err(e) = written.and_then(|()| staging.finish()) {
        return stop(
            &diagnostics,
            Some(format!("error: {e}")),
            Outcome::Environment,
        );
    }
    if !diagnostics.is_empty() {
        eprint!("{}", diagnostics.render_human());
    }
    if !quiet {
        println!(
            "Wrote {}{} ({}: {})",
            display_out(&target),
            package.name,
            human_size(package.bytes.len()),
            package.holds
        );
    }
    Outcome::Success
}

/// Copies the other formats' files of course `id` from the folder being
/// replaced into `staging`.
fn keep_other_formats(staging: &Staging, format: Format, id: &str) -> Result<(), IoError> {
    for other in Format::ALL.iter().filter(|&&f| f != format) {
        let name = other.file_name(id);
        let old = staging.target().join(&name);
        if is_regular_file(&old) {
            fs::copy(&old, &staging.dir().join(&name))?;
        }
    }
    Ok(())
}

/// Whether `path` is a file and no symbolic link.
fn is_regular_file(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file())
}
