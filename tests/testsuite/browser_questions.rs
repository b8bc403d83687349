//! Matching and ordering questions and quiz pools in a real browser (issue 19): answered by
//! keyboard only, with the accessible names of the menus and move buttons, the form without
//! JavaScript revealing the answer, a pool drawing 2 visible questions and redrawing on "Try
//! again" (`tests/browser/question-types.mjs`); the page, the workbook and the answer key through
//! the page rules (axe, vnu, CSP…, `check-pages.mjs`); and the workbook PDF with the print
//! versions. Without Chromium these print SKIPPED, and fail when `CI` is set.

use std::process::Command;

use crate::browser::{node, tools};
use crate::question_types::question_course;

#[test]
fn matching_ordering_and_pools_work_by_keyboard_and_without_javascript_issue_19() {
    let Some(tools) = tools() else { return };
    let t = question_course();
    t.run(&["build", "--quiet", "--deny-warnings", "--out", "site"])
        .expect_code(0);
    let (passed, report) = node(
        tools,
        "question-types.mjs",
        &[
            "--site".as_ref(),
            t.path().join("site").as_os_str(),
            "--page".as_ref(),
            "modules/04-question-types.html".as_ref(),
        ],
    );
    assert!(passed, "question-types.mjs failed:\n{report}");
    assert!(report.starts_with("ok: "), "{report}");
    assert!(report.contains("no-JS reveal"), "{report}");
}

#[test]
fn the_new_question_types_pass_the_page_rules_issue_19() {
    let Some(tools) = tools() else { return };
    let t = question_course();
    t.run(&["build", "--quiet", "--out", "site"]).expect_code(0);
    t.run(&[
        "build",
        "--quiet",
        "--edition",
        "facilitator",
        "--out",
        "trainer-site",
    ])
    .expect_code(0);
    let pages: Vec<String> = [
        "site/modules/04-question-types.html",
        "site/workbook.html",
        "trainer-site/modules/04-question-types.html",
        "trainer-site/trainer/answers.html",
    ]
    .iter()
    .map(|p| t.path().join(p).display().to_string())
    .collect();
    let list = t.path().join("pages.json");
    std::fs::write(&list, serde_json::json!({ "pages": pages }).to_string()).unwrap();
    let (passed, report) = node(
        tools,
        "check-pages.mjs",
        &["--pages".as_ref(), list.as_os_str()],
    );
    assert!(passed, "the page rules failed:\n{report}");
    assert!(report.contains("checked 4 pages"), "{report}");
}

#[test]
fn the_workbook_pdf_prints_letters_to_match_and_boxes_to_number_issue_19() {
    if tools().is_none() {
        return;
    }
    let Ok(probe) = Command::new("pdftotext").arg("-v").output() else {
        crate::common::skipped("pdftotext is not installed (apt-get install poppler-utils)");
        return;
    };
    assert!(probe.status.success() || !probe.stderr.is_empty());
    let t = question_course();
    t.run(&["pdf", "--quiet"]).expect_code(0);
    let out = Command::new("pdftotext")
        .args(["-layout", "public/pdf/workbook.pdf", "-"])
        .current_dir(t.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "Write the letter of the right answer in the box beside each one.",
        "Number the steps in the right order, 1 for the first.",
        "Someone is at risk of harm",
        "Ms Lead, straight away",
        "Tell Ms Lead straight away",
        "You call 999 in an emergency.",
    ] {
        assert!(
            text.contains(expected),
            "workbook.pdf lacks {expected:?}:\n{text}"
        );
    }
    // Each prompt and the lettered answers side by side: a prompt and a letter on one line.
    assert!(
        text.lines()
            .any(|l| l.contains("Someone is at risk of harm") && l.contains(" A ")),
        "the matching question is not in two columns:\n{text}"
    );
    for answer in ["FEEDBACK", "EXPLANATION", "Move up", "Show the answer"] {
        assert!(!text.contains(answer), "{answer} in the workbook PDF");
    }
}
