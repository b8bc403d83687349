//! Every kind of problem in a course, each reported with its code, file,
//! line and column (see `cases/`), and warnings that fail only when denied.

use crate::common::CourseTest;

crate::cases::cases! {
    e001_yaml_syntax,
    e002_unknown_field,
    e002_misspelt_nested_key,
    e003_missing_field,
    e004_wrong_type,
    e005_duplicate_key,
    e006_e007_not_utf8_and_too_large => not_utf8_and_too_large,
    e010_invalid_id,
    e011_reserved_slug,
    e012_duplicate_slug,
    e013_module_missing,
    e014_module_listed_twice,
    e015_front_matter_unclosed,
    e016_unknown_competency,
    e020_undefined_variable,
    e040_link_to_unknown_module,
    e041_broken_anchor,
    e042_missing_image,
    e046_w022_slide_problems,
    e043_link_outside_course,
    e044_mentor_links_to_facilitator_module,
    e050_symlink_out_of_the_project => symlink_out_of_the_project,
    e050_course_file_links_out_of_course => course_file_out_of_course,
    e050_theme_links_out_of_the_project => theme_template_out_of_the_project,
    e050_theme_folder_links_out_of_the_project => theme_folder_out_of_the_project,
    e042_missing_raw_html_image,
    w016_linked_html_is_published_as_it_is,
    e060_broken_theme_template,
    e060_runtime_template_error,
    several_problems_in_several_files,
    every_problem_in_course_yaml_and_modules_in_one_run,
    broken_scenario_reports_only_its_cause,
    w015_list_item_indented_too_far,
    e021_brand_problems,
    e004_brand_values,
}

/// A module with a byte that is not UTF-8 on line 4, and one just over 5 MiB.
fn not_utf8_and_too_large(t: &CourseTest) {
    t.write(
        "course/02-features.md",
        b"---\ntitle: X\n---\nBad \xff byte\n",
    );
    t.write("course/03-trainer-only.md", vec![b'a'; 5 * 1024 * 1024 + 1]);
}

/// `course/images/link.svg`: a symlink to an SVG outside the project.
fn symlink_out_of_the_project(t: &CourseTest) {
    let outside = crate::common::repo_root().join("tests/fixtures/minimal/course/images/dot.svg");
    std::os::unix::fs::symlink(outside, t.path().join("course/images/link.svg")).expect("symlink");
}

/// `course/notes.txt` is a link to `secret.env` beside `course/` (issue 15).
fn course_file_out_of_course(t: &CourseTest) {
    t.write("secret.env", "PASSWORD=hunter2\n");
    std::os::unix::fs::symlink("../secret.env", t.path().join("course/notes.txt"))
        .expect("symlink");
}

/// A theme override that is a link to a template outside the project (issue 15).
fn theme_template_out_of_the_project(t: &CourseTest) {
    let outside = crate::common::repo_root().join("themes/default/partials/footnotes.html");
    std::fs::create_dir_all(t.path().join("themes/default/partials")).expect("mkdir");
    std::os::unix::fs::symlink(
        outside,
        t.path().join("themes/default/partials/footnotes.html"),
    )
    .expect("symlink");
}

/// `themes/mine` is a link to a theme folder outside the project (issue 15).
fn theme_folder_out_of_the_project(t: &CourseTest) {
    let outside = crate::common::repo_root().join("themes/default");
    std::fs::create_dir_all(t.path().join("themes")).expect("mkdir");
    std::os::unix::fs::symlink(outside, t.path().join("themes/mine")).expect("symlink");
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
    let check = t.run(&["check", "--deny-warnings"]);
    check.expect_code(1);
    assert!(
        check
            .stderr
            .contains("failed: 0 errors, 2 warnings (warnings fail the run: --deny-warnings)"),
        "{}",
        check.stderr
    );
}
