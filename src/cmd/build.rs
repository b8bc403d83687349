//! `peerprep build`: load, validate, render and write one edition.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::cli::BuildArgs;
use crate::cmd::{Outcome, fails};
use crate::diagnostic::Diagnostics;
use crate::pipeline::load_and_validate;
use crate::render::languages::{self, Pages, PagesByProfile};
use crate::render::{self, RenderError};
use crate::write::{OutputKind, Record, Staging, UpToDate};

/// Work done on the staged output before it is swapped in: it returns a line
/// for the summary, or the outcome and message that stop the build.
pub(crate) type Extra<'a> = dyn Fn(&std::path::Path) -> Result<String, (Outcome, String)> + 'a;

/// Runs `build`, printing problems and a one-line summary.
pub(crate) fn run(args: &BuildArgs, quiet: bool) -> Outcome {
    run_all(args, quiet, None)
}

/// Runs `build` with `extra` work on the staged output (`pdf` prints there).
/// It always builds: an output left as it was would not get the extra work.
pub(crate) fn run_with(args: &BuildArgs, quiet: bool, extra: &Extra<'_>) -> Outcome {
    run_all(args, quiet, Some(extra))
}

/// Runs `build`, with `--all-profiles` for the course as written and then
/// every profile. Without `extra`, an output already up to date is left as
/// it is.
fn run_all(args: &BuildArgs, quiet: bool, extra: Option<&Extra<'_>>) -> Outcome {
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
    extra: Option<&Extra<'_>>,
    pages: &PagesByProfile,
) -> Outcome {
    let started = Instant::now();
    let out_dir = args
        .out
        .clone()
        .unwrap_or_else(|| args.project_dir.join(args.edition.default_out_for(profile)));
    // Stamped before anything is read: a source edited during the build
    // makes the next build a full one.
    let sources = extra
        .is_none()
        .then(|| sources_stamp(args, profile, &out_dir))
        .flatten();
    if let Some(fresh) = sources.and_then(|s| crate::write::up_to_date(&out_dir, s)) {
        if !quiet {
            print_up_to_date(args, profile, &fresh, started);
        }
        return Outcome::Success;
    }
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
    let extra_summary = match extra.map_or(Ok(String::new()), |extra| extra(staging.dir())) {
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
    if let Some(sources) = sources.filter(|_| diagnostics.is_empty()) {
        // Without the record the next build is a full one: nothing is lost.
        let _ = staging.record(Record {
            sources,
            pages: written.pages,
            search_index: written.search_index,
        });
    }
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
        let built = (written.pages, written.search_index);
        print_built(args, profile, built, &target, built_in);
        if kept > 0 {
            let files = if changed == 1 { "file" } else { "files" };
            println!("{changed} {files} written; {kept} unchanged since the last build were kept");
        }
        if !extra_summary.is_empty() {
            println!("{extra_summary}");
        }
    }
    Outcome::Success
}

/// The stamp of everything this build reads and is asked for.
fn sources_stamp(args: &BuildArgs, profile: Option<&str>, out_dir: &Path) -> Option<u64> {
    let out = std::path::absolute(out_dir).ok()?;
    let settings = (args.edition.name(), profile, args.all_profiles, out);
    crate::load::stamp::sources_stamp(&args.project_dir, &settings)
}

/// The summary's first line: `pages` and the search index's size, `built`.
fn print_built(
    args: &BuildArgs,
    profile: Option<&str>,
    (pages, search_index): (usize, usize),
    target: &Path,
    took: std::time::Duration,
) {
    let profile = profile.map_or_else(String::new, |id| format!(", profile {id}"));
    println!(
        "Built {pages} pages ({} edition{profile}) into {} in {:.2} s; search index {}",
        args.edition.name(),
        display_out(target),
        took.as_secs_f64(),
        human_size(search_index)
    );
}

/// The summary of a build that found its output already up to date.
fn print_up_to_date(args: &BuildArgs, profile: Option<&str>, fresh: &UpToDate, started: Instant) {
    let built = (fresh.record.pages, fresh.record.search_index);
    print_built(args, profile, built, &fresh.target, started.elapsed());
    println!(
        "Nothing changed since the last build: all {} files were kept as they were",
        fresh.files
    );
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
