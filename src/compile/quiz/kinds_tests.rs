//! Matching and ordering questions and `pool:` (issue 19): parsing, every
//! rule with the message and line a user sees, and what the partials draw.

use super::tests::{check, partial};
use super::*;

/// A quiz's YAML line `n` is line `n + 4` of the module file `check` makes.
const LINE: usize = 4;

const MATCHING: &str = "\
- id: who
  type: matching
  prompt: Who do you tell?
  competency: listening
  pairs:
    - prompt: Someone is at risk of harm
      answer: The DSL, straight away
      feedback: FEEDBACK-DSL
    - prompt: You are upset after a hard session
      answer: Your supervisor, for a debrief
    - prompt: Someone is in danger now
      answer: Call 999
  distractors:
    - Another mentor, to ask what they think
  explanation: EXPLANATION
";

const ORDERING: &str = "\
- id: steps
  type: ordering
  prompt: Put these in order.
  competency: listening
  steps:
    - Listen calmly
    - text: Tell the DSL straight away
      feedback: FEEDBACK-TELL
    - Write down their words
    - Ask for a debrief
";

fn messages(d: &Diagnostics) -> Vec<(Code, usize, String)> {
    d.items()
        .iter()
        .map(|e| (e.code, e.line, e.message.clone()))
        .collect()
}

#[test]
fn matching_and_ordering_questions_parse_issue_19() {
    let (q, d) = check(&format!("{MATCHING}{ORDERING}"));
    assert!(d.is_empty(), "{}", d.render_human());
    let q = q.unwrap();
    assert_eq!(q.pool, None);
    let m = &q.questions[0];
    assert_eq!(m.kind, Kind::Matching);
    assert_eq!(m.pairs.len(), 3);
    assert_eq!(m.pairs[0].answer, "The DSL, straight away");
    assert_eq!(m.distractors, ["Another mentor, to ask what they think"]);
    let o = &q.questions[1];
    assert_eq!(
        o.steps.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
        [
            "Listen calmly",
            "Tell the DSL straight away",
            "Write down their words",
            "Ask for a debrief"
        ]
    );
    // A step's feedback keeps its place in the file (for its links' checks).
    let feedback = o.steps[1].feedback.as_ref().unwrap();
    assert_eq!(feedback.value, "FEEDBACK-TELL");
    assert_eq!(feedback.referenced.line() as usize + LINE, 15 + 8 + LINE);
}

#[test]
fn the_views_shuffle_stably_and_point_at_the_right_answers_issue_19() {
    let (q, _) = check(&format!("{MATCHING}{ORDERING}"));
    let q = q.unwrap();
    let source = SourceFile::new("course/m.md", "x");
    let views = |q: &Quiz| {
        super::tests::with_context(|ctx| view(q, &source, ctx))
            .0
            .into_iter()
            .map(|v| serde_json::to_value(v).unwrap())
            .collect::<Vec<_>>()
    };
    let (first, again) = (views(&q), views(&q));
    assert_eq!(first, again, "the same order every build");
    let m = &first[0];
    let choices = m["choices"].as_array().unwrap();
    assert_eq!(choices.len(), 4);
    assert_eq!(
        choices
            .iter()
            .map(|c| c["letter"].as_str().unwrap())
            .collect::<String>(),
        "ABCD"
    );
    for pair in m["pairs"].as_array().unwrap() {
        let choice = &choices[pair["choice"].as_u64().unwrap() as usize];
        assert_eq!(choice["text"], pair["answer"]);
        assert_eq!(choice["letter"], pair["letter"]);
        assert_eq!(choice["distractor"], false);
    }
    assert_eq!(
        choices.iter().filter(|c| c["distractor"] == true).count(),
        1
    );
    assert_eq!(m["pairs"][0]["feedback"], "<p>FEEDBACK-DSL</p>\n");
    let steps = first[1]["steps"].as_array().unwrap();
    let positions: Vec<u64> = steps
        .iter()
        .map(|s| s["position"].as_u64().unwrap())
        .collect();
    assert_ne!(positions, [1, 2, 3, 4], "shown in the right order");
    let mut sorted = positions.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [1, 2, 3, 4]);
    let tell = steps.iter().find(|s| s["position"] == 2).unwrap();
    assert_eq!(tell["text"], "Tell the DSL straight away");
    assert_eq!(tell["feedback"], "<p>FEEDBACK-TELL</p>\n");
}

#[test]
fn fewer_than_two_items_is_an_error_at_the_question_issue_19() {
    let one_pair = "- id: m\n  type: matching\n  prompt: P\n  competency: listening\n  pairs:\n    - prompt: A\n      answer: B\n";
    let (_, d) = check(one_pair);
    assert_eq!(
        messages(&d),
        [(
            Code::InvalidQuiz,
            1 + LINE,
            "question \"m\" is `matching` and needs at least two `pairs`".to_owned()
        )]
    );
    let (_, d) =
        check("- id: o\n  type: ordering\n  prompt: P\n  competency: listening\n  steps: [Only]\n");
    assert_eq!(
        messages(&d),
        [(
            Code::InvalidQuiz,
            1 + LINE,
            "question \"o\" is `ordering` and needs at least two `steps`".to_owned()
        )]
    );
    let (_, d) = check("- id: o\n  type: ordering\n  prompt: P\n  competency: listening\n");
    assert!(d.items()[0].message.contains("needs at least two `steps`"));
}

#[test]
fn an_item_written_twice_is_an_error_at_the_second_issue_19() {
    let (_, d) =
        check(&MATCHING.replace("answer: Call 999", "answer: \"the dsl,  straight away\""));
    assert_eq!(
        messages(&d),
        [(
            Code::InvalidQuiz,
            12 + LINE,
            "question \"who\" has the answer \"the dsl,  straight away\" twice".to_owned()
        )]
    );
    let (_, d) = check(&MATCHING.replace("Someone is in danger now", "Someone is at risk of harm"));
    assert_eq!(d.items()[0].line, 11 + LINE);
    assert!(
        d.items()[0]
            .message
            .contains("the prompt \"Someone is at risk of harm\" twice")
    );
    // A distractor that is also a pair's answer.
    let (_, d) = check(&MATCHING.replace("Another mentor, to ask what they think", "Call 999"));
    assert_eq!(d.items()[0].line, 14 + LINE);
    assert!(
        d.items()[0]
            .help
            .as_deref()
            .unwrap()
            .contains("a distractor is an answer no prompt has")
    );
    let (_, d) = check(&ORDERING.replace("Ask for a debrief", "Listen calmly"));
    assert_eq!(
        messages(&d),
        [(
            Code::InvalidQuiz,
            10 + LINE,
            "question \"steps\" has the step \"Listen calmly\" twice".to_owned()
        )]
    );
}

#[test]
fn an_answer_no_prompt_has_must_be_a_declared_distractor_issue_19() {
    let (_, d) = check(&MATCHING.replace(
        "    - prompt: Someone is in danger now\n      answer: Call 999\n",
        "    - answer: Call 999\n",
    ));
    let e = &d.items()[0];
    assert_eq!(
        (e.code, e.line, e.message.as_str()),
        (
            Code::InvalidQuiz,
            11 + LINE,
            "question \"who\": the answer \"Call 999\" is never used (it has no `prompt`)"
        )
    );
    assert!(e.help.as_deref().unwrap().contains("`distractors:`"));
    let (_, d) = check(&MATCHING.replace("      answer: Call 999\n", ""));
    assert_eq!(
        d.items()[0].message,
        "question \"who\": the prompt \"Someone is in danger now\" has no `answer`"
    );
}

#[test]
fn unknown_and_misplaced_fields_are_errors_issue_19() {
    let (_, d) = check(&MATCHING.replace(
        "      feedback: FEEDBACK-DSL",
        "      feedbak: FEEDBACK-DSL",
    ));
    assert_eq!(d.items()[0].code, Code::UnknownField);
    assert_eq!(d.items()[0].line, 8 + LINE);
    let (_, d) =
        check(&ORDERING.replace("      feedback: FEEDBACK-TELL", "      note: FEEDBACK-TELL"));
    assert_eq!(
        d.items()[0].code,
        Code::UnknownField,
        "{}",
        d.render_human()
    );
    assert_eq!(d.items()[0].line, 8 + LINE);
    let (_, d) = check(&format!("{ORDERING}  distractors: [X]\n"));
    assert_eq!(
        d.items()[0].message,
        "question \"steps\" is `ordering`, but has `distractors`, which is for `matching` questions"
    );
    let (_, d) = check(&format!("{ORDERING}  options:\n    - text: A\n"));
    assert!(
        d.items()[0]
            .message
            .contains("has `options`, which is for `single` and `multiple` questions")
    );
}

#[test]
fn a_pool_draws_from_one_to_all_the_questions_issue_19() {
    let indent = |yaml: &str| yaml.lines().map(|l| format!("  {l}\n")).collect::<String>();
    let pooled = |n: &str| {
        format!(
            "pool: {n}\nquestions:\n{}{}",
            indent(MATCHING),
            indent(ORDERING)
        )
    };
    let (q, d) = check(&pooled("1"));
    assert!(d.is_empty(), "{}", d.render_human());
    let q = q.unwrap();
    assert_eq!((q.pool, q.questions.len()), (Some(1), 2));
    let (q, d) = check(&pooled("2"));
    assert!(d.is_empty() && q.unwrap().pool == Some(2));
    for n in ["0", "3"] {
        let (_, d) = check(&pooled(n));
        let e = &d.items()[0];
        assert_eq!(
            (e.code, e.line, e.column, e.message.clone()),
            (
                Code::InvalidQuiz,
                1 + LINE,
                7,
                format!("`pool: {n}` draws {n} questions, but this quiz has 2")
            )
        );
        assert!(e.help.as_deref().unwrap().contains("from 1 to 2"));
    }
    let (_, d) = check(&format!("{}\nshuffle: true\n", pooled("1")));
    assert_eq!(d.items()[0].code, Code::UnknownField);
    // Without `pool:`, the mapping shows every question.
    let (q, d) = check(&format!("questions:\n{}", indent(ORDERING)));
    assert!(d.is_empty(), "{}", d.render_human());
    assert_eq!(q.unwrap().pool, None);
    // A comment before the list keeps the list form.
    let (q, _) = check(&format!("# the questions\n{ORDERING}"));
    assert_eq!(q.unwrap().questions.len(), 1);
}

#[test]
fn on_paper_matching_has_letters_and_blanks_and_ordering_has_boxes_issue_19() {
    let (q, _) = check(&format!("{MATCHING}{ORDERING}"));
    let html = partial("partials/quiz-print.html", &q.unwrap());
    assert!(html.contains("class=\"match-print\""), "{html}");
    assert!(html.contains("<span class=\"letter\">A</span>"), "{html}");
    assert!(html.contains("class=\"write-box\""), "{html}");
    assert!(
        html.contains("Another mentor, to ask what they think"),
        "{html}"
    );
    assert!(html.contains("class=\"order-print\""), "{html}");
    for answer in ["FEEDBACK", "EXPLANATION", "<select", "<details"] {
        assert!(!html.contains(answer), "{answer} on paper: {html}");
    }
}

#[test]
fn the_answer_key_pairs_each_prompt_and_numbers_the_steps_issue_19() {
    let (q, _) = check(&format!("{MATCHING}{ORDERING}"));
    let html = partial("partials/answer-key.html", &q.unwrap());
    for text in [
        "Someone is at risk of harm</strong> → The DSL, straight away",
        "<p>FEEDBACK-DSL</p>",
        "Another mentor, to ask what they think",
        "<ol class=\"key-answers\"><li>Listen calmly",
        "<li>Tell the DSL straight away <p>FEEDBACK-TELL</p>\n</li>",
    ] {
        assert!(html.contains(text), "key lacks {text}: {html}");
    }
}

#[test]
fn the_form_has_labelled_selects_and_move_buttons_issue_19() {
    let (q, _) = check(&format!("{MATCHING}{ORDERING}"));
    let html = partial("partials/quiz.html", &q.unwrap());
    assert!(
        html.contains(r#"<label for="q-who-0">Someone is at risk of harm</label>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<select id="q-who-0" name="who-0">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"aria-label="Move up: Listen calmly""#),
        "{html}"
    );
    assert!(
        html.contains(r#"aria-label="Move down: Listen calmly""#),
        "{html}"
    );
    assert!(html.contains("<details class=\"answer\"><summary>Show the answer</summary>"));
    assert!(
        html.contains("<ol class=\"right-order\"><li>Listen calmly</li>"),
        "{html}"
    );
}
