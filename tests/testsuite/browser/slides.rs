//! Slide decks in a real browser (issue 19): keyboard use, screen-reader names, the deck without
//! JavaScript, and print (`tests/browser/slides.mjs`). The page rules (axe, vnu, CSP, no outside
//! request) run over the decks in `page_rules`.

use crate::browser::{node, tools};

#[test]
fn slide_decks_work_by_keyboard_without_javascript_and_in_print_issue_19() {
    let Some(tools) = tools() else { return };
    let course = crate::slides::course();
    course
        .run(&[
            "build",
            "--quiet",
            "--deny-warnings",
            "--edition",
            "facilitator",
        ])
        .expect_code(0);
    let (passed, report) = node(
        tools,
        "slides.mjs",
        &[
            "--deck".as_ref(),
            course
                .path()
                .join("facilitator/trainer/slides/all.html")
                .as_os_str(),
        ],
    );
    assert!(passed, "slides.mjs failed:\n{report}");
    assert_eq!(report.trim(), "ok");
}
