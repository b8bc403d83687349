//! One test per quiz rule, with the message a user sees.

use super::*;
use crate::load::config;

fn config() -> Config {
    config::from_yaml(
        "title: T
competencies:
  listening:
    title: L
modules: [a.md]
",
    )
}

/// Parses `yaml` as a quiz block that starts on line 5 of a module file.
pub(super) fn check(yaml: &str) -> (Option<Quiz>, Diagnostics) {
    let text = format!("---\ntitle: M\n---\n```quiz\n{yaml}```\n");
    let source = SourceFile::new("course/m.md", text.clone());
    let offset = text.find("```quiz\n").unwrap() + 8;
    let block = DataBlock {
        kind: crate::compile::body::DataKind::Quiz,
        yaml: yaml.to_owned(),
        offset,
        facilitator_only: false,
    };
    let mut d = Diagnostics::new();
    let quiz = parse(&block, &source, &config(), &mut d);
    (quiz, d)
}

const SINGLE: &str = "- id: q1\n  type: single\n  prompt: Pick one\n  competency: listening\n  options:\n    - text: A\n      correct: true\n    - text: B\n";

#[test]
fn a_good_quiz_passes() {
    let (q, d) = check(SINGLE);
    assert!(d.is_empty(), "{}", d.render_human());
    assert_eq!(q.unwrap().questions[0].options.len(), 2);
}

#[test]
fn single_needs_exactly_one_correct_option() {
    let (_, d) = check(&SINGLE.replace("    - text: B\n", "    - text: B\n      correct: true\n"));
    let e = &d.items()[0];
    assert_eq!(e.code, Code::InvalidQuiz);
    assert_eq!(
        e.message,
        "question \"q1\" is `single` and needs exactly one correct option (it has 2)"
    );
    assert_eq!(
        (
            e.path.as_deref().unwrap().to_str().unwrap(),
            e.line,
            e.column
        ),
        ("course/m.md", 5, 7)
    );
}

#[test]
fn multiple_needs_a_correct_option() {
    let (_, d) = check(
        &SINGLE
            .replace("single", "multiple")
            .replace("      correct: true\n", ""),
    );
    assert_eq!(
        d.items()[0].message,
        "question \"q1\" is `multiple` and needs at least one correct option"
    );
}

#[test]
fn truefalse_and_short_need_their_answers() {
    let (_, d) = check("- id: t\n  type: truefalse\n  prompt: x\n  competency: listening\n");
    assert!(
        d.items()[0]
            .message
            .contains("needs `answer: true` or `answer: false`")
    );
    let (_, d) = check("- id: s\n  type: short\n  prompt: x\n  competency: listening\n");
    assert!(
        d.items()[0]
            .message
            .contains("needs a list of `accept`ed answers")
    );
}

#[test]
fn empty_prompts_unknown_fields_and_types() {
    let (_, d) = check(&SINGLE.replace("prompt: Pick one", "prompt: \"  \""));
    assert_eq!(d.items()[0].message, "question \"q1\" has an empty prompt");
    let (_, d) = check(&SINGLE.replace("  prompt:", "  promt:"));
    assert_eq!(d.items()[0].code, Code::UnknownField);
    assert_eq!(d.items()[0].line, 7);
    let (_, d) = check(&SINGLE.replace("type: single", "type: essay"));
    assert_eq!(d.items()[0].code, Code::InvalidValue);
    assert!(
        d.items()[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("single"),
        "{}",
        d.render_human()
    );
}

#[test]
fn competency_missing_is_a_warning_and_undeclared_an_error() {
    let (_, d) = check(&SINGLE.replace("  competency: listening\n", ""));
    assert_eq!(d.items()[0].code, Code::QuizNoCompetency);
    assert!(!d.has_errors());
    let (_, d) = check(&SINGLE.replace("competency: listening", "competency: listenin"));
    assert_eq!(d.items()[0].code, Code::UnknownCompetency);
    assert_eq!(
        d.items()[0].help.as_deref(),
        Some("did you mean \"listening\"?")
    );
}

/// Renders with a plain context: no variables, no other modules.
pub(super) fn with_context<T>(f: impl FnOnce(&Context<'_>) -> T) -> T {
    let vars = std::collections::HashMap::new();
    let ui = crate::ui::Ui::with_overrides([]);
    let none = |_: &str, _: Option<&str>| None;
    f(&Context {
        path: "m.md",
        base_offset: 0,
        variables: &vars,
        mode: crate::compile::markdown::Mode::Module,
        facilitator_only: false,
        module_href: &none,
        anchor_prefix: "",
        same_page: None,
        scenario: &|_: &str| None,
        path_to_root: "../",
        ui: &ui,
        profile: None,
    })
}

/// Renders a partial of the default theme with `questions` as a quiz block's.
pub(super) fn partial(name: &str, quiz: &Quiz) -> String {
    let dir = tempfile::tempdir().unwrap();
    let env = crate::render::theme::Theme::new(dir.path(), "default").environment();
    let source = SourceFile::new("course/m.md", "x");
    let (questions, _) = with_context(|ctx| view(quiz, &source, ctx));
    let ui = crate::ui::Ui::with_overrides([]);
    env.get_template(name)
        .unwrap()
        .render(minijinja::context! {
            block => minijinja::context! { questions => minijinja::Value::from_serialize(&questions), pool => quiz.pool },
            questions => minijinja::Value::from_serialize(&questions),
            ui => minijinja::Value::from_serialize(&ui),
        })
        .unwrap()
}

const WITH_FEEDBACK: &str = "- id: q1\n  type: single\n  prompt: Pick *one*\n  competency: listening\n  options:\n    - text: Right\n      correct: true\n      feedback: FEEDBACK-RIGHT\n    - text: Wrong\n      feedback: FEEDBACK-WRONG\n  explanation: EXPLANATION\n- id: q2\n  type: short\n  prompt: Type it\n  competency: listening\n  accept: [ANSWER]\n";

#[test]
fn on_paper_questions_have_boxes_and_no_answers() {
    let (q, d) = check(WITH_FEEDBACK);
    assert!(d.is_empty(), "{}", d.render_human());
    let html = partial("partials/quiz-print.html", &q.unwrap());
    assert!(html.contains("<p class=\"question-number\">Question 1</p>\n<div class=\"prompt\"><p>Pick <em>one</em></p>"), "{html}");
    assert!(html.contains("<li><span class=\"box\" aria-hidden=\"true\">☐</span> Right</li>"));
    assert!(
        html.contains("<div class=\"write-space lines-2\"></div>"),
        "short answers get space"
    );
    for answer in ["FEEDBACK", "EXPLANATION", "ANSWER", "<input", "<details"] {
        assert!(!html.contains(answer), "{answer} on paper: {html}");
    }
}

#[test]
fn the_answer_key_has_answers_feedback_and_explanations() {
    let (q, _) = check(WITH_FEEDBACK);
    let html = partial("partials/answer-key.html", &q.unwrap());
    for text in [
        "<ul class=\"key-answers\"><li>Right</li></ul>",
        "<li><strong>Right ✓</strong> <p>FEEDBACK-RIGHT</p>",
        "<li><strong>Wrong</strong> <p>FEEDBACK-WRONG</p>",
        "<p>EXPLANATION</p>",
        "<ul class=\"key-answers\"><li>ANSWER</li></ul>",
        "id=\"key-q2\"",
    ] {
        assert!(html.contains(text), "key lacks {text}: {html}");
    }
}

#[test]
fn the_form_works_without_javascript() {
    let (q, _) = check(SINGLE);
    let html = partial("partials/quiz.html", &q.unwrap());
    assert!(
        html.contains(
            r#"<input type="radio" name="q1" id="q-q1-0" value="0"><label for="q-q1-0">A</label>"#
        ),
        "{html}"
    );
    assert!(html.contains("<details class=\"answer\"><summary>Show the answer</summary>"));
    assert!(html.contains("<ul><li>A</li></ul>"), "{html}");
    assert!(
        html.contains("<div class=\"quiz-actions\" hidden>"),
        "JS-only buttons start hidden"
    );
}
