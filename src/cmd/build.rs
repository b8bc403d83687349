//! `peerprep build`: load, validate, render and write one edition.

use std::path::PathBuf;
use std::time::Instant;

use crate::cli::BuildArgs;
use crate::cmd::{Outcome, fails};
use crate::diagnostic::Diagnostics;
use crate::pipeline::load_and_validate;
use crate::render::languages::{self, Pages, PagesByProfile};
use crate::render::{self, RenderError};
use crate::write::{OutputKind, Staging};

/// Work done on the staged output before it is swapped in: it returns a line
/// for the summary, or the outcome and message that stop the build.
pub(crate) type Extra<'a> = dyn Fn(&std::path::Path) -> Result<String, (Outcome, String)> + 'a;

/// Runs `build`, printing problems and a one-line summary.
pub(crate) fn run(args: &BuildArgs, quiet: bool) -> Outcome {
    run_with(args, quiet, &|_| Ok(String::new()))
}

/// Runs `build` with `extra` work on the staged output (`pdf` prints there);
/// with `--all-profiles`, for the course as written and then every profile.
pub(crate) fn run_with(args: &BuildArgs, quiet: bool, extra: &Extra<'_>) -> Outcome {
    if !args.all_profiles {
        let none = PagesByProfile::new();
        return run_one(args, args.profile.as_deref(), quiet, extra, &none);
    }
    let pages = language_pages(&args.project_dir);
    let mut outcome = run_one(args, None, quiet, extra, &pages);
    if outcome != Outcome::Success {
        return outcome;
    }
    for id in crate::load::config::profile_ids(&args.project_dir) {
        let this = run_one(args, Some(&id), quiet, extra, &pages);
        if this != Outcome::Success && outcome == Outcome::Success {
            outcome = this;
        }
    }
    outcome
}

/// What each language of the course builds, for the language switcher: the
/// course and each translation profile, loaded without reporting (each
/// build reports its own problems).
fn language_pages(root: &std::path::Path) -> PagesByProfile {
    let mut pages = PagesByProfile::new();
    let load = |profile: Option<&str>| {
        crate::load::load_cached(root, profile, &mut Diagnostics::new(), None)
            .ok()
            .flatten()
    };
    let Some(base) = load(None) else {
        return pages;
    };
    for (profile, _) in languages::language_profiles(&base.config) {
        let project = match profile {
            None => None,
            Some(id) => load(Some(id)),
        };
        let of = project.as_ref().unwrap_or(&base);
        pages.insert(profile.map(str::to_owned), Pages::of(of));
    }
    pages
}

/// Builds one edition of the course with `profile`'s settings.
fn run_one(
    args: &BuildArgs,
    profile: Option<&str>,
    quiet: bool,
    extra: &Extra<'_>,
    pages: &PagesByProfile,
) -> Outcome {
    let started = Instant::now();
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| args.project_dir.join(args.edition.default_out_for(profile)));
    let mut diagnostics = Diagnostics::new();
    diagnostics.deny_warnings(args.deny_warnings);
    let validated = match load_and_validate(&args.project_dir, profile, &mut diagnostics) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Environment;
        }
    };
    let report = |d: &Diagnostics| {
        if !d.is_empty() {
            eprint!("{}", d.render_human());
        }
    };
    let validated = match validated {
        Some(v) if !fails(&diagnostics, args.deny_warnings) => v,
        _ => {
            report(&diagnostics);
            eprintln!(
                "error: build stopped; {} was not changed",
                out_dir.display()
            );
            return Outcome::Problems;
        }
    };
    let staging = match Staging::new(&args.project_dir, &out_dir, OutputKind::Site) {
        Ok(s) => s,
        Err(e) => {
            report(&diagnostics);
            eprintln!("error: {e}");
            return Outcome::Environment;
        }
    };
    // Built together, the course and its translations link each other's pages.
    let languages = if args.all_profiles {
        languages::built_together(&validated.project.config, args.edition, pages)
    } else {
        Vec::new()
    };
    let site = render::Site {
        languages: &languages,
        ..validated.site(args.edition)
    };
    let written = render::render_site(site, &staging, None);
    let written = match written {
        Ok(w) => w,
        Err(RenderError::Template(d)) => {
            diagnostics.push(*d);
            report(&diagnostics);
            eprintln!(
                "error: build stopped; {} was not changed",
                out_dir.display()
            );
            return Outcome::Problems;
        }
        Err(RenderError::Io(e)) => {
            report(&diagnostics);
            eprintln!(
                "error: {e}\nerror: build stopped; {} was not changed",
                out_dir.display()
            );
            return Outcome::Environment;
        }
    };
    let target: PathBuf = staging.target().to_path_buf();
    let built_in = started.elapsed();
    let extra_summary = match extra(staging.dir()) {
        Ok(line) => line,
        Err((outcome, message)) => {
            report(&diagnostics);
            eprintln!(
                "{message}\nerror: build stopped; {} was not changed",
                out_dir.display()
            );
            return outcome;
        }
    };
    let (kept, changed) = staging.counts();
    if let Err(e) = staging.finish() {
        report(&diagnostics);
        eprintln!(
            "error: {e}\nerror: build stopped; {} was not changed",
            out_dir.display()
        );
        return Outcome::Environment;
    }
    report(&diagnostics);
    if !quiet {
        let profile = profile.map_or_else(String::new, |id| format!(", profile {id}"));
        println!(
            "Built {} pages ({} edition{profile}) into {} in {:.2} s; search index {}",
            written.pages,
            args.edition.name(),
            display_out(&target),
            built_in.as_secs_f64(),
            human_size(written.search_index)
        );
        if kept > 0 {
            println!("{changed} files written; {kept} unchanged since the last build were kept");
        }
        if !extra_summary.is_empty() {
            println!("{extra_summary}");
        }
    }
    Outcome::Success
}

/// A size in bytes as people read it: `850 B`, `85 KB`, `1.2 MB`.
pub(crate) fn human_size(bytes: usize) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{} KB", bytes.div_ceil(1_000)),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

/// The output folder, relative to the current folder when inside it.
pub(crate) fn display_out(target: &std::path::Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = target.strip_prefix(&cwd).unwrap_or(target);
    format!("{}/", shown.display())
}
