//! `peerprep check`, deeper: links and anchors in modules, scenarios and
//! theme overrides, and the warnings a reviewer should look at.

use crate::common::CourseTest;

#[test]
fn a_broken_link_in_a_theme_override_is_found_in_its_template() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "themes/default/support.html",
        "{% extends \"page.html\" %}\n{% block main %}\n<h1>Help</h1>\n<p><a href=\"{{ root }}helpp.html\">More help</a>\n<a href=\"{{ root }}index.html#no-such-id\">Home</a></p>\n{% endblock %}\n",
    );
    let run = t.run(&["check"]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[E045]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--> themes/default/support.html:4:23"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("there is no helpp.html in the site"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("index.html has no heading or element with id \"no-such-id\""),
        "{}",
        run.stderr
    );
    // Build does not run the page link check: the template renders.
    t.run(&["build"]).expect_code(0);
}

#[test]
fn a_link_only_the_mentor_edition_breaks_is_found_too() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "themes/default/support.html",
        "{% extends \"page.html\" %}\n{% block main %}\n<h1>Help</h1>\n<a href=\"{{ root }}trainer/index.html\">Trainers</a>\n{% endblock %}\n",
    );
    let run = t.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("there is no trainer/index.html in the site"),
        "{}",
        run.stderr
    );
}

#[test]
fn links_in_modules_and_scenarios_must_reach_a_heading() {
    let t = CourseTest::fixture("minimal");
    t.edit(
        "scenarios/promise.yaml",
        "01-welcome.md#limits",
        "01-welcome.md#limitz",
    );
    t.edit(
        "course/02-features.md",
        "## A table",
        "See [the limits](01-welcome.md#limit).\n\n## A table",
    );
    let run = t.run(&["check"]);
    run.expect_code(1);
    let found: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("error[") || l.contains("-->"))
        .collect();
    assert!(
        found
            .iter()
            .any(|l| l.contains("scenarios/promise.yaml:26:")),
        "{}",
        run.stderr
    );
    assert!(
        found.iter().any(|l| l.contains("course/02-features.md:7:")),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("error[E041]").count(),
        2,
        "{}",
        run.stderr
    );
}

#[test]
fn content_a_reviewer_should_see_is_warned_about_with_its_place() {
    let t = CourseTest::fixture("minimal");
    t.edit(
        "course/02-features.md",
        "![A diagram](images/dot.svg)",
        "![](images/dot.svg)",
    );
    t.edit(
        "course/02-features.md",
        "outcomes: [Use every Markdown feature]\n",
        "",
    );
    t.edit(
        "scenarios/promise.yaml",
        "        feedback: Nobody can help if nobody knows.\n",
        "",
    );
    t.edit(
        "course/course.yaml",
        "    - name: Childline\n      how: Call 0800 1111\n      when: Free, 24/7\n      url: https://www.childline.org.uk/\n",
        "    - name: Childline\n      when: Free, 24/7\n",
    );
    // A choice that keeps a secret but still earns points elsewhere (issue 13).
    t.edit(
        "course/course.yaml",
        "  boundaries:\n",
        "  confidentiality:\n    title: Confidentiality\n  boundaries:\n",
    );
    t.edit(
        "scenarios/promise.yaml",
        "        goto: bad-end\n",
        "        goto: bad-end\n        competencies: {listening: 1, confidentiality: -1}\n",
    );
    let run = t.run(&["check", "--format", "json"]);
    run.expect_code(0);
    let items: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("json");
    let found: Vec<(String, String, u64)> = items
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["path"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    for expected in [
        ("W008", "course/02-features.md", 17),
        ("W009", "course/02-features.md", 1),
        ("W010", "scenarios/promise.yaml", 36),
        ("W011", "course/course.yaml", 15),
        ("W014", "scenarios/promise.yaml", 37),
    ] {
        assert!(
            found
                .iter()
                .any(|(c, p, l)| (c.as_str(), p.as_str(), *l) == expected),
            "missing {expected:?} in {found:?}"
        );
    }
    assert_eq!(found.len(), 5, "{found:?}");
    t.run(&["check", "--deny-warnings"]).expect_code(1);
}

#[test]
fn the_bundled_course_is_clean() {
    let t = CourseTest::bundled();
    let run = t.run(&["check", "--deny-warnings"]);
    run.expect_code(0);
    assert!(run.stderr.contains("No problems found"), "{}", run.stderr);
}
