//! `peerprep check`, deeper: links and anchors in modules, scenarios and
//! theme overrides, and the warnings a reviewer should look at.

use crate::common::CourseTest;

crate::cases::cases! {
    e041_links_in_modules_and_scenarios,
    e045_broken_link_in_a_theme_override,
    e045_link_only_the_mentor_edition_breaks,
    reviewer_warnings,
}

#[test]
fn the_bundled_course_is_clean() {
    let t = CourseTest::bundled();
    let run = t.run(&["check", "--deny-warnings"]);
    run.expect_code(0);
    assert!(run.stderr.contains("No problems found"), "{}", run.stderr);
}
