//! The cohort report a teacher reads (issue 16): questions and endings in words, a row per learner
//! (a name only where the learner put it in their file), who has not finished and what is missing,
//! no "0% (0/0)", blank quiz answers not counted, and export files read whatever their names.

use crate::common::{CourseTest, select_text};
use crate::report::{cells, export_with, exports};

/// Everything a learner of the fixture can do: both modules, every question, an ending.
const EVERYTHING: &str = r#""complete":{"01-welcome":"2026-11-01T10:00:00Z","02-features":"2026-11-01T11:00:00Z"},"quiz":{"welcome-secret":{"correct":true,"answered":true},"welcome-tell":{"correct":true,"answered":true},"welcome-999":{"correct":false,"answered":true},"welcome-dsl":{"correct":true,"answered":true}},"scenarios":{"promise":["mixed-end"]}"#;

/// Runs `peerprep report FILES` in `t` and returns the page.
fn report(t: &CourseTest, files: &[&str]) -> String {
    let mut args = vec!["report"];
    args.extend(files);
    let run = t.run(&args);
    run.expect_code(0);
    t.read("report/index.html")
}

/// The rows of the tables matching `selector` (`tr`s), each cell's text joined by " | ".
fn rows(html: &str, selector: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let cell = scraper::Selector::parse("th, td").unwrap();
    doc.select(&scraper::Selector::parse(selector).unwrap())
        .map(|tr| {
            tr.select(&cell)
                .map(|c| {
                    c.text()
                        .collect::<String>()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

/// The list of who has not finished: each learner, then what is missing, `; ` between.
fn missing(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let item = scraper::Selector::parse("#r-not-finished ~ .report-missing > li").unwrap();
    let (who, what) = (
        scraper::Selector::parse("strong").unwrap(),
        scraper::Selector::parse("li").unwrap(),
    );
    let text = |e: scraper::ElementRef<'_>| e.text().collect::<String>().trim().to_owned();
    doc.select(&item)
        .map(|li| {
            let name = li.select(&who).map(text).collect::<String>();
            let missing: Vec<String> = li.select(&what).map(text).collect();
            format!("{name}: {}", missing.join("; "))
        })
        .collect()
}

/// A CSV file of the report as rows of cells, the header first.
fn csv(t: &CourseTest, name: &str) -> Vec<Vec<String>> {
    cells(&t.read(&format!("report/{name}")))
}

#[test]
fn questions_and_endings_are_named_in_words_issue_16() {
    let t = CourseTest::fixture("minimal");
    let files = exports(&["alex.json", "sam.json"]);
    let html = report(&t, &[&files[0], &files[1]]);
    assert_eq!(
        select_text(&html, "#r-questions + table tbody th"),
        [
            "A mentee asks you to promise not to tell. What do you say?",
            "Who can you tell about a worry?",
            "In immediate danger you call 999.",
            "Who is the Designated Safeguarding Lead?",
        ]
    );
    assert_eq!(
        rows(&html, "#r-endings ~ details table tbody tr"),
        [
            "Promise you won't tell",
            "Sam is getting help. | Good practice ending | 2 of 2 (100%)",
            "Sam got help, but felt questioned. | Mixed ending | 0 of 2 (0%)",
            "Nobody who could help knew. | Poor practice ending | 1 of 2 (50%)",
        ]
    );
    assert_eq!(
        select_text(&html, "#r-endings ~ .report-chart-grid h3"),
        ["Promise you won't tell"]
    );
    let chart = select_text(&html, "#r-endings ~ .report-chart-grid text").join(" ");
    assert!(
        chart.contains("Good practice ending: Sam is getting help."),
        "{chart}"
    );
    for id in ["welcome-secret", "good-end", "mixed-end", "bad-end"] {
        assert!(
            !select_text(&html, "main").join(" ").contains(id),
            "the page shows the id {id}"
        );
    }
}

#[test]
fn ids_the_course_no_longer_has_are_shown_as_ids_saying_so_issue_16() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "old.json",
        export_with(
            r#""quiz":{"welcome-old":{"correct":true},"<script>alert(1)</script>":{"correct":true}},"scenarios":{"promise":["good-end","old-end","old-end"],"gone-scenario":["end"],"Bad Id!":["x"]}"#,
        ),
    );
    let html = report(&t, &["old.json"]);
    let questions = rows(&html, "#r-questions + table tbody tr");
    assert_eq!(
        questions.last().map(String::as_str),
        Some("welcome-old (no longer in the course) |  | 1 of 1 (100%)"),
        "{questions:?}"
    );
    // A gone ending of a scenario the course has is listed with that scenario's own.
    let endings = rows(&html, "#r-endings ~ details table tbody tr");
    assert_eq!(
        endings[4..],
        [
            "old-end (no longer in the course) |  | 1 of 1 (100%)",
            "gone-scenario (no longer in the course)",
            "end (no longer in the course) |  | 1 of 1 (100%)",
        ],
        "{endings:?}"
    );
    // Ids that no course could have are not shown at all.
    assert!(
        !html.contains("alert(1)") && !html.contains("Bad Id"),
        "{html}"
    );
    let questions = csv(&t, "questions.csv");
    assert_eq!(
        questions.last().unwrap(),
        &[
            "welcome-old",
            "welcome-old (no longer in the course)",
            "",
            "1",
            "1",
            "100"
        ]
    );
}

#[test]
fn a_row_per_learner_with_a_name_only_where_they_gave_it_issue_16() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "b-named.json",
        export_with(&format!(r#""name":"Amira <b>Khan</b>\u202e",{EVERYTHING}"#)),
    );
    t.write(
        "a-nameless.json",
        export_with(r#""complete":{"01-welcome":true}"#),
    );
    t.write("c-blank-name.json", export_with(r#""name":"  \t ""#));
    let html = report(
        &t,
        &["c-blank-name.json", "b-named.json", "a-nameless.json"],
    );
    assert_eq!(
        rows(&html, "#r-people ~ table tbody tr"),
        [
            "Learner 1File: a-nameless.json | 1 of 2 | not answered yet | 0 0 of 1 scenarios played",
            "Amira <b>Khan</b> ✔FinishedFile: b-named.json | 2 of 2 | 3 of 4 right | 1 1 of 1 scenarios played",
            "Learner 3File: c-blank-name.json | 0 of 2 | not answered yet | 0 0 of 1 scenarios played",
        ]
    );
    // The name is text, isolated from the page's direction, and its controls are gone.
    assert!(
        html.contains("<bdi>Amira &lt;b&gt;Khan&lt;&#x2f;b&gt;</bdi>")
            || html.contains("<bdi>Amira &lt;b&gt;Khan&lt;/b&gt;</bdi>"),
        "{html}"
    );
    assert!(!html.contains('\u{202e}'));
    let first = t.read("report/learners.csv");
    assert_eq!(
        csv(&t, "learners.csv")[0],
        [
            "learner",
            "file",
            "modules_done",
            "modules",
            "right",
            "answered",
            "questions",
            "endings_found",
            "scenarios_played",
            "scenarios",
            "finished",
            "modules_not_done",
            "questions_not_answered",
            "scenarios_not_played",
        ]
    );
    assert_eq!(
        csv(&t, "learners.csv")[2],
        [
            "Amira <b>Khan</b>",
            "b-named.json",
            "2",
            "2",
            "3",
            "4",
            "4",
            "1",
            "1",
            "1",
            "yes",
            "",
            "0",
            ""
        ]
    );
    // The same files in another order give the same labels.
    report(
        &t,
        &["a-nameless.json", "b-named.json", "c-blank-name.json"],
    );
    assert_eq!(t.read("report/learners.csv"), first);
    // Anonymous: no names and no file names, anywhere.
    let mut args = vec!["report", "--anonymous", "--out", "anon"];
    args.extend(["a-nameless.json", "b-named.json", "c-blank-name.json"]);
    t.run(&args).expect_code(0);
    let anon = t.read("anon/index.html");
    assert!(!anon.contains("Amira") && !anon.contains(".json"), "{anon}");
    assert_eq!(
        select_text(&anon, "#r-people ~ table tbody th"),
        ["Learner 1", "Learner 2 ✔Finished", "Learner 3"]
    );
    let rows = cells(&t.read("anon/learners.csv"));
    assert_eq!(rows[0][..2], ["learner", "modules_done"]);
    assert!(rows.iter().all(|r| !r.join(",").contains("Amira")));
}

#[test]
fn who_has_not_finished_is_listed_with_what_is_missing_issue_16() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "done.json",
        export_with(&format!(r#""name":"Done",{EVERYTHING}"#)),
    );
    let files = exports(&["alex.json", "sam.json"]);
    let html = report(&t, &[&files[0], &files[1], "done.json"]);
    assert!(
        select_text(&html, ".report-stats div")[1] == "Finished 1 of 3",
        "{:?}",
        select_text(&html, ".report-stats div")
    );
    assert_eq!(
        missing(&html),
        [
            "Alex Example: Modules not marked complete: Features; Quiz questions not answered: 1 (in Welcome)",
            "Sam Sample: Quiz questions not answered: 2 (in Welcome)",
        ]
    );
    t.write("fresh.json", export_with(""));
    let html = report(&t, &["fresh.json"]);
    assert_eq!(
        missing(&html),
        [
            "Learner 1: Modules not marked complete: Welcome, Features; Quiz questions not answered: 4 (in Welcome); Scenarios not played: Promise you won't tell"
        ]
    );
    let html = report(&t, &["done.json"]);
    assert_eq!(
        select_text(&html, ".report-all-finished"),
        ["Everyone has finished."]
    );
    assert_eq!(csv(&t, "learners.csv")[1][10], "yes");
}

#[test]
fn nothing_to_count_is_said_in_words_not_as_zero_of_zero_issue_16() {
    let t = CourseTest::fixture("minimal");
    // Nobody answered a boundaries question.
    t.write(
        "one.json",
        export_with(r#""quiz":{"welcome-secret":{"correct":true,"answered":true}}"#),
    );
    let html = report(&t, &["one.json"]);
    let page = select_text(&html, "main").join(" ");
    for zero in ["0/0", "0 / 0", "0 of 0"] {
        assert!(!page.contains(zero), "the page says {zero}: {page}");
    }
    assert_eq!(
        rows(&html, "#r-competencies ~ table tbody tr"),
        [
            "Active listening | 1 of 1 (100%)",
            "Boundaries | not practised yet"
        ]
    );
    assert!(
        select_text(&html, "#r-competencies ~ .chart-box text")
            .contains(&"not practised yet".to_owned())
    );
    assert_eq!(
        csv(&t, "competencies.csv")[2],
        ["boundaries", "Boundaries", "0", "0", ""]
    );
}

#[test]
fn blank_answers_are_not_counted_even_from_older_files_issue_16() {
    let t = CourseTest::fixture("minimal");
    // A one-question quiz in the second module: one wrong answer cannot be told from a blank.
    let features = t.read("course/02-features.md");
    t.write(
        "course/02-features.md",
        format!("{features}\n```quiz\n- id: features-one\n  type: truefalse\n  prompt: One question.\n  answer: true\n```\n"),
    );
    let wrong = |id: &str, at: &str| format!(r#""{id}":{{"correct":false,"answered_at":"{at}"}}"#);
    let at = "2026-11-20T10:00:00.123Z";
    // An older file: the welcome quiz checked with nothing filled in (every question wrong in the
    // same second), and the one-question quiz answered wrong.
    let blank_quiz = [
        "welcome-secret",
        "welcome-tell",
        "welcome-999",
        "welcome-dsl",
    ]
    .map(|id| {
        wrong(
            id,
            if id == "welcome-dsl" {
                "2026-11-20T10:00:00.130Z"
            } else {
                at
            },
        )
    })
    .join(",");
    t.write(
        "older.json",
        export_with(&format!(
            r#""quiz":{{{blank_quiz},{}}}"#,
            wrong("features-one", at)
        )),
    );
    // An older file with real answers: one right, so its wrong ones are answers.
    t.write(
        "older-answered.json",
        export_with(&format!(
            r#""quiz":{{"welcome-secret":{{"correct":true,"answered_at":"{at}"}},{},{},{}}}"#,
            wrong("welcome-tell", at),
            wrong("welcome-999", at),
            wrong("welcome-dsl", at)
        )),
    );
    // A new file: every answer marked, all wrong, and one written as not answered.
    t.write(
        "newer.json",
        export_with(
            r#""quiz":{"welcome-secret":{"correct":false,"answered":true},"welcome-tell":{"correct":false,"answered":true},"welcome-999":{"correct":false,"answered":true},"welcome-dsl":{"correct":false,"answered":false}}"#,
        ),
    );
    let html = report(&t, &["older.json", "older-answered.json", "newer.json"]);
    let questions = csv(&t, "questions.csv");
    let answered: Vec<(&str, &str, &str)> = questions[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[3].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        answered,
        [
            ("welcome-secret", "1", "2"),
            ("welcome-tell", "0", "2"),
            ("welcome-999", "0", "2"),
            ("welcome-dsl", "0", "1"),
            ("features-one", "0", "1"),
        ]
    );
    assert_eq!(
        select_text(&html, ".report-note"),
        [
            "4 quiz results from older progress files are not counted: in each quiz they belong to, every question was recorded wrong at the same moment, which is what checking a quiz with nothing filled in recorded before."
        ]
    );
    let learners = csv(&t, "learners.csv");
    assert_eq!(
        (learners[3][0].as_str(), learners[3][5].as_str()),
        ("Learner 3", "1"),
        "older.json: only the one-question quiz counts as answered"
    );
}

#[test]
fn export_files_are_read_whatever_their_names_old_or_new_issue_16() {
    let t = CourseTest::fixture("minimal");
    for name in [
        "progress-test-course.json",
        "progress-test-course-2026-12-03.json",
        "progress-test-course-2026-12-03-amira-khan.json",
        "progress-test-course-2026-12-03-zoë-o-brien (1).json",
    ] {
        t.write(
            &format!("drive/{name}"),
            export_with(r#""complete":{"01-welcome":true}"#),
        );
    }
    let mut files: Vec<String> = std::fs::read_dir(t.path().join("drive"))
        .unwrap()
        .map(|e| format!("drive/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let html = report(&t, &files);
    assert_eq!(
        select_text(&html, ".report-stats div")[0],
        "Progress files 4"
    );
    assert_eq!(
        select_text(&html, "#r-people ~ table tbody .report-file"),
        [
            "File: progress-test-course-2026-12-03-amira-khan.json",
            "File: progress-test-course-2026-12-03-zoë-o-brien (1).json",
            "File: progress-test-course-2026-12-03.json",
            "File: progress-test-course.json",
        ]
    );
}

#[test]
fn a_hostile_file_name_is_shown_without_its_controls_issue_16() {
    let t = CourseTest::fixture("minimal");
    let evil = "a\u{202e}nosj.exe\u{1b}[2J<i>.json";
    t.write(evil, export_with(""));
    let html = report(&t, &[evil]);
    assert_eq!(
        select_text(&html, ".report-file bdi"),
        ["anosj.exe[2J<i>.json"]
    );
    assert!(!html.contains('\u{202e}') && !html.contains('\u{1b}') && !html.contains("<i>"));
    assert_eq!(csv(&t, "learners.csv")[1][1], "anosj.exe[2J<i>.json");
}
