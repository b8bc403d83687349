//! Right-to-left pages in a real browser (issue 18): an Arabic module page reads right to left,
//! its "next" link sits on the left of "previous" and a reflection's thick edge is on the right,
//! while an English one keeps its left-to-right layout (`tests/browser/right-to-left.mjs`).

use crate::browser::page_rules::build_arabic;
use crate::browser::{node, peerprep, tools};
use crate::common::repo_root;

#[test]
fn an_arabic_module_page_is_mirrored_and_an_english_one_is_not_issue_18() {
    let Some(tools) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    build_arabic(&dir.path().join("arabic"));
    let english = dir.path().join("english");
    peerprep(&[
        "build".as_ref(),
        "--quiet".as_ref(),
        "--out".as_ref(),
        english.as_os_str(),
        repo_root().join("tests/fixtures/minimal").as_os_str(),
    ]);
    let arabic_page = dir
        .path()
        .join("arabic/facilitator/modules/02-looking-after-yourself.html");
    let english_page = english.join("modules/02-features.html");
    let (passed, report) = node(
        tools,
        "right-to-left.mjs",
        &[
            "--page".as_ref(),
            arabic_page.as_os_str(),
            "--dir".as_ref(),
            "rtl".as_ref(),
            "--page".as_ref(),
            english_page.as_os_str(),
            "--dir".as_ref(),
            "ltr".as_ref(),
        ],
    );
    assert!(passed, "right-to-left.mjs failed:\n{report}");
    assert_eq!(report.trim(), "ok");
}
