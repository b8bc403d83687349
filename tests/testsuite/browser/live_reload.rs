//! Live reload under `peerprep serve` in real headless Chromium, with ten tabs open
//! (`tests/browser/live-reload.mjs`).

use super::{node, tools};
use crate::common::CourseTest;

/// Issue 15: ten tabs of `peerprep serve` all load (the live-reload script never holds a
/// connection, and a browser opens only six to one host), and every tab reloads after an edit,
/// shows the problems while the course is broken and reloads again when it is fixed.
#[test]
fn issue_15_ten_served_tabs_load_and_reload_after_an_edit() {
    let Some(tools) = tools() else { return };
    let t = CourseTest::fixture("minimal");
    let server = crate::serve::Server::start(&t, &[]);
    let url = format!("http://127.0.0.1:{}/modules/01-welcome.html", server.port);
    let file = t.path().join("course/01-welcome.md");
    let (passed, report) = node(
        tools,
        "live-reload.mjs",
        &[
            "--url".as_ref(),
            url.as_ref(),
            "--file".as_ref(),
            file.as_os_str(),
            "--from".as_ref(),
            "Welcome to {{ school }}.".as_ref(),
            "--to".as_ref(),
            "Reloaded in every tab.".as_ref(),
            "--break-from".as_ref(),
            "title: Welcome".as_ref(),
            "--break-to".as_ref(),
            "title: [broken".as_ref(),
        ],
    );
    assert!(passed, "live reload with ten tabs failed:\n{report}");
    assert!(report.starts_with("ok: 10 tabs"), "{report}");
}
