//! Courses in other languages (issue 18): language packs of interface strings
//! (`themes/<theme>/i18n/<language>.yaml`) and right-to-left pages.

use crate::common::{CourseTest, repo_root, select_text};

/// The built-in English pack's text.
fn english_pack() -> String {
    std::fs::read_to_string(repo_root().join("themes/default/i18n/en.yaml")).unwrap()
}

/// The `<html>` start tag of a page.
fn html_tag(page: &str) -> &str {
    let at = page.find("<html").expect("an <html> tag");
    &page[at..at + page[at..].find('>').unwrap() + 1]
}

/// How many times `code` is reported in `stderr`.
fn count(stderr: &str, code: &str) -> usize {
    stderr.matches(&format!("warning[{code}]")).count()
        + stderr.matches(&format!("error[{code}]")).count()
}

#[test]
fn every_page_of_an_arabic_course_is_right_to_left_issue_18() {
    let t = CourseTest::fixture("arabic");
    let mentor = t.run(&["build"]);
    mentor.expect_code(0);
    // The built-in Arabic pack is complete but unreviewed: one W019, no W018.
    assert_eq!(count(&mentor.stderr, "W019"), 1, "{}", mentor.stderr);
    assert_eq!(count(&mentor.stderr, "W018"), 0, "{}", mentor.stderr);
    assert!(
        mentor
            .stderr
            .contains("--> <embedded default theme>/i18n/ar.yaml:7:11"),
        "{}",
        mentor.stderr
    );
    t.run(&["build", "--edition", "facilitator"]).expect_code(0);
    t.write("names.csv", "name\nسلمى أحمد\n");
    t.run_without_browser(&["certificates", "names.csv"]);
    t.write(
        "rami.json",
        r#"{"format":"peerprep-progress","version":1,"course":"arabic-fixture","complete":{"01-listening":"2026-11-01T11:00:00Z"},"quiz":{"listening-first":{"correct":true,"competency":"listening"}},"scenarios":{"friend":["good-end"]}}"#,
    );
    t.run(&["report", "rami.json"]).expect_code(0);

    let mut pages = Vec::new();
    for folder in ["public", "facilitator", "certificates", "report"] {
        for file in t.files(folder) {
            if file.ends_with(".html") {
                pages.push(format!("{folder}/{file}"));
            }
        }
    }
    for kind in [
        "public/index.html",
        "public/404.html",
        "public/support.html",
        "public/search.html",
        "public/progress.html",
        "public/certificate.html",
        "public/workbook.html",
        "public/modules/01-listening.html",
        "public/scenarios/index.html",
        "public/scenarios/friend/index.html",
        "public/scenarios/friend/opening.html",
        "public/scenarios/friend/opening/choice-1.html",
        "public/scenarios/friend/good-end.html",
        "facilitator/modules/01-listening.html",
        "facilitator/trainer/index.html",
        "facilitator/trainer/guide.html",
        "facilitator/trainer/answers.html",
        "facilitator/trainer/sessions.html",
        "facilitator/trainer/scenarios/friend.html",
        "facilitator/trainer/cards/friend.html",
        "facilitator/trainer/templates/application-form.html",
        "facilitator/trainer/templates/poster.html",
        "facilitator/trainer/templates/register.html",
        "facilitator/trainer/templates/supervision-log.html",
        "facilitator/trainer/templates/certificate.html",
        "certificates/index.html",
        "certificates/all.html",
        "report/index.html",
    ] {
        assert!(pages.iter().any(|p| p == kind), "no {kind} in {pages:?}");
    }
    assert!(pages.iter().any(|p| p.starts_with("certificates/001-")));
    for page in &pages {
        let html = t.read(page);
        assert_eq!(html_tag(&html), r#"<html lang="ar" dir="rtl">"#, "{page}");
    }
    // The interface is in Arabic, the pager's words included.
    let module = t.read("public/modules/01-listening.html");
    assert_eq!(select_text(&module, ".pager-next .pager-label"), ["التالي"]);
    assert_eq!(
        select_text(&module, ".skip-link"),
        ["انتقل إلى المحتوى الرئيسي"]
    );
}

#[test]
fn an_english_course_is_left_to_right_issue_18() {
    let t = CourseTest::fixture("minimal");
    let run = t.run(&["build"]);
    run.expect_code(0);
    assert_eq!(count(&run.stderr, "W018") + count(&run.stderr, "W019"), 0);
    assert_eq!(
        html_tag(&t.read("public/modules/01-welcome.html")),
        r#"<html lang="en-GB" dir="ltr">"#
    );
}

/// The minimal fixture in Welsh, with a course pack made from English:
/// `next` left out and `previous` translated.
fn welsh(extra: &str) -> CourseTest {
    let t = CourseTest::fixture("minimal");
    t.edit("course/course.yaml", "language: en-GB", "language: cy-GB");
    let pack = english_pack()
        .lines()
        .filter(|l| !l.starts_with("  next:"))
        .map(|l| match l {
            "  previous: Previous" => "  previous: Blaenorol".to_owned(),
            l => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    t.write("themes/default/i18n/cy.yaml", format!("{pack}\n{extra}"));
    t
}

#[test]
fn a_key_missing_from_a_pack_is_english_and_warned_once_issue_18() {
    let t = welsh("");
    for args in [
        &["check"][..],
        &["build"],
        &["build", "--edition", "facilitator"],
    ] {
        let run = t.run(args);
        run.expect_code(0);
        assert_eq!(count(&run.stderr, "W018"), 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(
                "warning[W018]: this pack has no interface string \"next\": it is shown in English"
            ),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("--> themes/default/i18n/cy.yaml:"),
            "{}",
            run.stderr
        );
    }
    let page = t.read("public/modules/01-welcome.html");
    assert_eq!(select_text(&page, ".pager-next .pager-label"), ["Next"]);
    let page = t.read("public/modules/02-features.html");
    assert_eq!(
        select_text(&page, ".pager-prev .pager-label"),
        ["Blaenorol"]
    );

    // A key `ui:` sets is not missing.
    t.edit(
        "course/course.yaml",
        "language: cy-GB",
        "language: cy-GB\nui:\n  next: Nesaf",
    );
    let run = t.run(&["build"]);
    run.expect_code(0);
    assert_eq!(count(&run.stderr, "W018"), 0, "{}", run.stderr);
    let page = t.read("public/modules/01-welcome.html");
    assert_eq!(select_text(&page, ".pager-next .pager-label"), ["Nesaf"]);
}

#[test]
fn a_language_without_a_pack_warns_once_issue_18() {
    let t = CourseTest::fixture("minimal");
    t.edit("course/course.yaml", "language: en-GB", "language: fr");
    let run = t.run(&["check"]);
    run.expect_code(0);
    assert_eq!(count(&run.stderr, "W018"), 1, "{}", run.stderr);
    let total = english_pack()
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .count();
    assert!(
        run.stderr.contains(&format!(
            "warning[W018]: no interface strings for \"fr\": {total} of them are shown in English"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> course/course.yaml:3:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_key_in_a_pack_is_an_error_at_its_file_and_line_issue_18() {
    let t = welsh("  nxt: Nesaf\n  previus: Yn ôl\n");
    let lines = t.read("themes/default/i18n/cy.yaml").lines().count();
    let run = t.run(&["check"]);
    run.expect_code(1);
    for (key, line, hint) in [("nxt", lines - 1, "next"), ("previus", lines, "previous")] {
        assert!(
            run.stderr.contains(&format!(
                "error[E002]: unknown interface string \"{key}\"\n   --> themes/default/i18n/cy.yaml:{line}:3"
            )),
            "{key}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("did you mean \"{hint}\"?")),
            "{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("2 errors"), "{}", run.stderr);
}

#[test]
fn a_course_themes_pack_overrides_the_built_in_one_issue_18() {
    let t = CourseTest::fixture("arabic");
    t.edit("course/course.yaml", "language: ar", "language: ar-EG");
    let built_in =
        std::fs::read_to_string(repo_root().join("themes/default/i18n/ar.yaml")).unwrap();
    assert!(built_in.contains("\n  next: \"التالي\"\n"));
    let own = built_in
        .replace("reviewed: false", "reviewed: true")
        .replace("\n  next: \"التالي\"\n", "\n  next: \"الوحدة التالية\"\n");
    t.write("themes/default/i18n/AR.yaml", own);
    let run = t.run(&["build"]);
    run.expect_code(0);
    // The course's own copy is reviewed and complete: nothing to warn about.
    assert_eq!(
        count(&run.stderr, "W018") + count(&run.stderr, "W019"),
        0,
        "{}",
        run.stderr
    );
    let page = t.read("public/modules/01-listening.html");
    assert_eq!(html_tag(&page), r#"<html lang="ar-EG" dir="rtl">"#);
    assert_eq!(
        select_text(&page, ".pager-next .pager-label"),
        ["الوحدة التالية"]
    );
    assert_eq!(
        select_text(&page, ".skip-link"),
        ["انتقل إلى المحتوى الرئيسي"]
    );
}
