//! What learners hand in and what the teacher reads, in a real browser (issue 16): blank quiz
//! questions not recorded, export file names, labelled counts on the progress page, and report
//! charts whose every label lies inside the chart. Each test runs one part of
//! `tests/browser/cohort.mjs` (see `browser` for the tools; without them these print SKIPPED,
//! and fail when `CI` is set).

use std::ffi::OsStr;

use crate::browser::{node, tools};
use crate::common::CourseTest;
use crate::report::exports;

/// Runs `cohort.mjs --part PART` with `args`, and asserts that it passed.
fn run_part(part: &str, args: &[&OsStr]) {
    let Some(tools) = tools() else { return };
    let mut all: Vec<&OsStr> = vec!["--part".as_ref(), part.as_ref()];
    all.extend(args);
    let (passed, report) = node(tools, "cohort.mjs", &all);
    assert!(passed, "cohort.mjs --part {part} failed:\n{report}");
    assert_eq!(report.trim(), format!("ok: {part}"), "{report}");
}

/// Builds the fixture's mentor site and runs one part on it.
fn on_site(part: &str) {
    if tools().is_none() {
        return;
    }
    let t = CourseTest::fixture("minimal");
    t.run(&["build", "--quiet", "--out", "site"]).expect_code(0);
    run_part(
        part,
        &["--site".as_ref(), t.path().join("site").as_os_str()],
    );
}

#[test]
fn blank_quiz_questions_are_not_recorded_and_the_plain_quiz_still_works_issue_16() {
    on_site("quiz");
}

#[test]
fn exports_are_named_with_the_date_and_the_name_only_when_ticked_issue_16() {
    on_site("export");
}

#[test]
fn progress_counts_say_what_they_count_issue_16() {
    on_site("labels");
}

#[test]
fn every_chart_label_lies_inside_its_chart_light_and_dark_issue_16() {
    if tools().is_none() {
        return;
    }
    let t = CourseTest::fixture("minimal");
    // Long labels, capitals, a long word and other scripts: the texts that overflowed before.
    t.edit(
        "course/01-welcome.md",
        "title: Welcome",
        "title: \"SAFEGUARDING, DISCLOSURES AND SIGNPOSTING: WHAT TO DO WHEN SOMEONE TELLS YOU\"",
    )
    .edit(
        "course/course.yaml",
        "title: Active listening",
        "title: Aktives Zuhören und Unterstützungsmöglichkeitenübersichtsverzeichnisse",
    )
    .edit(
        "course/course.yaml",
        "statement: I can listen without jumping in.",
        "statement: Я могу слушать, не перебивая, и знаю, к кому обратиться — 我知道该找谁",
    )
    .edit(
        "scenarios/promise.yaml",
        "title: Promise you won't tell",
        "title: \"WWWWWWWW MMMMMMMM: a very long scenario title that goes on and on and on\"",
    );
    let files = exports(&["alex.json", "sam.json"]);
    t.run(&["report", "--quiet", &files[0], &files[1]])
        .expect_code(0);
    run_part(
        "charts",
        &["--report".as_ref(), t.path().join("report").as_os_str()],
    );
}
