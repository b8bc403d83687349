//! The command line: help, version, exit codes, `check` output formats.

use crate::common::CourseTest;

crate::cases::cases! {
    check_json,
    usage_errors,
}

#[test]
fn version_and_help_with_examples() {
    let t = CourseTest::fixture("minimal");
    let v = t.run(&["--version"]);
    v.expect_code(0);
    assert_eq!(
        v.stdout.trim(),
        format!("peerprep {}", env!("CARGO_PKG_VERSION"))
    );
    let help = t.run(&["--help"]);
    help.expect_code(0);
    assert!(help.stdout.contains("Examples:"));
    assert!(help.stdout.contains("peerprep build"));
    let build_help = t.run(&["build", "--help"]);
    assert!(build_help.stdout.contains("--edition <EDITION>"));
    assert!(build_help.stdout.contains("--deny-warnings"));
    assert!(build_help.stdout.contains("Examples:"));
}

#[test]
fn a_folder_without_a_course_is_a_usage_error() {
    let empty = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_peerprep"))
        .args(["check"])
        .current_dir(empty.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no course found in .: expected course/course.yaml"),
        "{stderr}"
    );
}

#[test]
fn check_writes_nothing_and_reports_success() {
    let t = CourseTest::fixture("minimal");
    let before = t.files("");
    let run = t.run(&["check"]);
    run.expect_code(0);
    assert!(run.stderr.contains("No problems found"), "{}", run.stderr);
    assert_eq!(t.files(""), before);
}

#[test]
fn check_json_of_a_clean_course_is_an_empty_list() {
    let clean = CourseTest::fixture("minimal").run(&["check", "--format", "json"]);
    clean.expect_code(0);
    assert_eq!(clean.stdout.trim(), "[]");
}
