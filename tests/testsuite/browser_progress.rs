//! Learners' progress in a real browser, as hostile input (issue 15): progress files with parts of
//! the wrong type or too big to store, bad values already in localStorage, and titles that would
//! end a page's JSON data block. Each test runs `tests/browser/progress-files.mjs` on a built site
//! (see `browser` for the tools; without them these print SKIPPED, and fail when `CI` is set).

use std::path::Path;

use crate::browser::{node, tools};
use crate::common::CourseTest;

/// Builds `t`'s mentor site into `site/` and runs one part of `progress-files.mjs` on it.
fn run_part(t: &CourseTest, part: &str) {
    let Some(tools) = tools() else { return };
    t.run(&["build", "--quiet", "--out", "site"]).expect_code(0);
    let site = t.path().join("site");
    let (passed, report) = node(
        tools,
        "progress-files.mjs",
        &[
            "--site".as_ref(),
            Path::new(&site).as_os_str(),
            "--part".as_ref(),
            part.as_ref(),
        ],
    );
    assert!(passed, "progress-files.mjs --part {part} failed:\n{report}");
    assert_eq!(report.trim(), format!("ok: {part}"), "{report}");
}

#[test]
fn a_progress_file_is_stored_whole_or_not_at_all_issue_15() {
    run_part(&CourseTest::fixture("minimal"), "import");
}

#[test]
fn bad_values_already_stored_are_ignored_issue_15() {
    run_part(&CourseTest::fixture("minimal"), "stored");
}

#[test]
fn progress_and_the_scenario_player_work_with_script_breaking_titles_issue_15() {
    run_part(&crate::hostile::script_breaking_course(), "titles");
}
