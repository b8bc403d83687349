//! Carrying on with a scenario where the learner left it, and a node's content note in the
//! in-page player (issue 19), by keyboard in a real browser (`tests/browser/scenario-resume.mjs`).

use crate::browser::{node, tools};
use crate::common::CourseTest;

#[test]
fn the_player_carries_on_where_the_learner_left_and_shows_node_content_notes_issue_19() {
    let Some(tools) = tools() else { return };
    let t = CourseTest::fixture("minimal");
    t.edit(
        "scenarios/promise.yaml",
        "  promised:\n    text:",
        "  promised:\n    content_note: This step mentions an injury.\n    text:",
    );
    t.run(&["build", "--quiet", "--deny-warnings"])
        .expect_code(0);
    let (passed, report) = node(
        tools,
        "scenario-resume.mjs",
        &[
            "--start".as_ref(),
            t.path()
                .join("public/scenarios/promise/index.html")
                .as_os_str(),
        ],
    );
    assert!(passed, "scenario-resume.mjs failed:\n{report}");
    assert_eq!(report.trim(), "ok");
}
