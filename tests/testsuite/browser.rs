//! Behaviour in a real browser, headless Chromium, from file://, with the npm packages of
//! `tests/browser/package-lock.json`.
//!
//! The page rules (axe, vnu, CSP, no outside request, focus, overflow, phone layout) run once over
//! every kind of page: see `page_rules`. Every page of both editions is checked by
//! `.ci/browser-audit`, which `.ci/run` calls after `cargo test`.
//!
//! The other tests play every bundled scenario by keyboard (one Chromium, scenarios in parallel),
//! use the quiz, progress and search pages of the test fixture, and open ten tabs of the fixture
//! under `peerprep serve` to check live reload (`live-reload.mjs`).
//!
//! Without Chromium (or Node) these print a loud SKIPPED line; with `CI` set, a missing browser
//! is a failure. `.ci/run` installs both.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::common::repo_root;

mod glossary;
mod live_reload;
mod maps_and_print;
mod media_blocks;
mod page_rules;
mod phone_layout;
mod right_to_left;
mod scenario_resume;
mod slides;

/// What the browser tests need: Chromium, and Node with the npm packages installed.
pub(crate) struct Tools {
    chromium: PathBuf,
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PEERPREP_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

fn prepare() -> Result<Tools, String> {
    let chromium =
        find_chromium().ok_or("no Chromium at /usr/bin/chromium (apt-get install chromium)")?;
    let dir = repo_root().join("tests/browser");
    if !dir.join("node_modules/playwright-core").is_dir()
        || !dir.join("node_modules/vnu-jar").is_dir()
        || !dir.join("node_modules/scorm-again").is_dir()
    {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .status()
            .map_err(|e| format!("cannot run npm ({e}); install Node.js and npm"))?;
        if !status.success() {
            return Err("`npm ci` in tests/browser failed".to_owned());
        }
    }
    Ok(Tools { chromium })
}

/// The tools, or None after a loud SKIPPED line (a failure when `CI` is set).
pub(crate) fn tools() -> Option<&'static Tools> {
    static TOOLS: OnceLock<Result<Tools, String>> = OnceLock::new();
    match TOOLS.get_or_init(prepare) {
        Ok(tools) => Some(tools),
        Err(why) => {
            crate::common::skipped(&format!("browser tests did not run: {why}"));
            None
        }
    }
}

/// Runs `tests/browser/<script>` with Chromium and `args`; returns (passed, what it printed).
pub(crate) fn node(tools: &Tools, script: &str, args: &[&std::ffi::OsStr]) -> (bool, String) {
    let out = Command::new("node")
        .arg(repo_root().join("tests/browser").join(script))
        .arg("--chromium")
        .arg(&tools.chromium)
        .args(args)
        .output()
        .expect("node runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), report)
}

/// Runs `peerprep ARGS`; panics with its output when it fails.
pub(super) fn peerprep(args: &[&std::ffi::OsStr]) {
    let out = Command::new(env!("CARGO_BIN_EXE_peerprep"))
        .args(args)
        .output()
        .expect("run peerprep");
    assert!(
        out.status.success(),
        "peerprep {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub(crate) fn build_bundled(edition: &str, out: &Path) {
    peerprep(&[
        "build".as_ref(),
        "--quiet".as_ref(),
        "--deny-warnings".as_ref(),
        "--edition".as_ref(),
        edition.as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        repo_root().as_os_str(),
    ]);
}

/// Every HTML page under `dir`, relative to it, sorted.
pub(super) fn html_pages(dir: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("under dir")
                .display()
                .to_string()
        })
        .collect();
    pages.sort();
    pages
}

#[test]
fn scenarios_play_by_keyboard_with_back_restart_and_debrief() {
    let Some(tools) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("mentor");
    build_bundled("mentor", &site);
    let mut scenarios: Vec<String> = std::fs::read_dir(site.join("scenarios"))
        .expect("the bundled course has scenarios")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    scenarios.sort();
    assert!(
        scenarios.len() >= 5,
        "only {} bundled scenarios",
        scenarios.len()
    );
    let all = scenarios.join(",");
    let (passed, report) = node(
        tools,
        "play-scenario.mjs",
        &[
            "--site".as_ref(),
            site.as_os_str(),
            "--scenarios".as_ref(),
            all.as_ref(),
            "--no-storage".as_ref(),
            scenarios[0].as_ref(),
        ],
    );
    assert!(
        passed,
        "playing the scenarios by keyboard failed:\n{report}"
    );
    for id in &scenarios {
        assert!(
            report.contains(&format!("played {id} by keyboard to the ")),
            "{report}"
        );
    }
    assert!(
        report.contains(&format!("played {} by keyboard to the ", scenarios[0]))
            && report.contains("without storage"),
        "{report}"
    );
}

#[test]
fn quizzes_and_progress_work_by_keyboard_and_without_storage() {
    let Some(tools) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    peerprep(&[
        "build".as_ref(),
        "--quiet".as_ref(),
        "--out".as_ref(),
        site.as_os_str(),
        repo_root().join("tests/fixtures/minimal").as_os_str(),
    ]);
    let (passed, report) = node(
        tools,
        "progress.mjs",
        &["--site".as_ref(), site.as_os_str()],
    );
    assert!(passed, "quiz and progress in the browser failed:\n{report}");
    assert!(report.starts_with("ok: "), "{report}");
}

#[test]
fn search_works_by_keyboard_on_file_urls_and_escapes_snippets() {
    let Some(tools) = tools() else { return };
    let t = crate::languages::course_in_three_languages();
    let features = t.read("course/02-features.md");
    t.write(
        "course/02-features.md",
        format!("{features}\n## Hostile text\n\nA hostile snippet: `<img src=x onerror=\"window.__pwned=1\">`\n"),
    );
    let site = t.path().join("site");
    t.run(&["build", "--quiet", "--out", "site"]).expect_code(0);
    let (passed, report) = node(tools, "search.mjs", &["--site".as_ref(), site.as_os_str()]);
    assert!(passed, "search in the browser failed:\n{report}");
    assert!(
        report.starts_with("ok: ") && report.contains("accents folded, Arabic and Welsh found"),
        "{report}"
    );
}
