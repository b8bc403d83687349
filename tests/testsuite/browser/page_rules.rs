//! The page rules in a real browser (`tests/browser/check-pages.mjs`, with playwright-core,
//! axe-core and vnu-jar): axe-core (WCAG 2.0/2.1/2.2 A and AA, light and dark), the Nu HTML
//! Checker, the page's own CSP with no violation, no request to any host, no script error, visible
//! keyboard focus, no overflow at 320 px, and the first heading in the top 40% of a phone screen.
//! One run of the script, in one Chromium with several pages at a time, checks every kind of page
//! of both editions of the bundled course (for each kind, the fewest pages that between them show
//! every element type of that kind: every kind of block in a module), both editions of the Arabic
//! fixture (right to left, issue 18), a branded course, a module with figures, callouts and
//! media (issue 19), the slide decks (issue 19, as kinds of facilitator page), a course with a
//! glossary (its page, a module with terms marked, the workbook's appendix; issue 19), the cohort
//! report, named certificates, and a deliberately broken page that must fail every rule. The
//! tests below share that run and each asserts on its own pages. The same run writes screenshots
//! of one page of every kind at 1280×900 and 390×844, light and dark, into `target/screenshots/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::{Tools, build_bundled, html_pages, node, peerprep, tools};
use crate::common::repo_root;
/// The kind of a page of a built edition. A page of a kind this does not know is a kind of its
/// own (its path), so a new kind of page is checked without anyone adding it here.
fn page_kind(rel: &str, html: &str, mentor_modules: &BTreeSet<String>) -> String {
    let parts: Vec<&str> = rel.split('/').collect();
    let kind = match parts.as_slice() {
        ["index.html"] => "home",
        ["404.html"] => "404",
        ["support.html"] => "support",
        ["glossary.html"] => "glossary",
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
        ["trainer", "slides", "index.html"] => "slide decks",
        ["trainer", "slides", _] => "slide deck",
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
    "glossary",
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
    "slide decks",
    "slide deck",
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
        let branded_course = crate::brand::branded();
        let branded = branded_course.path().join("public");
        caught("building a branded course", &mut || {
            branded_course
                .run(&["build", "--quiet", "--deny-warnings"])
                .expect_code(0);
        })?;

        let arabic = dir.path().join("arabic");
        caught("building the Arabic fixture", &mut || build_arabic(&arabic))?;
        let media = dir.path().join("media");
        caught(
            "building a course with figures, callouts and media",
            &mut || {
                crate::media::course()
                    .run(&[
                        "build",
                        "--quiet",
                        "--deny-warnings",
                        "--out",
                        &media.to_string_lossy(),
                    ])
                    .expect_code(0);
            },
        )?;

        let glossary = dir.path().join("glossary");
        caught("building a course with a glossary", &mut || {
            crate::glossary::course()
                .run(&[
                    "build",
                    "--quiet",
                    "--deny-warnings",
                    "--out",
                    &glossary.to_string_lossy(),
                ])
                .expect_code(0);
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
        let arabic_modules: BTreeSet<String> = html_pages(&arabic.join("mentor"))
            .into_iter()
            .filter(|p| p.starts_with("modules/"))
            .collect();
        for edition in ["mentor", "facilitator"] {
            let site = arabic.join(edition);
            let group = if edition == "mentor" {
                "arabic-mentor"
            } else {
                "arabic-facilitator"
            };
            groups.insert(group, pages_of_every_kind(&site, &arabic_modules));
        }
        let all = |dir: &Path| -> Vec<(String, PathBuf)> {
            html_pages(dir)
                .into_iter()
                .map(|p| (p.clone(), dir.join(p)))
                .collect()
        };
        groups.insert(
            "branded",
            ["index.html", "modules/01-welcome.html", "workbook.html"]
                .map(|p| (p.to_owned(), branded.join(p)))
                .to_vec(),
        );
        groups.insert(
            "media",
            ["modules/04-material.html", "workbook.html"]
                .map(|p| (p.to_owned(), media.join(p)))
                .to_vec(),
        );
        groups.insert(
            "glossary",
            ["glossary.html", "modules/04-terms.html", "workbook.html"]
                .map(|p| (p.to_owned(), glossary.join(p)))
                .to_vec(),
        );
        groups.insert("report", all(&report));
        groups.insert("certificates", all(&certificates));
        groups.insert("bad-site", all(&repo_root().join("tests/browser/bad-site")));

        let pages: Vec<&PathBuf> = groups.values().flatten().map(|(_, p)| p).collect();
        // One screenshot set per page kind of each group: the first page of that kind.
        let shots = repo_root().join("target/screenshots");
        let mut screenshots = Vec::new();
        for (group, pages) in &groups {
            if *group == "bad-site" {
                continue;
            }
            let mut seen = BTreeSet::new();
            // The report and certificates are named by file: two of each are enough.
            let most = if matches!(*group, "report" | "certificates") {
                2
            } else {
                usize::MAX
            };
            for (kind, page) in pages.iter().take(most) {
                let name = if matches!(
                    *group,
                    "report" | "certificates" | "branded" | "media" | "glossary"
                ) {
                    kind.trim_end_matches(".html").replace('/', "-")
                } else {
                    kind.replace(['(', ')', '\''], "")
                        .replace([' ', '/', '.'], "-")
                };
                if seen.insert(name.clone()) {
                    screenshots.push((page.clone(), shots.join(group).join(name)));
                }
            }
        }
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

/// Both editions of `tests/fixtures/arabic` into `out/mentor` and `out/facilitator` (not
/// `--deny-warnings`: it uses the built-in Arabic strings, which are unreviewed, W019).
pub(super) fn build_arabic(out: &Path) {
    for edition in ["mentor", "facilitator"] {
        peerprep(&[
            "build".as_ref(),
            "--quiet".as_ref(),
            "--edition".as_ref(),
            edition.as_ref(),
            "--out".as_ref(),
            out.join(edition).as_os_str(),
            repo_root().join("tests/fixtures/arabic").as_os_str(),
        ]);
    }
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
    for kind in &kinds {
        let name = kind
            .replace(['(', ')', '\''], "")
            .replace([' ', '/', '.'], "-");
        for size in ["desktop", "desktop-dark", "phone", "phone-dark"] {
            let shot = format!("{name}-{size}.png");
            assert!(shots.join(&shot).is_file(), "no screenshot {shot}");
        }
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
fn an_arabic_course_passes_the_page_rules_issue_18() {
    let Some(rules) = PageRules::get() else {
        return;
    };
    for group in ["arabic-mentor", "arabic-facilitator"] {
        rules.assert_passed(group);
        let kinds = rules.kinds(group);
        for kind in [
            "home",
            "404",
            "module",
            "workbook",
            "scenario node",
            "scenario choice",
        ] {
            let kind = if group == "arabic-facilitator" && kind == "module" {
                "module with facilitator notes"
            } else {
                kind
            };
            assert!(
                kinds.contains(kind),
                "{group} has no {kind} page: {kinds:?}"
            );
        }
        let shots = repo_root().join("target/screenshots").join(group);
        assert!(
            shots.join("home-phone-dark.png").is_file(),
            "no screenshots in {}",
            shots.display()
        );
    }
}

#[test]
fn the_cohort_report_passes_the_page_rules() {
    if let Some(rules) = PageRules::get() {
        rules.assert_passed("report");
        let shots = repo_root().join("target/screenshots/report");
        for size in ["desktop", "desktop-dark", "phone", "phone-dark"] {
            let shot = shots.join(format!("index-{size}.png"));
            assert!(shot.is_file(), "no screenshot {}", shot.display());
        }
    }
}

#[test]
fn a_branded_course_passes_the_page_rules_issue_16() {
    let Some(rules) = PageRules::get() else {
        return;
    };
    rules.assert_passed("branded");
}

#[test]
fn figures_callouts_definition_lists_and_media_pass_the_page_rules_issue_19() {
    let Some(rules) = PageRules::get() else {
        return;
    };
    rules.assert_passed("media");
}

#[test]
fn the_glossary_and_pages_with_terms_pass_the_page_rules_issue_19() {
    let Some(rules) = PageRules::get() else {
        return;
    };
    rules.assert_passed("glossary");
    assert_eq!(rules.groups["glossary"].len(), 3);
}

#[test]
fn named_certificates_pass_the_page_rules() {
    if let Some(rules) = PageRules::get() {
        rules.assert_passed("certificates");
        assert_eq!(
            rules.groups["certificates"].len(),
            4,
            "index, all on one page and two names"
        );
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
