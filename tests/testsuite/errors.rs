//! Every kind of problem in a course, each reported with its code, file and
//! line, all in one run.

use crate::common::CourseTest;

/// One broken course: (what is broken, file, find, replace, code, location).
const CASES: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "yaml syntax",
        "course/course.yaml",
        "subtitle: A fixture",
        "subtitle: [unclosed",
        "E001",
        "course/course.yaml:2:",
    ),
    (
        "unknown field",
        "course/course.yaml",
        "subtitle:",
        "subtitel:",
        "E002",
        "course/course.yaml:2:1",
    ),
    (
        "missing field",
        "course/course.yaml",
        "title: Test Course\n",
        "",
        "E003",
        "course/course.yaml:46:1",
    ),
    (
        "wrong type",
        "course/02-features.md",
        "duration: 15",
        "duration: soon",
        "E004",
        "course/02-features.md:3:11",
    ),
    (
        "duplicate key",
        "course/01-welcome.md",
        "duration: 20",
        "duration: 20\nduration: 25",
        "E005",
        "course/01-welcome.md:5:1",
    ),
    (
        "invalid id",
        "course/course.yaml",
        "  listening:\n",
        "  Bad_Id:\n    title: X\n  listening:\n",
        "E010",
        "course/course.yaml:22:3",
    ),
    (
        "reserved slug",
        "course/02-features.md",
        "duration: 15",
        "duration: 15\nslug: support",
        "E011",
        "course/02-features.md:4:7",
    ),
    (
        "duplicate slug",
        "course/02-features.md",
        "duration: 15",
        "duration: 15\nslug: 01-welcome",
        "E012",
        "course/02-features.md:4:7",
    ),
    (
        "module missing",
        "course/course.yaml",
        "  - 03-trainer-only.md",
        "  - 03-trainer-only.md\n  - 04-gone.md",
        "E013",
        "course/course.yaml:36:5",
    ),
    (
        "listed twice",
        "course/course.yaml",
        "  - 03-trainer-only.md",
        "  - 03-trainer-only.md\n  - 01-welcome.md",
        "E014",
        "course/course.yaml:36:5",
    ),
    (
        "front matter unclosed",
        "course/03-trainer-only.md",
        "outcomes: [Run the session]\n---",
        "outcomes: [Run the session]\n",
        "E015",
        "course/03-trainer-only.md:1:1",
    ),
    (
        "unknown competency",
        "course/02-features.md",
        "[listening, boundaries]",
        "[listening, boundary]",
        "E016",
        "course/02-features.md:5:27",
    ),
    (
        "undefined variable",
        "course/01-welcome.md",
        "Talk to {{ dsl }}",
        "Talk to {{ dls }}",
        "E020",
        "course/01-welcome.md:11:34",
    ),
    (
        "link to unknown module",
        "course/02-features.md",
        "(01-welcome.md)",
        "(01-welcom.md)",
        "E040",
        "course/02-features.md:20:19",
    ),
    (
        "broken anchor",
        "course/01-welcome.md",
        "(02-features.md#a-table)",
        "(02-features.md#a-tabel)",
        "E041",
        "course/01-welcome.md:15:20",
    ),
    (
        "missing image",
        "course/02-features.md",
        "images/dot.svg",
        "images/dott.svg",
        "E042",
        "course/02-features.md:18:14",
    ),
    (
        "link outside course",
        "course/02-features.md",
        "(01-welcome.md)",
        "(../../etc/passwd)",
        "E043",
        "course/02-features.md:20:19",
    ),
    (
        "mentor links to facilitator module",
        "course/02-features.md",
        "(01-welcome.md)",
        "(03-trainer-only.md)",
        "E044",
        "course/02-features.md:20:19",
    ),
    (
        "broken theme template",
        "course/course.yaml",
        "title: Test Course",
        "title: Test Course",
        "E060",
        "themes/default/index.html:1",
    ),
];

fn broken(case: &(&str, &str, &str, &str, &str, &str)) -> CourseTest {
    let (name, file, from, to, code, _) = *case;
    let t = CourseTest::fixture("minimal");
    t.edit(file, from, to);
    if code == "E060" {
        t.write("themes/default/index.html", "{% for %}");
    }
    let _ = name;
    t
}

#[test]
fn each_problem_names_its_code_file_line_and_column() {
    for case in CASES {
        let (name, _, _, _, code, location) = *case;
        let t = broken(case);
        for cmd in [&["check"][..], &["build"][..]] {
            let run = t.run(cmd);
            assert_eq!(run.code, 1, "{name} ({cmd:?}): exit code\n{}", run.stderr);
            assert!(
                run.stderr.contains(&format!("error[{code}]")),
                "{name} ({cmd:?}): no {code} in\n{}",
                run.stderr
            );
            assert!(
                run.stderr.contains(&format!("--> {location}")),
                "{name} ({cmd:?}): no {location} in\n{}",
                run.stderr
            );
        }
        assert!(!t.exists("public"), "{name}: a failed build wrote public/");
    }
}

#[test]
fn check_finds_runtime_template_errors_without_writing() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "themes/default/module.html",
        "{% extends \"default/module.html\" %}\n{% block title %}{{ module.titel }}{% endblock %}\n",
    );
    let run = t.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("error[E060]: template error: undefined value"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> themes/default/module.html:2:21"),
        "{}",
        run.stderr
    );
    assert!(!t.exists("public") && !t.exists("facilitator"));
}

#[test]
fn warnings_do_not_fail_unless_denied() {
    let t = CourseTest::fixture("minimal");
    t.write("course/99-extra.md", "---\ntitle: Extra\n---\n");
    t.write(
        "course/04-draft.md",
        "---\ntitle: Draft\ndraft: true\n---\n",
    );
    t.edit(
        "course/course.yaml",
        "  - 03-trainer-only.md",
        "  - 03-trainer-only.md\n  - 04-draft.md",
    );
    let run = t.run(&["build"]);
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("warning[W001]: module file is not listed in course.yaml"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> course/99-extra.md"));
    assert!(run.stderr.contains("warning[W002]"), "{}", run.stderr);
    assert!(!t.exists("public/modules/04-draft.html"));
    let denied = t.run(&["build", "--deny-warnings", "--out", "other"]);
    denied.expect_code(1);
    assert!(!t.exists("other"));
    t.run(&["check", "--deny-warnings"]).expect_code(1);
}

#[test]
fn non_utf8_and_oversized_files_are_named() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "course/02-features.md",
        b"---\ntitle: X\n---\nBad \xff byte\n",
    );
    t.write("course/03-trainer-only.md", vec![b'a'; 5 * 1024 * 1024 + 1]);
    let run = t.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("error[E006]: file is not UTF-8 text (bad byte at line 4)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> course/02-features.md:4:1"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error[E007]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--> course/03-trainer-only.md"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn symlinks_that_leave_the_project_are_refused() {
    let t = CourseTest::fixture("minimal");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.svg"), "<svg/>").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.svg"),
        t.path().join("course/images/link.svg"),
    )
    .unwrap();
    t.edit("course/02-features.md", "images/dot.svg", "images/link.svg");
    let run = t.run(&["build"]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[E050]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--> course/02-features.md:18:14"),
        "{}",
        run.stderr
    );
}

#[test]
fn all_problems_in_several_files_are_reported_in_one_run() {
    let t = CourseTest::fixture("minimal");
    t.edit(
        "course/01-welcome.md",
        "Talk to {{ dsl }}",
        "Talk to {{ dls }}",
    );
    t.edit(
        "course/01-welcome.md",
        "[limits](#limits)",
        "[limits](#limts)",
    );
    t.edit(
        "course/02-features.md",
        "[listening, boundaries]",
        "[listening, boundary]",
    );
    t.edit(
        "course/03-trainer-only.md",
        "TRAINER-ONLY-MODULE text.",
        "![Chart](charts/missing.png)",
    );
    t.write("course/99-extra.md", "---\ntitle: Extra\n---\n");
    let run = t.run(&["check"]);
    run.expect_code(1);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_broken_course_yaml_is_reported_with_its_line() {
    let t = CourseTest::fixture("minimal");
    t.edit(
        "course/course.yaml",
        "  listening:\n",
        "  listening:\n    titel: x\n",
    );
    let run = t.run(&["check"]);
    run.expect_code(1);
    insta::assert_snapshot!(run.stderr);
}
