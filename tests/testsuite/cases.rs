//! Error cases as fixture folders, one `#[test]` each.
//!
//! A case is a folder `tests/testsuite/cases/<name>/` holding
//! - the files that differ from `tests/fixtures/minimal` (course files, theme
//!   overrides, a names list, ...), at their place in the project;
//! - `cmd`: the `peerprep` commands to run, one a line, with `"` quoting for an
//!   argument with spaces; a first `# comment` line says what the case is;
//! - `expected.snap`: the insta snapshot of everything the commands printed,
//!   with their exit codes.
//!
//! A module lists its cases with [`cases!`], which makes one test per case,
//! named like its folder; a case whose input cannot live in git as it is (bytes
//! that are not UTF-8, a file of several MiB, a symlink) names a setup function
//! that makes it. Every run also checks that a command that failed, and every
//! `check`, left the project's files as they were, and that no message line is
//! 400 characters or longer.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::common::{CourseTest, repo_root};

/// One `#[test]` per case folder, named like the folder: `name` or `name => setup`.
macro_rules! cases {
    ($($name:ident $(=> $setup:path)?),* $(,)?) => {
        /// The case folders this module runs.
        pub(crate) const CASES: &[&str] = &[$(stringify!($name)),*];
        $(
            #[test]
            fn $name() {
                let setup: Option<fn(&crate::common::CourseTest)> = None $(.or(Some($setup)))?;
                crate::cases::run(stringify!($name), setup);
            }
        )*
    };
}
pub(crate) use cases;

/// Every case listed by any module (a folder listed nowhere would never run).
fn listed() -> Vec<&'static str> {
    [
        crate::build::CASES,
        crate::check::CASES,
        crate::cli::CASES,
        crate::errors::CASES,
        crate::glossary::CASES,
        crate::hostile::CASES,
        crate::output_safety::CASES,
        crate::pack::CASES,
        crate::package::CASES,
        crate::report::CASES,
        crate::scenarios::CASES,
    ]
    .concat()
}

fn cases_dir() -> PathBuf {
    repo_root().join("tests/testsuite/cases")
}

/// Files of a case folder that are not copied into the project.
fn is_case_file(name: &str) -> bool {
    name == "cmd" || name.ends_with(".snap") || name.ends_with(".snap.new")
}

/// Runs the case in `cases/<name>/` and compares its output with `expected.snap`.
pub(crate) fn run(name: &str, setup: Option<fn(&CourseTest)>) {
    refuse_forced_snapshots();
    let dir = cases_dir().join(name);
    let cmd = dir.join("cmd");
    let script = std::fs::read_to_string(&cmd)
        .unwrap_or_else(|e| panic!("case {name}: cannot read {}: {e}", cmd.display()));
    let description = script
        .lines()
        .next()
        .and_then(|l| l.strip_prefix('#'))
        .map(str::trim)
        .unwrap_or_else(|| panic!("case {name}: cmd starts with a `# what this case is` line"));
    let commands: Vec<Vec<String>> = script
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(split_args)
        .collect();
    assert!(!commands.is_empty(), "case {name}: cmd lists no command");

    let t = CourseTest::fixture("minimal");
    overlay(&dir, &dir, t.path());
    if let Some(setup) = setup {
        setup(&t);
    }
    let project = t.path();
    let mut transcript = String::new();
    for args in &commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let shown = shell_words(&args);
        let before = project_files(t.path());
        let run = t.run(&args);
        if run.code != 0 || args.first() == Some(&"check") {
            assert_eq!(
                project_files(t.path()),
                before,
                "case {name}: `peerprep {shown}` (exit {}) changed the project's files\n{}",
                run.code,
                run.stderr
            );
        }
        for line in run.stderr.lines() {
            assert!(
                line.chars().count() < 400,
                "case {name}: `peerprep {shown}` printed a line of {} characters",
                line.chars().count()
            );
        }
        transcript.push_str(&format!(
            "$ peerprep {shown}\nexit_code: {}\n----- stdout -----\n{}----- stderr -----\n{}\n",
            run.code,
            normalise(&run.stdout, project),
            normalise(&run.stderr, project),
        ));
    }

    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(&dir);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(description);
    settings.set_input_file(&cmd);
    settings.bind(|| insta::assert_snapshot!("expected", transcript));
}

/// `INSTA_FORCE_PASS` would let a stale snapshot pass: the suite refuses it.
fn refuse_forced_snapshots() {
    let forced = std::env::var("INSTA_FORCE_PASS").unwrap_or_default();
    assert!(
        forced.is_empty() || forced == "0",
        "INSTA_FORCE_PASS={forced} would let a stale snapshot pass; unset it"
    );
}

/// Copies the case's files (all but `cmd` and snapshots) over the project.
fn overlay(root: &Path, from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read the case folder") {
        let entry = entry.expect("case folder entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        let target = to.join(&name);
        if entry.file_type().expect("file type").is_dir() {
            std::fs::create_dir_all(&target).expect("make a folder");
            overlay(root, &entry.path(), &target);
        } else if from != root || !is_case_file(&name) {
            std::fs::copy(entry.path(), &target).expect("copy a case file");
        }
    }
}

/// Every file and folder of the project with its size and modification time.
fn project_files(dir: &Path) -> BTreeMap<String, (u64, Option<SystemTime>)> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let meta = e.path().symlink_metadata().ok();
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            let size = meta.as_ref().filter(|m| m.is_file()).map_or(0, |m| m.len());
            (
                rel.display().to_string(),
                (size, meta.and_then(|m| m.modified().ok())),
            )
        })
        .collect()
}

/// Splits a `cmd` line at spaces, keeping `"quoted words"` together.
fn split_args(line: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            ' ' if !quoted => {
                if started {
                    args.push(std::mem::take(&mut current));
                    started = false;
                }
            }
            _ => {
                current.push(c);
                started = true;
            }
        }
    }
    assert!(!quoted, "unclosed quote in cmd line {line:?}");
    if started {
        args.push(current);
    }
    args
}

/// `args` as a `cmd` line: an argument with a space in quotes.
fn shell_words(args: &[&str]) -> String {
    let quoted: Vec<String> = args
        .iter()
        .map(|a| {
            if a.is_empty() || a.contains(' ') {
                format!("\"{a}\"")
            } else {
                (*a).to_owned()
            }
        })
        .collect();
    quoted.join(" ")
}

/// The output with the paths of this machine (the project, the temporary
/// folder, the repository) and the build times made stable.
fn normalise(output: &str, project: &Path) -> String {
    let mut output = output.to_owned();
    let mut paths: Vec<(String, &str)> = [
        (project.to_path_buf(), "[project]"),
        (std::env::temp_dir(), "[tmp]"),
        (repo_root(), "[repo]"),
    ]
    .into_iter()
    .map(|(path, name)| (path.display().to_string(), name))
    .collect();
    // The longest first: the project (and a clone of the repository) may be in the temporary folder.
    paths.sort_by_key(|(path, _)| std::cmp::Reverse(path.len()));
    for (path, name) in paths {
        let path = path.trim_end_matches('/');
        if !path.is_empty() {
            output = output.replace(path, name);
        }
    }
    let mut out = String::new();
    for line in output.lines() {
        out.push_str(&stable_times(line));
        out.push('\n');
    }
    out
}

/// Replaces each ` in 12 ms` / ` in 1.2 s` of a line with ` in [time]`.
fn stable_times(line: &str) -> String {
    let mut rest = line;
    let mut out = String::new();
    while let Some(at) = rest.find(" in ") {
        let (head, tail) = rest.split_at(at + 4);
        out.push_str(head);
        let number = tail
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(tail.len());
        let unit = ["ms", "s"]
            .into_iter()
            .find(|u| tail[number..].starts_with(&format!(" {u}")));
        match unit {
            Some(unit) if number > 0 => {
                out.push_str("[time]");
                rest = &tail[number + 1 + unit.len()..];
            }
            _ => rest = tail,
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn every_case_folder_is_listed_once_and_has_its_files() {
    let listed = listed();
    let mut unique = listed.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), listed.len(), "a case is listed twice");
    let mut folders: Vec<String> = std::fs::read_dir(cases_dir())
        .expect("tests/testsuite/cases")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let unlisted: Vec<&String> = folders
        .iter()
        .filter(|f| !unique.contains(&f.as_str()))
        .collect();
    let missing: Vec<&&str> = unique
        .iter()
        .filter(|c| !folders.iter().any(|f| f == *c))
        .collect();
    assert!(
        unlisted.is_empty() && missing.is_empty(),
        "case folders no `cases!` lists (they would never run): {unlisted:?}; listed cases without a folder: {missing:?}"
    );
    for name in &folders {
        let dir = cases_dir().join(name);
        assert!(dir.join("cmd").is_file(), "case {name} has no cmd");
        let snapshots: Vec<String> = std::fs::read_dir(&dir)
            .expect("case folder")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".snap"))
            .collect();
        assert_eq!(
            snapshots,
            ["expected.snap"],
            "case {name}: one snapshot, expected.snap (a stale one is an error)"
        );
    }
}

#[test]
fn no_snapshot_lives_outside_a_case_folder() {
    let stray: Vec<String> = walkdir::WalkDir::new(repo_root().join("tests"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            name.ends_with(".snap") || name.ends_with(".snap.new")
        })
        .filter(|e| {
            !(e.file_name() == "expected.snap"
                && e.path().parent().and_then(Path::parent) == Some(cases_dir().as_path()))
        })
        .map(|e| e.path().display().to_string())
        .filter(|p| !p.contains("node_modules"))
        .collect();
    assert!(
        stray.is_empty(),
        "snapshots that no test reads (or .snap.new files waiting for review): {stray:?}"
    );
}

#[test]
fn cmd_lines_split_like_a_shell() {
    assert_eq!(
        split_args("certificates names.csv --date \"1 March\""),
        ["certificates", "names.csv", "--date", "1 March"]
    );
    assert_eq!(split_args("  build   --out x "), ["build", "--out", "x"]);
    assert_eq!(split_args("build --out \"\""), ["build", "--out", ""]);
}

#[test]
fn cmd_lines_are_shown_as_written() {
    assert_eq!(
        shell_words(&["certificates", "names.csv", "--date", "1 March"]),
        "certificates names.csv --date \"1 March\""
    );
}

#[test]
fn build_times_are_made_stable() {
    assert_eq!(
        stable_times("Built 23 pages (mentor edition) into public/ in 0.31 s; search index"),
        "Built 23 pages (mentor edition) into public/ in [time]; search index"
    );
    assert_eq!(stable_times("in 12 ms"), "in 12 ms");
    assert_eq!(stable_times("done in 12 ms."), "done in [time].");
    assert_eq!(stable_times("found in some file"), "found in some file");
}
