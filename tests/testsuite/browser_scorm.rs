//! A SCORM package's runtime (`assets/scorm.js`) with a real stand-in LMS
//! (issue 17 part B): a course packaged with `peerprep package --format
//! scorm12|scorm2004`, unzipped with the `zip` crate, and played in a frame
//! of a page holding scorm-again's API by `tests/browser/scorm.mjs`: status,
//! score and suspend_data in the API, resume from the saved data, an edited
//! course's saved data, a pop-up launch, every page of the package finding
//! the API, and suspend_data within SCORM 1.2's 4,096 characters for the
//! bundled course and a 50-module course (see `browser` for the tools;
//! without them these print SKIPPED, and fail when `CI` is set).

use std::fmt::Write as _;

use crate::browser::{node, tools};
use crate::common::CourseTest;

/// Packages the course of `t` as `format` (more arguments in `extra`),
/// unzips it and runs `scorm.mjs --mode mode` on it for SCORM `version`.
fn run(t: &CourseTest, format: &str, extra: &[&str], version: &str, mode: &[&str]) {
    let Some(tools) = tools() else { return };
    let mut args = vec!["package", "--format", format, "--deny-warnings"];
    args.extend(extra);
    t.run(&args).expect_code(0);
    let zips: Vec<String> = t
        .files("package")
        .into_iter()
        .filter(|f| f.ends_with(".zip"))
        .collect();
    let [file] = zips.as_slice() else {
        panic!("one package expected, found {zips:?}")
    };
    let bytes = std::fs::read(t.path().join("package").join(file)).expect("package written");
    let unzipped = t.path().join("unzipped");
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .unwrap()
        .extract(&unzipped)
        .unwrap();
    let mut script_args: Vec<&std::ffi::OsStr> = vec![
        "--package".as_ref(),
        unzipped.as_os_str(),
        "--version".as_ref(),
        version.as_ref(),
        "--mode".as_ref(),
    ];
    script_args.extend(mode.iter().map(std::ffi::OsStr::new));
    let (passed, report) = node(tools, "scorm.mjs", &script_args);
    assert!(
        passed,
        "scorm.mjs --version {version} --mode {mode:?} failed:\n{report}"
    );
    assert_eq!(report.trim(), format!("ok: {version}"), "{report}");
}

#[test]
fn scorm_12_package_reports_to_the_lms_and_resumes_issue_17() {
    let t = CourseTest::fixture("minimal");
    run(&t, "scorm12", &[], "1.2", &["full"]);
}

#[test]
fn scorm_2004_package_reports_to_the_lms_and_resumes_issue_17() {
    let t = CourseTest::fixture("minimal");
    run(&t, "scorm2004", &[], "2004", &["full"]);
}

#[test]
fn facilitator_edition_package_finds_the_api_on_every_page_issue_17() {
    let t = CourseTest::fixture("minimal");
    run(
        &t,
        "scorm2004",
        &["--edition", "facilitator"],
        "2004",
        &["fill"],
    );
}

#[test]
fn bundled_course_suspend_data_fits_scorm_12_issue_17() {
    let t = CourseTest::bundled();
    run(&t, "scorm12", &[], "1.2", &["fill"]);
}

/// The fixture's three modules and 47 more of 12 questions each (568
/// questions in all), and its scenario.
fn fifty_modules() -> CourseTest {
    let t = CourseTest::fixture("minimal");
    let mut list =
        String::from("modules:\n  - 01-welcome.md\n  - 02-features.md\n  - 03-trainer-only.md\n");
    for m in 4..=50 {
        let name = format!("m{m:02}.md");
        let _ = writeln!(list, "  - {name}");
        let mut quiz = String::new();
        for q in 1..=12 {
            let _ = write!(
                quiz,
                "- id: m{m}-q{q}\n  type: truefalse\n  prompt: Statement {q} of module {m}.\n  answer: true\n  competency: listening\n"
            );
        }
        t.write(
            &format!("course/{name}"),
            format!("---\ntitle: Module {m}\noutcomes: [Say what module {m} teaches]\n---\nText of module {m}.\n\n```quiz\n{quiz}```\n"),
        );
    }
    t.set_modules(&list);
    t
}

#[test]
fn fifty_module_course_suspend_data_fits_scorm_12_issue_17() {
    run(&fifty_modules(), "scorm12", &[], "1.2", &["fill"]);
}

#[test]
fn self_assessment_beyond_the_limit_is_dropped_never_completion_issue_17() {
    // 2,100 statements: their ratings (two digits each) alone pass 4,096.
    let t = CourseTest::fixture("minimal");
    let mut list = String::from("self_assessment:\n");
    for i in 0..2100 {
        let _ = writeln!(list, "  - id: s{i}\n    statement: Statement {i}.");
    }
    t.edit(
        "course/course.yaml",
        "self_assessment:\n  - id: disclosure\n    statement: I know what to do if someone tells me they are being hurt.\n  - id: listening\n    statement: I can listen without jumping in.\n",
        &list,
    );
    run(
        &t,
        "scorm12",
        &[],
        "1.2",
        &["fill", "--dropped", "self_assessment"],
    );
}
