//! `peerprep theme [DIR]`: write the embedded default theme into
//! `DIR/themes/default/`, to start a course's own theme from (as
//! `mdbook init --theme` does). It never overwrites: a folder that already
//! holds files is refused. The files are written into a folder beside it and
//! moved into place at the end, so a failed run leaves nothing half-written.

use std::path::Path;

use crate::cli::ThemeArgs;
use crate::cmd::Outcome;
use crate::fs;
use crate::render::theme::embedded_theme;

/// Runs `theme`.
pub(crate) fn run(args: &ThemeArgs, quiet: bool) -> Outcome {
    let target = if args.dir == Path::new(".") {
        Path::new("themes").join("default")
    } else {
        args.dir.join("themes").join("default")
    };
    if let Err(message) = check_free(&target) {
        eprintln!("error: {message}");
        return Outcome::Environment;
    }
    let files = embedded_theme();
    if let Err(e) = write(&target, &files) {
        eprintln!(
            "error: {e}\nerror: nothing was written to {}",
            target.display()
        );
        return Outcome::Environment;
    }
    if !quiet {
        let shown = target.display();
        println!(
            "Wrote the default theme ({} files) into {shown}/.\n\nEdit the files you want to change and delete the others: for every file that is not in\n{shown}/ peerprep uses its own, so you keep getting its fixes when you update.\nBranding (logo, colours, cover image) needs no theme at all: see `brand:` in course.yaml.",
            files.len()
        );
        if let Some(other) = course_theme(&args.dir).filter(|t| t != "default") {
            println!(
                "\nnote: course.yaml says `theme: {other}`, so the course reads themes/{other}/, not themes/default/: rename the folder, or set `theme: default`."
            );
        }
        if !args.dir.join("course/course.yaml").is_file() {
            println!(
                "\nnote: {} holds no course/course.yaml yet; the theme is used by the course in that folder.",
                args.dir.display()
            );
        }
    }
    Outcome::Success
}

/// The theme folder the course's course.yaml names, if it can be read.
fn course_theme(dir: &Path) -> Option<String> {
    let source =
        crate::load::read::read_source(dir, Path::new(crate::load::config::CONFIG_PATH)).ok()?;
    let mut ignored = crate::diagnostic::Diagnostics::new();
    crate::load::config::load(source, None, &mut ignored).map(|c| c.theme)
}

/// Ok when `target` does not exist or is an empty folder.
fn check_free(target: &Path) -> Result<(), String> {
    if !target.exists() {
        return Ok(());
    }
    if !target.is_dir() {
        return Err(format!("{} is a file, not a folder", target.display()));
    }
    let mut held: Vec<String> = walkdir::WalkDir::new(target)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            e.path()
                .strip_prefix(target)
                .ok()
                .map(|p| p.display().to_string())
        })
        .collect();
    if held.is_empty() {
        return Ok(());
    }
    let count = held.len();
    held.truncate(5);
    Err(format!(
        "{} already holds {count} file{} ({}{}); peerprep theme never overwrites a theme\n  = help: rename that folder (e.g. to themes/default-old), run peerprep theme again, then copy your changes back",
        target.display(),
        if count == 1 { "" } else { "s" },
        held.join(", "),
        if count > 5 { ", …" } else { "" }
    ))
}

/// Writes `files` into a staging folder beside `target`, then moves it into place.
fn write(target: &Path, files: &[(&Path, &[u8])]) -> Result<(), fs::IoError> {
    fs::create_dir_staged(target, "theme", |staging| {
        files
            .iter()
            .try_for_each(|(path, bytes)| fs::write(&staging.join(path), bytes))
    })
}
