//! Figures, callouts, definition lists, video and audio in a real browser (issue 19): names a
//! screen reader reads, captions that load from file://, keyboard use with and without
//! JavaScript, and print (`tests/browser/media-blocks.mjs`). The page rules (axe, vnu, CSP, no
//! outside request) run over the same pages in `page_rules`.

use crate::browser::{node, tools};

#[test]
fn media_blocks_work_by_keyboard_from_disk_without_javascript_and_in_print_issue_19() {
    let Some(tools) = tools() else { return };
    let course = crate::media::course();
    course
        .run(&["build", "--quiet", "--deny-warnings"])
        .expect_code(0);
    let (passed, report) = node(
        tools,
        "media-blocks.mjs",
        &[
            "--page".as_ref(),
            course
                .path()
                .join("public/modules/04-material.html")
                .as_os_str(),
            "--workbook".as_ref(),
            course.path().join("public/workbook.html").as_os_str(),
        ],
    );
    assert!(passed, "media-blocks.mjs failed:\n{report}");
    assert_eq!(report.trim(), "ok");
}
