//! Matching and ordering questions and `pool:` (issue 19), seen from the built
//! outputs: the module page (a form that works without JavaScript), the
//! workbook, the answer key, the Moodle XML and GIFT exports, and the errors
//! a bad block gets, each at its line.

use crate::common::{CourseTest, select_attr, select_text};

/// A module with a pooled quiz of a matching, an ordering and a true/false
/// question, added to the minimal fixture (also used by the browser test).
pub(crate) const MODULE: &str = "---
title: Question types
summary: Matching and ordering.
duration: 10
outcomes: [Match and order]
competencies: [listening]
---
## Check

```quiz
pool: 2
questions:
  - id: qt-match
    type: matching
    prompt: Who do you go to?
    competency: listening
    pairs:
      - prompt: Someone is at risk of harm
        answer: \"{{ dsl }}, straight away\"
        feedback: FEEDBACK-RISK
      - prompt: You feel upset after a session
        answer: Your supervisor
      - prompt: Someone is in danger now
        answer: Call 999
    distractors:
      - Another mentor
    explanation: EXPLANATION-MATCH
  - id: qt-order
    type: ordering
    prompt: Put the steps in order.
    competency: listening
    steps:
      - Listen calmly
      - text: Tell {{ dsl }} straight away
        feedback: FEEDBACK-TELL
      - Write down their words
      - Ask for a debrief
  - id: qt-true
    type: truefalse
    prompt: You call 999 in an emergency.
    competency: listening
    answer: true
```
";

/// The minimal fixture with [`MODULE`] as its fourth module.
pub(crate) fn question_course() -> CourseTest {
    let t = CourseTest::fixture("minimal");
    t.set_modules(
        "modules:\n  - 01-welcome.md\n  - 02-features.md\n  - 03-trainer-only.md\n  - 04-question-types.md\n",
    );
    t.write("course/04-question-types.md", MODULE);
    t
}

#[test]
fn the_page_has_a_form_for_each_new_kind_and_a_pool_issue_19() {
    let t = question_course();
    t.run(&["build", "--deny-warnings", "--quiet"])
        .expect_code(0);
    let page = t.read("public/modules/04-question-types.html");
    assert_eq!(select_attr(&page, "form.quiz", "data-pool"), ["2"]);
    assert_eq!(
        select_text(&page, ".quiz-pool"),
        ["2 questions drawn from 3. Try again for a different set."]
    );
    assert_eq!(select_attr(&page, ".quiz-pool", "hidden"), [""]);
    // Matching: a labelled menu per prompt, every answer in each, variables filled in.
    assert_eq!(
        select_text(&page, ".match-pair label"),
        [
            "Someone is at risk of harm",
            "You feel upset after a session",
            "Someone is in danger now"
        ]
    );
    let options = select_text(&page, "#q-qt-match-0 option");
    assert_eq!(options.len(), 5, "{options:?}");
    assert_eq!(options[0], "Choose an answer");
    for answer in [
        "Ms Lead, straight away",
        "Your supervisor",
        "Call 999",
        "Another mentor",
    ] {
        assert!(options.contains(&answer.to_owned()), "{options:?}");
    }
    // Each pair's data-answer is the place of its own answer in the menu.
    let answers = select_attr(&page, ".match-pair", "data-answer");
    let first: usize = answers[0].parse().unwrap();
    assert_eq!(options[first + 1], "Ms Lead, straight away");
    // Ordering: steps shown in a stable order that is not the answer, each with a
    // labelled position menu (no JS) and buttons naming the step (hidden until JS).
    let steps = select_text(&page, ".order-step .step-text");
    assert_eq!(steps.len(), 4);
    let positions = select_attr(&page, ".order-step", "data-position");
    assert_ne!(positions, ["1", "2", "3", "4"]);
    assert!(
        select_attr(&page, ".step-place select", "aria-label")
            .contains(&"Position: Tell Ms Lead straight away".to_owned())
    );
    assert!(
        select_attr(&page, ".step-moves button", "aria-label")
            .contains(&"Move down: Listen calmly".to_owned())
    );
    assert_eq!(select_attr(&page, ".step-moves", "hidden").len(), 4);
    // The reveal, without JS: the pairs, the right order and the feedback.
    let reveal = select_text(
        &page,
        "[data-question=qt-order] details.answer ol.right-order li",
    );
    assert_eq!(reveal[0], "Listen calmly");
    assert!(
        reveal[1].starts_with("Tell Ms Lead straight away"),
        "{reveal:?}"
    );
    assert!(page.contains("FEEDBACK-TELL"));
    assert_eq!(
        select_text(&page, "[data-question=qt-match] .right-pairs li")[0],
        "Someone is at risk of harm → Ms Lead, straight away"
    );
    // A rebuild draws the same shown order.
    t.run(&["build", "--quiet", "--out", "again"])
        .expect_code(0);
    let again = t.read("again/modules/04-question-types.html");
    assert_eq!(select_text(&again, ".order-step .step-text"), steps);
    assert_eq!(select_text(&again, "#q-qt-match-0 option"), options);
}

#[test]
fn the_workbook_and_the_answer_key_show_every_question_issue_19() {
    let t = question_course();
    t.run(&["build", "--edition", "facilitator", "--quiet"])
        .expect_code(0);
    let workbook = t.read("facilitator/workbook.html");
    // Every question of the pool, on paper: boxes for letters and numbers, no answers.
    assert_eq!(
        select_text(&workbook, ".match-choices .letter"),
        ["A", "B", "C", "D"]
    );
    assert_eq!(select_text(&workbook, ".match-prompts .write-box").len(), 3);
    assert_eq!(select_text(&workbook, ".order-print li").len(), 4);
    assert!(workbook.contains("You call 999 in an emergency."));
    for answer in ["FEEDBACK-TELL", "EXPLANATION-MATCH", "<select"] {
        assert!(!workbook.contains(answer), "{answer} in the workbook");
    }
    let key = t.read("facilitator/trainer/answers.html");
    let pairs = select_text(&key, "#key-qt-match .key-answers li");
    assert!(
        pairs[0].starts_with("Someone is at risk of harm → Ms Lead, straight away ("),
        "{pairs:?}"
    );
    assert!(pairs[0].contains("FEEDBACK-RISK"), "{pairs:?}");
    assert_eq!(
        select_text(&key, "#key-qt-match .key-distractors li")[0]
            .split(" (")
            .next(),
        Some("Another mentor")
    );
    let order: Vec<String> = select_text(&key, "#key-qt-order .key-answers li");
    assert_eq!(order[0], "Listen calmly");
    assert!(order[1].starts_with("Tell Ms Lead straight away"));
    assert_eq!(order[3], "Ask for a debrief");
}

#[test]
fn moodle_xml_holds_matching_and_ordering_questions_issue_19() {
    let t = question_course();
    let run = t.run(&["package", "--format", "moodle-xml"]);
    run.expect_code(0);
    // The pair's feedback cannot go to Moodle: said, at the question's id.
    assert!(
        run.stderr
            .contains("warning[W017]: question \"qt-match\" has feedback for its pairs"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("course/04-question-types.md:13:"),
        "{}",
        run.stderr
    );
    let xml = t.read("package/test-course-questions.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let question = |kind: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name("question") && n.attribute("type") == Some(kind))
            .unwrap_or_else(|| panic!("no {kind} question: {xml}"))
    };
    let text = |n: roxmltree::Node<'_, '_>, tag: &str| -> Vec<String> {
        n.children()
            .filter(|c| c.has_tag_name(tag))
            .map(|c| {
                c.descendants()
                    .find(|d| d.has_tag_name("text"))
                    .and_then(|d| d.text())
                    .unwrap_or("")
                    .to_owned()
            })
            .collect()
    };
    let matching = question("matching");
    assert_eq!(
        text(matching, "subquestion"),
        [
            "Someone is at risk of harm",
            "You feel upset after a session",
            "Someone is in danger now",
            ""
        ]
    );
    let answers: Vec<String> = matching
        .children()
        .filter(|c| c.has_tag_name("subquestion"))
        .map(|s| {
            s.descendants()
                .filter(|d| d.has_tag_name("text"))
                .nth(1)
                .and_then(|d| d.text())
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(
        answers,
        [
            "Ms Lead, straight away",
            "Your supervisor",
            "Call 999",
            "Another mentor"
        ]
    );
    let ordering = question("ordering");
    assert_eq!(
        text(ordering, "answer"),
        [
            "Listen calmly",
            "Tell Ms Lead straight away",
            "Write down their words",
            "Ask for a debrief"
        ]
    );
    let fractions: Vec<&str> = ordering
        .children()
        .filter(|c| c.has_tag_name("answer"))
        .filter_map(|a| a.attribute("fraction"))
        .collect();
    assert_eq!(fractions, ["1", "2", "3", "4"]);
    assert_eq!(text(ordering, "gradingtype").len(), 1);
    assert!(xml.contains("<gradingtype>ALL_OR_NOTHING</gradingtype>"));
    assert!(xml.contains("<selecttype>ALL</selecttype>"));
    assert!(
        xml.contains("FEEDBACK-TELL"),
        "the step's feedback goes with it"
    );
}

#[test]
fn gift_holds_matching_and_leaves_ordering_out_with_w017_issue_19() {
    let t = question_course();
    let run = t.run(&["package", "--format", "gift"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[W017]: question \"qt-order\" is an `ordering` question, which GIFT cannot hold: it is left out of the GIFT file"),
        "{}",
        run.stderr
    );
    let gift = t.read("package/test-course-questions.gift.txt");
    assert!(
        gift.contains("::qt-match::[html]<p>Who do you go to?</p>{\n=Someone is at risk of harm -> Ms Lead, straight away\n=You feel upset after a session -> Your supervisor\n=Someone is in danger now -> Call 999\n= -> Another mentor\n####<p>EXPLANATION-MATCH</p>\n}"),
        "{gift}"
    );
    assert!(!gift.contains("qt-order"), "{gift}");
    // Another GIFT reader (gift-pegjs) reads the same pairs, the distractor with no prompt.
    if let Some(parsed) =
        crate::package::gift_pegjs(&t.path().join("package/test-course-questions.gift.txt"))
    {
        let matching = parsed
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["title"] == "qt-match")
            .expect("gift-pegjs reads the matching question");
        assert_eq!(matching["type"], "Matching");
        assert_eq!(
            matching["pairs"],
            serde_json::json!([
                ["Someone is at risk of harm", "Ms Lead, straight away"],
                ["You feel upset after a session", "Your supervisor"],
                ["Someone is in danger now", "Call 999"],
                ["", "Another mentor"]
            ])
        );
    }
    // --deny-warnings makes the left-out question a failure.
    t.run(&["package", "--format", "gift", "--deny-warnings", "--quiet"])
        .expect_code(1);
}

#[test]
fn bad_items_and_pools_are_located_errors_issue_19() {
    let t = question_course();
    t.edit("course/04-question-types.md", "pool: 2", "pool: 4");
    t.edit(
        "course/04-question-types.md",
        "      - Ask for a debrief\n",
        "      - listen  calmly\n",
    );
    t.edit(
        "course/04-question-types.md",
        "      - prompt: Someone is in danger now\n        answer: Call 999\n",
        "      - answer: Call 999\n",
    );
    let run = t.run(&["check"]);
    run.expect_code(1);
    for expected in [
        "error[E025]: `pool: 4` draws 4 questions, but this quiz has 3\n  --> course/04-question-types.md:11:7",
        "error[E025]: question \"qt-match\": the answer \"Call 999\" is never used (it has no `prompt`)\n  --> course/04-question-types.md:23:17",
        "error[E025]: question \"qt-order\" has the step \"listen  calmly\" twice\n  --> course/04-question-types.md:36:9",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected}\n---\n{}",
            run.stderr
        );
    }
}
