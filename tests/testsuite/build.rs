//! `peerprep build` on real courses: the site it writes, read back.

use crate::common::{CourseTest, main_html, select_attr, select_text};

crate::cases::cases! {
    e020_unknown_variable_in_plain_text_fields,
}

#[test]
fn builds_the_fixture_into_public_with_every_page() {
    let t = CourseTest::fixture("minimal");
    let run = t.run(&["build"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .starts_with("Built 23 pages (mentor edition) into public/ in "),
        "{}",
        run.stdout
    );
    assert_eq!(
        t.files("public"),
        [
            ".peerprep-output",
            "404.html",
            "assets/blocks.css",
            "assets/course/images/dot.svg",
            "assets/layout.js",
            "assets/paper.css",
            "assets/progress.js",
            "assets/quiz.js",
            "assets/scenario.js",
            "assets/search-index.js",
            "assets/search.js",
            "assets/style.css",
            "certificate.html",
            "index.html",
            "modules/01-welcome.html",
            "modules/02-features.html",
            "progress.html",
            "scenarios/index.html",
            "scenarios/promise/bad-end.html",
            "scenarios/promise/good-end.html",
            "scenarios/promise/index.html",
            "scenarios/promise/mixed-end.html",
            "scenarios/promise/opening.html",
            "scenarios/promise/opening/choice-1.html",
            "scenarios/promise/opening/choice-2.html",
            "scenarios/promise/promised.html",
            "scenarios/promise/promised/choice-1.html",
            "scenarios/promise/promised/choice-2.html",
            "scenarios/promise/tell-dsl.html",
            "scenarios/promise/tell-dsl/choice-1.html",
            "scenarios/promise/tell-dsl/choice-2.html",
            "search.html",
            "support.html",
            "workbook.html",
        ]
    );
}

#[test]
fn home_page_lists_modules_durations_outcomes_and_competencies() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    let home = t.read("public/index.html");
    assert_eq!(select_text(&home, "title"), ["Test Course"]);
    assert_eq!(select_attr(&home, "html", "lang"), ["en-GB"]);
    let cards = select_text(&home, ".module-card h3");
    assert_eq!(cards, ["Module 1 Welcome", "Module 2 Features"]);
    let meta = select_text(&home, ".module-meta");
    assert_eq!(meta, ["20 min", "15 min"]);
    assert!(select_text(&home, ".outcomes-details li").contains(&"Name who to tell".to_owned()));
    assert_eq!(
        select_text(&home, ".competency-list dt"),
        ["Active listening", "Boundaries"]
    );
    assert!(select_text(&home, ".course-stats")[0].contains("35 min"));
}

#[test]
fn module_pages_have_title_outcomes_note_pager_and_contents() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    let page = t.read("public/modules/01-welcome.html");
    assert_eq!(select_text(&page, "title"), ["Welcome — Test Course"]);
    assert_eq!(select_text(&page, "main h1"), ["Welcome"]);
    assert_eq!(
        select_text(&page, ".outcomes li"),
        ["Say what a mentor does", "Name who to tell"]
    );
    assert!(select_text(&page, ".content-note")[0].contains("Mentions bullying."));
    assert_eq!(
        select_attr(&page, ".pager a", "href"),
        ["../modules/02-features.html"]
    );
    assert_eq!(
        select_attr(&page, ".contents a[aria-current=page]", "href"),
        ["../modules/01-welcome.html"]
    );
    assert_eq!(select_text(&page, ".contents li").len(), 2);
    // Variables are plain text: their < is escaped, never markup.
    assert!(main_html(&page).contains("Welcome to Fixture &lt;School&gt;. Talk to Ms Lead."));
}

#[test]
fn every_page_has_the_support_block_in_the_same_place() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    for page in [
        "index.html",
        "support.html",
        "modules/01-welcome.html",
        "modules/02-features.html",
    ] {
        let html = t.read(&format!("public/{page}"));
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse("body > *").unwrap();
        let order: Vec<String> = doc
            .select(&sel)
            .map(|e| {
                e.value()
                    .classes()
                    .next()
                    .unwrap_or(e.value().name())
                    .to_owned()
            })
            .collect();
        assert_eq!(
            order,
            [
                "skip-link",
                "site-header",
                "support-block",
                "layout",
                "site-footer"
            ],
            "{page}"
        );
        assert!(
            select_text(&html, ".support-block")
                .join(" ")
                .contains("Childline: Call 0800 1111"),
            "{page}"
        );
        let link = select_attr(&html, ".support-more a", "href");
        assert!(link[0].ends_with("support.html"), "{page}");
    }
    let support = t.read("public/support.html");
    assert_eq!(
        select_attr(&support, ".contact-card a", "href"),
        ["https://www.childline.org.uk/"]
    );
    assert!(
        select_text(&support, ".support-emergency")
            .contains(&"In an emergency call 999.".to_owned())
    );
}

#[test]
fn markdown_features_render() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    let body = main_html(&t.read("public/modules/02-features.html"));
    for expected in [
        r#"<h2 id="a-table">A table</h2>"#,
        r#"<th class="align-center">Centre</th>"#,
        r##"<a href="#fn-src" id="fnref-src">1</a>"##,
        r#"<div class="footnote" id="fn-src">"#,
        "<del>Myth</del>",
        r#"<span class="visually-hidden">To do: </span>Not done"#,
        r#"<span class="visually-hidden">Done: </span>Done"#,
        r#"<img alt="A diagram" src="../assets/course/images/dot.svg">"#,
        r#"<a href="01-welcome.html">welcome</a>"#,
        "<code>{{ school }}</code> and {% raw %} literal",
        "<b>bold</b>",
    ] {
        assert!(body.contains(expected), "missing {expected} in\n{body}");
    }
    for bad in ["<script", "onclick", "alert("] {
        assert!(!body.contains(bad), "{bad} survived");
    }
    let welcome = main_html(&t.read("public/modules/01-welcome.html"));
    assert!(
        welcome.contains(r##"href="02-features.html#a-table""##),
        "{welcome}"
    );
    assert!(welcome.contains(r##"href="#limits""##));
    assert_eq!(
        t.read("public/assets/course/images/dot.svg"),
        t.read("course/images/dot.svg")
    );
}

#[test]
fn facilitator_content_never_reaches_the_mentor_site() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    for file in t.files("public") {
        let text = t.read(&format!("public/{file}"));
        assert!(!text.contains("FACILITATOR-SECRET-NOTE"), "{file}");
        assert!(!text.contains("TRAINER-ONLY-MODULE"), "{file}");
        assert!(!text.contains("Trainer Only"), "{file}");
    }
    let run = t.run(&["build", "--edition", "facilitator"]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("(facilitator edition) into facilitator/"),
        "{}",
        run.stdout
    );
    let welcome = t.read("facilitator/modules/01-welcome.html");
    assert!(
        welcome.contains(
            "FACILITATOR-SECRET-NOTE: run this for 10 minutes at Fixture &lt;School&gt;."
        )
    );
    assert!(welcome.contains(r#"<a href="03-trainer-only.html">trainer module</a>"#));
    assert!(
        t.read("facilitator/modules/03-trainer-only.html")
            .contains("TRAINER-ONLY-MODULE")
    );
    assert!(t.read("facilitator/index.html").contains("Trainer Only"));
}

#[test]
fn the_bundled_course_builds_both_editions_cleanly() {
    let t = CourseTest::bundled();
    let check = t.run(&["check", "--deny-warnings"]);
    check.expect_code(0);
    assert!(
        check.stderr.contains("No problems found"),
        "{}",
        check.stderr
    );
    t.run(&["build", "--deny-warnings"]).expect_code(0);
    t.run(&["build", "--edition", "facilitator", "--deny-warnings"])
        .expect_code(0);
    let pages = t
        .files("public")
        .iter()
        .filter(|f| f.starts_with("modules/"))
        .count();
    assert!(pages >= 7, "only {pages} module pages");
    for file in t.files("public").iter().filter(|f| f.ends_with(".html")) {
        let text = t.read(&format!("public/{file}"));
        assert!(
            !text.contains("facilitator-note"),
            "facilitator note in mentor {file}"
        );
    }
    let notes: usize = t
        .files("facilitator")
        .iter()
        .map(|f| {
            t.read(&format!("facilitator/{f}"))
                .matches("class=\"facilitator-note\"")
                .count()
        })
        .sum();
    assert!(notes > 0);
}

#[test]
fn ui_strings_and_theme_files_can_be_overridden() {
    let t = CourseTest::fixture("minimal");
    t.edit(
        "course/course.yaml",
        "competencies:",
        "ui:\n  next: Suivant\n  previous: Précédent\ncompetencies:",
    );
    t.write(
        "themes/default/module.html",
        "{% extends \"default/module.html\" %}{% block title %}OVERRIDDEN {{ module.title }}{% endblock %}",
    );
    t.write("themes/default/assets/style.css", "body { color: red }");
    t.write("themes/default/assets/extra.js", "// extra");
    t.run(&["build"]).expect_code(0);
    let page = t.read("public/modules/01-welcome.html");
    assert_eq!(select_text(&page, "title"), ["OVERRIDDEN Welcome"]);
    assert!(select_text(&page, ".pager-label").contains(&"Suivant".to_owned()));
    assert_eq!(t.read("public/assets/style.css"), "body { color: red }");
    assert!(t.exists("public/assets/extra.js"));
}

#[test]
fn yaml_values_are_escaped_in_templates() {
    let t = CourseTest::fixture("minimal");
    t.edit(
        "course/course.yaml",
        "title: Test Course",
        "title: \"<script>alert(1)</script> Course\"",
    );
    t.edit(
        "course/01-welcome.md",
        "title: Welcome",
        "title: \"<img src=x onerror=alert(1)>\"",
    );
    t.run(&["build"]).expect_code(0);
    for file in ["public/index.html", "public/modules/01-welcome.html"] {
        let html = t.read(file);
        assert!(!html.contains("<script>alert"), "{file}");
        assert!(!html.contains("<img src=x"), "{file}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Course"),
            "{file}"
        );
    }
}

#[test]
fn long_courses_show_a_window_of_the_contents() {
    let t = CourseTest::fixture("minimal");
    let mut list = String::from("modules:\n");
    for i in 1..=60 {
        list.push_str(&format!("  - m{i:02}.md\n"));
        t.write(
            &format!("course/m{i:02}.md"),
            format!("---\ntitle: Module {i}\n---\nText {i}.\n"),
        );
    }
    t.set_modules(&list);
    for f in ["01-welcome.md", "02-features.md", "03-trainer-only.md"] {
        std::fs::remove_file(t.path().join("course").join(f)).unwrap();
    }
    std::fs::remove_dir_all(t.path().join("scenarios")).unwrap();
    t.run(&["build"]).expect_code(0);
    let page = t.read("public/modules/m30.html");
    let items = select_text(&page, ".contents li");
    assert_eq!(items.len(), 11);
    assert_eq!(items.first().unwrap(), "Module 25");
    assert_eq!(items.last().unwrap(), "Module 35");
    assert_eq!(
        select_attr(&page, ".contents-note a", "href"),
        ["../index.html#modules"]
    );
    let first = select_text(&t.read("public/modules/m01.html"), ".contents li");
    assert_eq!(first.len(), 6);
}

#[test]
fn works_from_any_folder_outside_the_repository() {
    let t = CourseTest::fixture("minimal");
    let elsewhere = tempfile::tempdir().unwrap();
    let project = t.path().to_str().unwrap().to_owned();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_peerprep"))
        .args(["build", &project, "--out", "site", "--quiet"])
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.is_empty(),
        "--quiet printed {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(elsewhere.path().join("site/index.html").is_file());
}

#[test]
fn quizzes_and_reflections_work_without_javascript() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    let page = t.read("public/modules/01-welcome.html");
    assert_eq!(
        select_text(&page, "form.quiz fieldset legend"),
        ["Question 1", "Question 2", "Question 3", "Question 4"]
    );
    assert_eq!(
        select_attr(&page, "input[name=welcome-secret]", "type"),
        ["radio", "radio"]
    );
    assert_eq!(
        select_attr(&page, "input[name=welcome-tell]", "type"),
        ["checkbox", "checkbox", "checkbox"]
    );
    assert_eq!(select_text(&page, "label[for=q-welcome-999-0]"), ["True"]);
    assert_eq!(
        select_text(&page, "label[for=q-welcome-dsl-answer]"),
        ["Your answer"]
    );
    // Without JavaScript each answer and explanation can be revealed.
    let answers = select_text(&page, "details.answer");
    assert_eq!(answers.len(), 4);
    assert!(
        answers[0].starts_with("Show the answer The answer:I can't promise, but I will listen."),
        "{}",
        answers[0]
    );
    assert!(
        answers[0].contains("explain the limits at Fixture <School>."),
        "{}",
        answers[0]
    );
    assert!(answers[3].contains("Ms Lead"));
    // The check buttons need JavaScript, so they start hidden.
    assert_eq!(select_attr(&page, ".quiz-actions", "hidden"), [""]);
    let features = t.read("public/modules/02-features.html");
    assert_eq!(
        select_text(&features, ".reflection label .reflection-prompt"),
        ["What would you say first?", "What will you do differently?"]
    );
    // Each box is labelled, under its prompt (issue 16).
    assert_eq!(
        select_text(&features, ".reflection label .reflection-label"),
        ["Your reflection", "Your reflection"]
    );
    assert_eq!(
        select_attr(&features, ".reflection textarea", "data-reflection"),
        ["02-features-1", "features-own"]
    );
    let progress = t.read("public/progress.html");
    assert!(select_text(&progress, "[data-needs-js]")[0].contains("needs JavaScript"));
    let data: serde_json::Value =
        serde_json::from_str(&select_text(&progress, "#course-data")[0]).unwrap();
    assert_eq!(data["questions"].as_array().unwrap().len(), 4);
    assert_eq!(data["reflections"][1]["id"], "features-own");
    assert_eq!(data["scenarios"][0]["endings"].as_array().unwrap().len(), 3);
    let certificate = t.read("public/certificate.html");
    assert_eq!(
        select_text(&certificate, ".certificate-course"),
        ["Test Course"]
    );
}

#[test]
fn the_search_index_holds_the_edition_s_text_and_nothing_more() {
    let t = CourseTest::fixture("minimal");
    let run = t.run(&["build"]);
    run.expect_code(0);
    assert!(run.stdout.contains("; search index "), "{}", run.stdout);
    let index = t.search_index("public");
    let script = t.read("public/assets/search-index.js");
    let pages: Vec<&str> = index["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|p| p[1].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        pages,
        [
            "modules/01-welcome.html",
            "modules/02-features.html",
            "scenarios/promise/index.html"
        ]
    );
    assert_eq!(index["v"], 3);
    let welcome = index["pages"][0][2]
        .as_array()
        .expect("rows of the first page");
    let limits = welcome
        .iter()
        .find(|s| s[0] == "Limits")
        .expect("the Limits heading of the first page is indexed");
    assert_eq!(limits[1], "limits");
    assert!(limits[3].as_str().unwrap_or("").contains("features"));
    for secret in [
        "FACILITATOR-SECRET-NOTE",
        "facilitator-secret-note",
        "TRAINER-ONLY-MODULE",
        "trainer-only-module",
        "SCENARIO-FACILITATOR-NOTE",
        "Trainer Only",
    ] {
        assert!(!script.contains(secret), "the mentor index holds {secret}");
    }
    // Quiz answers and feedback are not searched.
    assert!(!script.contains("You might have to break that promise"));
    let search = t.read("public/search.html");
    assert_eq!(
        select_attr(&search, ".search-index a", "href")[..2],
        ["modules/01-welcome.html", "modules/01-welcome.html#limits"]
    );
    t.run(&["build", "--edition", "facilitator"]).expect_code(0);
    let trainer = t.read("facilitator/assets/search-index.js");
    assert!(
        trainer.contains("TRAINER-ONLY-MODULE"),
        "the facilitator index has the trainer module"
    );
}
