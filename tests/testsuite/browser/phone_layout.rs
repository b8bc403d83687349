//! The phone layout in a real browser (issue 16): the menu and the support contacts fold behind
//! buttons that work by keyboard, the emergency line always shows, the heading starts in the top
//! 40% of the screen, done modules are ticked, and without JavaScript nothing folds
//! (`tests/browser/phone-layout.mjs`).

use std::path::Path;

use crate::browser::{node, tools};
use crate::common::CourseTest;

#[test]
fn issue_16_menu_and_support_fold_on_phones_and_work_by_keyboard() {
    let Some(tools) = tools() else { return };
    let t = CourseTest::fixture("minimal");
    t.run(&["build", "--quiet", "--out", "site"]).expect_code(0);
    let site = t.path().join("site");
    let (passed, report) = node(
        tools,
        "phone-layout.mjs",
        &[
            "--site".as_ref(),
            Path::new(&site).as_os_str(),
            "--module".as_ref(),
            "modules/01-welcome.html".as_ref(),
        ],
    );
    assert!(passed, "phone-layout.mjs failed:\n{report}");
    assert_eq!(report.trim(), "ok");
}
