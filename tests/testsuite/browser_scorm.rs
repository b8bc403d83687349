//! A SCORM package's runtime (`assets/scorm.js`) with a real stand-in LMS
//! (issue 17 part B): the fixture's course packaged with `peerprep package
//! --format scorm12|scorm2004`, unzipped with the `zip` crate, and played
//! in a frame of a page holding scorm-again's API by
//! `tests/browser/scorm.mjs`: status, score and suspend_data in the API,
//! resume from the saved data, the API found two folders down (see
//! `browser` for the tools; without them these print SKIPPED, and fail
//! when `CI` is set).

use crate::browser::{node, tools};
use crate::common::CourseTest;

/// Packages the fixture's course as `format` (file `file`), unzips it and
/// runs `scorm.mjs` on it for SCORM `version`.
fn run(format: &str, file: &str, version: &str) {
    let Some(tools) = tools() else { return };
    let t = CourseTest::fixture("minimal");
    t.run(&["package", "--format", format, "--deny-warnings"])
        .expect_code(0);
    let bytes = std::fs::read(t.path().join("package").join(file)).expect("package written");
    let unzipped = t.path().join("unzipped");
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap()
        .extract(&unzipped)
        .unwrap();
    let (passed, report) = node(
        tools,
        "scorm.mjs",
        &[
            "--package".as_ref(),
            unzipped.as_os_str(),
            "--version".as_ref(),
            version.as_ref(),
        ],
    );
    assert!(passed, "scorm.mjs --version {version} failed:\n{report}");
    assert_eq!(report.trim(), format!("ok: {version}"), "{report}");
}

#[test]
fn scorm_12_package_reports_to_the_lms_and_resumes_issue_17() {
    run("scorm12", "test-course-scorm12.zip", "1.2");
}

#[test]
fn scorm_2004_package_reports_to_the_lms_and_resumes_issue_17() {
    run("scorm2004", "test-course-scorm2004.zip", "2004");
}
