//! `peerprep init [DIR] [--profile ID]`: write the starter course (embedded
//! from this repository's `starter/`) into a new or empty folder. With a
//! profile, the files of `starter/profiles/<id>/` replace the starter's own
//! (`university`: the same course for adult students and university
//! services). The files are written into a folder beside it and moved into
//! place at the end, so a failed run leaves nothing half-written.

use std::path::Path;

use include_dir::{Dir, DirEntry, include_dir};

use crate::cli::InitArgs;
use crate::cmd::Outcome;
use crate::fs;
use crate::slug;

static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/starter");

/// The course id the starter's course.yaml is written with, replaced by one made from the folder name.
const STARTER_ID: &str = "id: my-course\n";

/// Runs `init`.
pub(crate) fn run(args: &InitArgs, quiet: bool) -> Outcome {
    let dir = &args.dir;
    if let Err(message) = check_empty(dir) {
        eprintln!("error: {message}");
        return Outcome::Environment;
    }
    let id = course_id(dir);
    if let Err(e) = write(dir, &id, args.profile.as_deref()) {
        eprintln!(
            "error: {e}\nerror: nothing was written to {}",
            dir.display()
        );
        return Outcome::Environment;
    }
    if !quiet {
        let shown = dir.display();
        let kind = args
            .profile
            .as_deref()
            .map_or_else(String::new, |p| format!("{p} "));
        println!(
            "Created a {kind}starter course in {shown}/ (course id \"{id}\").\n\nNext:\n  1. Put your own support contacts in {shown}/course/course.yaml\n  2. peerprep serve {shown}      preview it at http://127.0.0.1:3000 while you edit\n  3. peerprep build {shown}      write the site into {shown}/public/\n\n{shown}/README.md explains the folders."
        );
    }
    Outcome::Success
}

/// Ok when `dir` does not exist or is an empty folder.
fn check_empty(dir: &Path) -> Result<(), String> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(format!("{} is a file, not a folder", dir.display()));
    }
    let mut entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    if entries.next().is_some() {
        return Err(format!(
            "{} is not empty; peerprep init only writes into a new or empty folder\n  = help: choose a new folder, e.g. peerprep init my-course",
            dir.display()
        ));
    }
    Ok(())
}

/// A course id from the folder's name, or `my-course`.
fn course_id(dir: &Path) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let name = absolute
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let id = slug::slugify(&name);
    if id.is_empty() {
        "my-course".to_string()
    } else {
        id
    }
}

/// Writes the starter (with `profile`'s files in place of its own) into a
/// staging folder beside `dir`, then moves it into place.
fn write(dir: &Path, id: &str, profile: Option<&str>) -> Result<(), fs::IoError> {
    let overlay = profile.and_then(|p| STARTER.get_dir(format!("profiles/{p}")));
    fs::create_dir_staged(dir, "init", |staging| {
        write_entries(&STARTER, staging, id)?;
        match overlay {
            Some(files) => write_entries(files, staging, id),
            None => Ok(()),
        }
    })
}

/// Writes the files under `dir` (paths relative to the starter or to a
/// profile's folder in it) below `to`; the profiles' own folder is not written.
fn write_entries(dir: &Dir<'_>, to: &Path, id: &str) -> Result<(), fs::IoError> {
    fs::create_dir_all(to)?;
    for entry in dir.entries() {
        let name = entry.path().file_name().unwrap_or_default();
        match entry {
            DirEntry::Dir(d) if d.path() == Path::new("profiles") => {}
            DirEntry::Dir(d) => write_entries(d, &to.join(name), id)?,
            DirEntry::File(f) => {
                let relative = f
                    .path()
                    .strip_prefix(dir_root(f.path()))
                    .unwrap_or(f.path());
                let contents = if relative == Path::new("course/course.yaml") {
                    let text = String::from_utf8_lossy(f.contents());
                    text.replacen(STARTER_ID, &format!("id: {id}\n"), 1)
                        .into_bytes()
                } else {
                    f.contents().to_vec()
                };
                fs::write(&to.join(name), contents)?;
            }
        }
    }
    Ok(())
}

/// The folder a starter file's path is relative to: the starter's root, or
/// `profiles/<id>` for a profile's file.
fn dir_root(path: &Path) -> std::path::PathBuf {
    let mut parts = path.components();
    match (parts.next(), parts.next()) {
        (Some(first), Some(id)) if first.as_os_str() == "profiles" => {
            Path::new("profiles").join(id)
        }
        _ => std::path::PathBuf::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_folder_name() {
        assert_eq!(
            course_id(Path::new("/tmp/Year 9 Mentors")),
            "year-9-mentors"
        );
        assert_eq!(course_id(Path::new("/tmp/___")), "my-course");
        // Other alphabets are spelled in a–z: the id must be valid (it was `kurs-über`).
        assert_eq!(course_id(Path::new("/tmp/Kurs Über")), "kurs-uber");
        assert_eq!(course_id(Path::new("/tmp/Доверие")), "doverie");
        assert_eq!(course_id(Path::new("/tmp/🌱")), "my-course");
    }

    #[test]
    fn the_starter_sets_the_id_it_replaces() {
        for path in [
            "course/course.yaml",
            "profiles/university/course/course.yaml",
        ] {
            let yaml = STARTER
                .get_file(path)
                .and_then(|f| f.contents_utf8())
                .expect("starter course.yaml");
            assert!(yaml.contains(STARTER_ID), "{path}");
        }
    }
}
