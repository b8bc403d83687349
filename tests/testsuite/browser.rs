//! Page rules in a real browser: every page of both editions of the bundled
//! course, opened from file:// in headless Chromium, must pass axe-core
//! (WCAG 2.0/2.1/2.2 A and AA), the Nu HTML Checker, its own CSP with no
//! violation, no request to any host, no script error, visible keyboard focus
//! and no overflow at 320 px. The rules live in `tests/browser/check-pages.mjs`
//! (playwright-core, axe-core and vnu-jar from `tests/browser/package-lock.json`).
//!
//! Without Chromium (or Node) this prints a loud SKIPPED line; with `CI` set,
//! a missing browser is a failure. `.ci/run` installs both.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::common::repo_root;

/// What the browser tests need: Chromium, and Node with the npm packages installed.
struct Tools {
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
fn tools() -> Option<&'static Tools> {
    static TOOLS: OnceLock<Result<Tools, String>> = OnceLock::new();
    match TOOLS.get_or_init(prepare) {
        Ok(tools) => Some(tools),
        Err(why) if std::env::var_os("CI").is_some() => {
            panic!("browser tests cannot run in CI: {why}")
        }
        Err(why) => {
            eprintln!("\n==========\nSKIPPED: browser tests did not run: {why}\n==========\n");
            None
        }
    }
}

/// Runs `tests/browser/<script>` on `site` with Chromium and `extra` arguments; returns (passed, report).
fn node(tools: &Tools, script: &str, site: &Path, extra: &[&std::ffi::OsStr]) -> (bool, String) {
    let out = Command::new("node")
        .arg(repo_root().join("tests/browser").join(script))
        .arg("--site")
        .arg(site)
        .arg("--chromium")
        .arg(&tools.chromium)
        .args(extra)
        .output()
        .expect("node runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), report)
}

/// Runs the page rules over `site`, writing screenshots when asked; returns (passed, report).
fn check_pages(tools: &Tools, site: &Path, screenshots: Option<&Path>) -> (bool, String) {
    match screenshots {
        Some(dir) => node(
            tools,
            "check-pages.mjs",
            site,
            &["--screenshots".as_ref(), dir.as_os_str()],
        ),
        None => node(tools, "check-pages.mjs", site, &[]),
    }
}

fn build_bundled(edition: &str, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_peerprep"))
        .args(["build", "--quiet", "--edition", edition, "--out"])
        .arg(out)
        .arg(repo_root())
        .status()
        .unwrap();
    assert!(status.success(), "building the bundled course failed");
}

fn every_page_passes(edition: &str) {
    let Some(tools) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join(edition);
    build_bundled(edition, &site);
    let shots = repo_root().join("target/screenshots").join(edition);
    let (passed, report) = check_pages(tools, &site, Some(&shots));
    assert!(
        passed,
        "page rules failed for the {edition} edition:\n{report}"
    );
    assert!(report.contains("every page passed"), "{report}");
    for shot in [
        "home-phone.png",
        "home-desktop.png",
        "module-phone.png",
        "module-desktop.png",
    ] {
        assert!(shots.join(shot).is_file(), "no screenshot {shot}");
    }
}

#[test]
fn every_mentor_page_passes_the_page_rules() {
    every_page_passes("mentor");
}

#[test]
fn every_facilitator_page_passes_the_page_rules() {
    every_page_passes("facilitator");
}

fn play(tools: &Tools, site: &Path, scenario: &str, extra: &[&str]) -> String {
    let mut args: Vec<&std::ffi::OsStr> = vec!["--scenario".as_ref(), scenario.as_ref()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    let (passed, report) = node(tools, "play-scenario.mjs", site, &args);
    assert!(passed, "playing {scenario} by keyboard failed:\n{report}");
    report
}

#[test]
fn scenarios_play_by_keyboard_with_back_restart_and_debrief() {
    let Some(tools) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("mentor");
    build_bundled("mentor", &site);
    let scenarios: Vec<String> = std::fs::read_dir(site.join("scenarios"))
        .expect("the bundled course has scenarios")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        scenarios.len() >= 5,
        "only {} bundled scenarios",
        scenarios.len()
    );
    for id in &scenarios {
        let report = play(tools, &site, id, &[]);
        assert!(
            report.contains(&format!("played {id} by keyboard to the ")),
            "{report}"
        );
    }
    let report = play(tools, &site, &scenarios[0], &["--no-storage"]);
    assert!(report.contains("without storage"), "{report}");
}

#[test]
fn quizzes_and_progress_work_by_keyboard_and_without_storage() {
    let Some(tools) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_peerprep"))
        .args(["build", "--quiet", "--out"])
        .arg(&site)
        .arg(repo_root().join("tests/fixtures/minimal"))
        .status()
        .unwrap();
    assert!(status.success());
    let (passed, report) = node(tools, "progress.mjs", &site, &[]);
    assert!(passed, "quiz and progress in the browser failed:\n{report}");
    assert!(report.starts_with("ok: "), "{report}");
}

#[test]
fn search_works_by_keyboard_on_file_urls_and_escapes_snippets() {
    let Some(tools) = tools() else { return };
    let t = crate::common::CourseTest::fixture("minimal");
    let features = t.read("course/02-features.md");
    t.write(
        "course/02-features.md",
        format!("{features}\n## Hostile text\n\nA hostile snippet: `<img src=x onerror=\"window.__pwned=1\">`\n"),
    );
    let site = t.path().join("site");
    t.run(&["build", "--quiet", "--out", "site"]).expect_code(0);
    let (passed, report) = node(tools, "search.mjs", &site, &[]);
    assert!(passed, "search in the browser failed:\n{report}");
    assert!(report.starts_with("ok: "), "{report}");
}

#[test]
fn the_cohort_report_passes_the_page_rules() {
    let Some(tools) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    let exports = repo_root().join("tests/fixtures/exports");
    let status = Command::new(env!("CARGO_BIN_EXE_peerprep"))
        .args(["report", "--quiet", "--project"])
        .arg(repo_root().join("tests/fixtures/minimal"))
        .arg("--out")
        .arg(&out)
        .arg(exports.join("alex.json"))
        .arg(exports.join("sam.json"))
        .status()
        .unwrap();
    assert!(status.success());
    let (passed, report) = check_pages(tools, &out, None);
    assert!(passed, "page rules failed for the report:\n{report}");
}

#[test]
fn the_page_rules_catch_a_broken_page() {
    let Some(tools) = tools() else { return };
    let (passed, report) = check_pages(tools, &repo_root().join("tests/browser/bad-site"), None);
    assert!(!passed, "a broken page passed:\n{report}");
    for rule in [
        "axe image-alt (light)",
        "axe html-has-lang (light)",
        "axe color-contrast (dark)",
        "focus not visible: a no visible focus",
        "CSP violation: script-src-elem inline",
        "outside request: https://cdn.example.invalid/x.css",
        "overflow at 320 px",
        "html error",
    ] {
        assert!(
            report.contains(rule),
            "the checker missed \"{rule}\":\n{report}"
        );
    }
}

#[test]
fn named_certificates_pass_the_page_rules() {
    let Some(tools) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("certificates");
    let names = dir.path().join("names.csv");
    std::fs::write(&names, "name\nSam Lee\n\"Okafor, Chidi\"\n").unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_peerprep"))
        .args(["certificates", "--quiet", "--project"])
        .arg(repo_root())
        .arg("--out")
        .arg(&out)
        .arg(&names)
        .status()
        .unwrap();
    assert!(status.success());
    let (passed, report) = check_pages(tools, &out, None);
    assert!(passed, "page rules failed for the certificates:\n{report}");
}
