//! Page rules and behaviour in a real browser, headless Chromium, from file://.
//!
//! The page rules (`tests/browser/check-pages.mjs`, with playwright-core, axe-core and vnu-jar
//! from `tests/browser/package-lock.json`): axe-core (WCAG 2.0/2.1/2.2 A and AA, light and dark),
//! the Nu HTML Checker, the page's own CSP with no violation, no request to any host, no script
//! error, visible keyboard focus and no overflow at 320 px. One run of the script, in one
//! Chromium with several pages at a time, checks every kind of page of both editions of the
//! bundled course (for each kind, the fewest pages that between them show every element type of
//! that kind: every kind of block in a module), the cohort report, named certificates, and a
//! deliberately broken page that must fail every rule. The tests below
//! share that run and each asserts on its own pages. Every page of both editions is checked by
//! `.ci/browser-audit`, which `.ci/run` calls after `cargo test`.
//!
//! The other tests play every bundled scenario by keyboard (one Chromium, scenarios in parallel),
//! use the quiz, progress and search pages of the test fixture, and open ten tabs of the fixture
//! under `peerprep serve` to check live reload (`live-reload.mjs`).
//!
//! Without Chromium (or Node) these print a loud SKIPPED line; with `CI` set, a missing browser
//! is a failure. `.ci/run` installs both.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::common::{CourseTest, repo_root};

mod live_reload;

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
fn peerprep(args: &[&std::ffi::OsStr]) {
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

fn build_bundled(edition: &str, out: &Path) {
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
fn html_pages(dir: &Path) -> Vec<String> {
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

/// The kind of a page of a built edition. A page of a kind this does not know is a kind of its
/// own (its path), so a new kind of page is checked without anyone adding it here.
fn page_kind(rel: &str, html: &str, mentor_modules: &BTreeSet<String>) -> String {
    let parts: Vec<&str> = rel.split('/').collect();
    let kind = match parts.as_slice() {
        ["index.html"] => "home",
        ["404.html"] => "404",
        ["support.html"] => "support",
        ["search.html"] => "search",
        ["progress.html"] => "progress",
        ["certificate.html"] => "certificate",
        ["workbook.html"] => "workbook",
        ["modules", _] if !mentor_modules.contains(rel) => "facilitator-only module",
        ["modules", _] if html.contains("class=\"facilitator-note\"") => {
            "module with facilitator notes"
        }
        ["modules", _] => "module",
        ["scenarios", "index.html"] => "scenario list",
        ["scenarios", _, "index.html"] => "scenario start",
        ["scenarios", _, _, choice] if choice.starts_with("choice-") => "scenario choice",
        ["scenarios", _, _] if html.contains("class=\"ending ending-positive\"") => {
            "scenario ending (positive)"
        }
        ["scenarios", _, _] if html.contains("class=\"ending ending-mixed\"") => {
            "scenario ending (mixed)"
        }
        ["scenarios", _, _] if html.contains("class=\"ending ending-negative\"") => {
            "scenario ending (negative)"
        }
        ["scenarios", _, _] => "scenario node",
        ["trainer", "index.html"] => "trainer home",
        ["trainer", "guide.html"] => "facilitator's guide",
        ["trainer", "answers.html"] => "answer keys",
        ["trainer", "sessions.html"] => "session plans",
        ["trainer", "scenarios", _] => "scenario map",
        ["trainer", "cards", _] => "role-play cards",
        ["trainer", "templates", name] => return format!("template {name}"),
        _ => return rel.to_owned(),
    };
    kind.to_owned()
}

/// The kinds every edition has (in the facilitator edition, modules have facilitator notes).
const KINDS: &[&str] = &[
    "home",
    "404",
    "support",
    "search",
    "progress",
    "certificate",
    "workbook",
    "module",
    "scenario list",
    "scenario start",
    "scenario node",
    "scenario choice",
    "scenario ending (positive)",
    "scenario ending (mixed)",
    "scenario ending (negative)",
];

/// The kinds only the facilitator edition has.
const FACILITATOR_KINDS: &[&str] = &[
    "module with facilitator notes",
    "facilitator-only module",
    "trainer home",
    "facilitator's guide",
    "answer keys",
    "session plans",
    "scenario map",
    "role-play cards",
    "template application-form.html",
    "template certificate.html",
    "template poster.html",
    "template register.html",
    "template supervision-log.html",
];

/// The element types of a page: each element in `<body>` as its tag and one of its classes
/// (`div.quiz`), or its bare tag when it has no class.
fn element_types(html: &str) -> BTreeSet<String> {
    let body = html.find("<body").map_or(html, |at| &html[at..]);
    let mut types = BTreeSet::new();
    for (at, _) in body.match_indices('<') {
        let rest = &body[at + 1..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        let classes = tag
            .split_once(" class=\"")
            .and_then(|(_, value)| value.split('"').next())
            .unwrap_or("");
        let name = name.to_ascii_lowercase();
        if classes.split_whitespace().next().is_none() {
            types.insert(name.clone());
        }
        for class in classes.split_whitespace() {
            types.insert(format!("{name}.{class}"));
        }
    }
    types
}

/// The pages of a built edition to check, with their kind: for each kind, the fewest pages
/// (chosen greedily, the first by path on a tie) that between them show every element type any
/// page of that kind has. So every kind of page is checked, and every kind of block on it.
fn pages_of_every_kind(site: &Path, mentor_modules: &BTreeSet<String>) -> Vec<(String, PathBuf)> {
    let mut by_kind: BTreeMap<String, Vec<(String, BTreeSet<String>)>> = BTreeMap::new();
    for rel in html_pages(site) {
        let html = std::fs::read_to_string(site.join(&rel)).expect("read a page");
        let kind = page_kind(&rel, &html, mentor_modules);
        by_kind
            .entry(kind)
            .or_default()
            .push((rel, element_types(&html)));
    }
    let mut chosen = Vec::new();
    for (kind, pages) in by_kind {
        let mut needed: BTreeSet<&String> = pages.iter().flat_map(|(_, t)| t).collect();
        let mut first = true;
        while first || !needed.is_empty() {
            first = false;
            let mut best: Option<(&String, usize)> = None;
            for (rel, types) in &pages {
                let new = types.iter().filter(|t| needed.contains(t)).count();
                if best.is_none_or(|(_, most)| new > most) {
                    best = Some((rel, new));
                }
            }
            let (rel, _) = best.expect("a kind has pages");
            let (_, types) = pages.iter().find(|(r, _)| r == rel).expect("chosen page");
            needed.retain(|t| !types.contains(*t));
            chosen.push((kind.clone(), site.join(rel)));
        }
    }
    chosen
}

/// One failure the page rules found.
#[derive(Debug)]
struct Failure {
    page: PathBuf,
    rule: String,
    detail: String,
}

/// The one run of the page rules that the page-rule tests share.
struct PageRules {
    /// Pages by group (mentor, facilitator, report, certificates, bad-site), with their kind.
    groups: BTreeMap<&'static str, Vec<(String, PathBuf)>>,
    failures: Vec<Failure>,
    /// What the script printed.
    printed: String,
    /// Keeps the built sites until the test binary exits.
    _dir: tempfile::TempDir,
}

impl PageRules {
    /// The run, or None when the browser tests are skipped; panics if the run could not be made.
    fn get() -> Option<&'static PageRules> {
        let tools = tools()?;
        static RULES: OnceLock<Result<PageRules, String>> = OnceLock::new();
        match RULES.get_or_init(|| Self::run(tools)) {
            Ok(rules) => Some(rules),
            Err(why) => panic!("{why}"),
        }
    }

    fn run(tools: &Tools) -> Result<Self, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let caught = |what: &str, f: &mut dyn FnMut()| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
                .map_err(|_| format!("the page rules did not run: {what} failed (see above)"))
        };
        let mentor = dir.path().join("mentor");
        let facilitator = dir.path().join("facilitator");
        caught("building the bundled course", &mut || {
            build_bundled("mentor", &mentor);
            build_bundled("facilitator", &facilitator);
        })?;
        let report = dir.path().join("report");
        caught("peerprep report", &mut || build_report(&report))?;
        let certificates = dir.path().join("certificates");
        caught("peerprep certificates", &mut || {
            build_certificates(dir.path(), &certificates)
        })?;

        let mentor_modules: BTreeSet<String> = html_pages(&mentor)
            .into_iter()
            .filter(|p| p.starts_with("modules/"))
            .collect();
        let mut groups = BTreeMap::new();
        groups.insert("mentor", pages_of_every_kind(&mentor, &mentor_modules));
        groups.insert(
            "facilitator",
            pages_of_every_kind(&facilitator, &mentor_modules),
        );
        let all = |dir: &Path| -> Vec<(String, PathBuf)> {
            html_pages(dir)
                .into_iter()
                .map(|p| (p.clone(), dir.join(p)))
                .collect()
        };
        groups.insert("report", all(&report));
        groups.insert("certificates", all(&certificates));
        groups.insert("bad-site", all(&repo_root().join("tests/browser/bad-site")));

        let pages: Vec<&PathBuf> = groups.values().flatten().map(|(_, p)| p).collect();
        let shots = repo_root().join("target/screenshots");
        let mut screenshots = Vec::new();
        for (edition, site) in [("mentor", &mentor), ("facilitator", &facilitator)] {
            let first_module = html_pages(site)
                .into_iter()
                .find(|p| p.starts_with("modules/"))
                .ok_or("no module page")?;
            screenshots.push((site.join("index.html"), shots.join(edition).join("home")));
            screenshots.push((site.join(first_module), shots.join(edition).join("module")));
            screenshots.push((
                site.join("progress.html"),
                shots.join(edition).join("progress"),
            ));
        }
        screenshots.push((
            report.join("index.html"),
            shots.join("report").join("report"),
        ));
        let list = dir.path().join("pages.json");
        let json = serde_json::json!({ "pages": pages, "screenshots": screenshots });
        std::fs::write(&list, json.to_string()).map_err(|e| e.to_string())?;
        let found = dir.path().join("found.json");
        let (passed, printed) = node(
            tools,
            "check-pages.mjs",
            &[
                "--pages".as_ref(),
                list.as_os_str(),
                "--json".as_ref(),
                found.as_os_str(),
            ],
        );
        let found: serde_json::Value = std::fs::read_to_string(&found)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .ok_or_else(|| format!("check-pages.mjs wrote no report:\n{printed}"))?;
        let checked: BTreeSet<PathBuf> = found["checked"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str().map(PathBuf::from))
            .collect();
        let asked: BTreeSet<PathBuf> = pages.iter().map(|p| (*p).clone()).collect();
        if checked != asked {
            return Err(format!(
                "check-pages.mjs checked {} pages, not the {} asked for",
                checked.len(),
                asked.len()
            ));
        }
        let failures: Vec<Failure> = found["failures"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| Failure {
                page: PathBuf::from(f["page"].as_str().unwrap_or_default()),
                rule: f["rule"].as_str().unwrap_or_default().to_owned(),
                detail: f["detail"].as_str().unwrap_or_default().to_owned(),
            })
            .collect();
        if passed != failures.is_empty() {
            return Err(format!(
                "check-pages.mjs exit status and report disagree:\n{printed}"
            ));
        }
        Ok(Self {
            groups,
            failures,
            printed,
            _dir: dir,
        })
    }

    /// The kinds of page checked in `group`.
    fn kinds(&self, group: &str) -> BTreeSet<&str> {
        self.groups[group].iter().map(|(k, _)| k.as_str()).collect()
    }

    /// The failures on the pages of `group`, and those on no page of any group.
    fn failures(&self, group: &str) -> Vec<String> {
        let mine: BTreeSet<&PathBuf> = self.groups[group].iter().map(|(_, p)| p).collect();
        let any: BTreeSet<&PathBuf> = self.groups.values().flatten().map(|(_, p)| p).collect();
        self.failures
            .iter()
            .filter(|f| mine.contains(&f.page) || !any.contains(&f.page))
            .map(|f| format!("{}: {}: {}", f.page.display(), f.rule, f.detail))
            .collect()
    }

    /// Asserts that every page of `group` passed.
    fn assert_passed(&self, group: &str) {
        let failures = self.failures(group);
        assert!(
            failures.is_empty(),
            "page rules failed for the {group} pages:\n{}\n\nall that check-pages.mjs printed:\n{}",
            failures.join("\n"),
            self.printed
        );
        assert!(
            !self.groups[group].is_empty(),
            "no {group} page was checked"
        );
    }
}

fn build_report(out: &Path) {
    let exports = repo_root().join("tests/fixtures/exports");
    peerprep(&[
        "report".as_ref(),
        "--quiet".as_ref(),
        "--project".as_ref(),
        repo_root().join("tests/fixtures/minimal").as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        exports.join("alex.json").as_os_str(),
        exports.join("sam.json").as_os_str(),
        exports.join("anonymous.json").as_os_str(),
    ]);
}

fn build_certificates(dir: &Path, out: &Path) {
    let names = dir.join("names.csv");
    std::fs::write(&names, "name\nSam Lee\n\"Okafor, Chidi\"\n").expect("write names");
    peerprep(&[
        "certificates".as_ref(),
        "--quiet".as_ref(),
        "--project".as_ref(),
        repo_root().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        names.as_os_str(),
    ]);
}

fn every_page_type_passes(edition: &str) {
    let Some(rules) = PageRules::get() else {
        return;
    };
    rules.assert_passed(edition);
    let mut expected: BTreeSet<&str> = KINDS.iter().copied().collect();
    if edition == "facilitator" {
        // Every module of the bundled course has notes for the facilitator.
        expected.remove("module");
        expected.extend(FACILITATOR_KINDS);
    }
    let kinds = rules.kinds(edition);
    let missing: Vec<&&str> = expected.difference(&kinds).collect();
    assert!(
        missing.is_empty(),
        "the {edition} edition has no page of the kinds {missing:?} (checked {kinds:?})"
    );
    let shots = repo_root().join("target/screenshots").join(edition);
    for page in ["home", "module", "progress"] {
        assert_screenshots(&shots.join(page));
    }
}

/// Asserts that `<prefix>-phone.png`, `-desktop.png` and their `-dark` twins were written.
fn assert_screenshots(prefix: &Path) {
    for suffix in ["phone", "desktop", "phone-dark", "desktop-dark"] {
        let shot = PathBuf::from(format!("{}-{suffix}.png", prefix.display()));
        assert!(shot.is_file(), "no screenshot {}", shot.display());
    }
}

#[test]
fn element_types_are_tags_with_each_class() {
    let html = "<html><head><title>x</title></head><body class=\"a b\"><p>1 < 2</p><div class=\"quiz\" id=q><br/></div></body></html>";
    let types: Vec<String> = element_types(html).into_iter().collect();
    assert_eq!(types, ["body.a", "body.b", "br", "div.quiz", "p"]);
}

#[test]
fn every_mentor_page_type_passes_the_page_rules() {
    every_page_type_passes("mentor");
}

#[test]
fn every_facilitator_page_type_passes_the_page_rules() {
    every_page_type_passes("facilitator");
}

#[test]
fn the_cohort_report_passes_the_page_rules() {
    if let Some(rules) = PageRules::get() {
        rules.assert_passed("report");
        assert_screenshots(&repo_root().join("target/screenshots/report/report"));
    }
}

#[test]
fn named_certificates_pass_the_page_rules() {
    if let Some(rules) = PageRules::get() {
        rules.assert_passed("certificates");
        assert_eq!(rules.groups["certificates"].len(), 3, "index and two names");
    }
}

#[test]
fn the_page_rules_catch_a_broken_page() {
    let Some(rules) = PageRules::get() else {
        return;
    };
    let found = rules.failures("bad-site");
    let report = found.join("\n");
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
    let t = CourseTest::fixture("minimal");
    let features = t.read("course/02-features.md");
    t.write(
        "course/02-features.md",
        format!("{features}\n## Hostile text\n\nA hostile snippet: `<img src=x onerror=\"window.__pwned=1\">`\n"),
    );
    let site = t.path().join("site");
    t.run(&["build", "--quiet", "--out", "site"]).expect_code(0);
    let (passed, report) = node(tools, "search.mjs", &["--site".as_ref(), site.as_os_str()]);
    assert!(passed, "search in the browser failed:\n{report}");
    assert!(report.starts_with("ok: "), "{report}");
}
