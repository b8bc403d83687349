//! One test per scenario rule, each with the message a user sees.

use super::*;
use crate::load::config;

fn config() -> Config {
    config::from_yaml(
        "title: T
competencies:
  confidentiality:
    title: C
  safeguarding:
    title: S
modules: [a.md]
",
    )
}

fn check(yaml: &str) -> (Option<Scenario>, Diagnostics) {
    let mut d = Diagnostics::new();
    let s = load(
        "test",
        SourceFile::new("scenarios/test.yaml", yaml),
        &config(),
        &mut d,
    );
    (s, d)
}

/// A valid safeguarding scenario; tests break one thing each.
const GOOD: &str = r#"title: Promise
content_note: Mentions self-harm.
competencies: [confidentiality]
safeguarding: true
start: opening
nodes:
  opening:
    speaker: Jess
    text: |
      "Promise you won't tell?"
    choices:
      - label: I promise.
        goto: promised
        feedback: Never promise secrecy.
        competencies: {confidentiality: -1}
      - label: I can't promise that.
        goto: tell-dsl
        feedback: Honest and kind.
  promised:
    text: She tells you.
    choices:
      - label: Keep it to yourself.
        goto: bad-end
        feedback: No.
      - label: Tell the DSL after all.
        goto: tell-dsl
        feedback: Better late.
  tell-dsl:
    escalates: true
    text: You go with her to the DSL.
    choices:
      - label: Check in next week.
        goto: good-end
        feedback: Yes.
      - label: Ask her for details first.
        goto: mixed-end
        feedback: Don't investigate.
  good-end:
    ending: positive
    text: She is getting help.
    debrief: You did well.
  mixed-end:
    ending: mixed
    text: It worked out.
    debrief: Mostly.
  bad-end:
    ending: negative
    text: Nobody knew.
    debrief: Tell someone.
"#;

fn first(d: &Diagnostics) -> &Diagnostic {
    d.sorted()[0]
}

#[test]
fn the_good_scenario_passes() {
    let (s, d) = check(GOOD);
    assert!(d.is_empty(), "{}", d.render_human());
    let s = s.unwrap();
    assert_eq!(s.id, "test");
    assert_eq!(s.nodes.len(), 6);
    assert_eq!(
        s.nodes[0].choices[0].competencies,
        [("confidentiality".to_owned(), -1)]
    );
}

#[test]
fn unknown_goto_has_location_and_suggestion() {
    let (_, d) = check(&GOOD.replace(
        "goto: tell-dsl\n        feedback: Honest",
        "goto: tel-dsl\n        feedback: Honest",
    ));
    let e = first(&d);
    assert_eq!(e.code, Code::UnknownNode);
    assert_eq!(e.message, "choice goes to unknown node \"tel-dsl\"");
    assert_eq!((e.line, e.column), (17, 15));
    assert_eq!(e.help.as_deref(), Some("did you mean \"tell-dsl\"?"));
    assert_eq!(e.width, 7);
}

#[test]
fn unknown_start() {
    let (_, d) = check(&GOOD.replace("start: opening", "start: openng"));
    assert_eq!(first(&d).code, Code::UnknownStart);
    assert_eq!(first(&d).line, 5);
}

#[test]
fn duplicate_node_ids_are_an_error() {
    let (_, d) = check(&GOOD.replace("  mixed-end:\n", "  good-end:\n"));
    assert_eq!(first(&d).code, Code::DuplicateKey, "{}", d.render_human());
}

#[test]
fn unknown_fields_are_errors() {
    let (_, d) = check(&GOOD.replace("    speaker: Jess", "    speeker: Jess"));
    assert_eq!(first(&d).code, Code::UnknownField);
    assert_eq!(first(&d).help.as_deref(), Some("did you mean \"speaker\"?"));
}

#[test]
fn unreachable_nodes() {
    let (_, d) = check(&format!(
        "{GOOD}  orphan:\n    ending: negative\n    text: x\n"
    ));
    let e = first(&d);
    assert_eq!(e.code, Code::UnreachableNode);
    assert_eq!(
        e.message,
        "node \"orphan\" cannot be reached from \"opening\""
    );
}

#[test]
fn non_endings_need_choices_and_one_choice_is_a_warning() {
    let (_, d) = check(&format!("{GOOD}  stuck:\n    text: x\n"));
    assert!(
        d.items()
            .iter()
            .any(|e| e.code == Code::NoChoices && e.message.contains("\"stuck\""))
    );
    let one = GOOD.replace(
        "      - label: Ask her for details first.\n        goto: mixed-end\n        feedback: Don't investigate.\n",
        "",
    );
    let (_, d) = check(&format!(
        "{one}  bridge:\n    text: x\n    choices:\n      - label: go\n        goto: mixed-end\n        feedback: ok\n      - label: go\n        goto: bridge\n        feedback: ok\n"
    ));
    let (_, d2) = check(&one);
    assert!(
        d2.items()
            .iter()
            .any(|e| e.code == Code::OneChoice
                && e.message == "node \"tell-dsl\" has only one choice"),
        "{}",
        d2.render_human()
    );
    assert!(!d2.has_errors() || d2.items().iter().all(|e| e.code != Code::NoChoices));
    drop(d);
}

#[test]
fn endings_have_no_choices() {
    let (_, d) = check(&GOOD.replace(
        "    debrief: Tell someone.\n",
        "    debrief: Tell someone.\n    choices:\n      - label: again\n        goto: opening\n        feedback: x\n",
    ));
    assert_eq!(first(&d).code, Code::EndingWithChoices);
}

#[test]
fn trap_loops_are_found() {
    let trap = GOOD.replace(
        "      - label: Keep it to yourself.\n        goto: bad-end",
        "      - label: Keep it to yourself.\n        goto: loop",
    ) + "  loop:\n    text: round\n    choices:\n      - label: again\n        goto: loop2\n        feedback: x\n      - label: again\n        goto: loop2\n        feedback: x\n  loop2:\n    text: and round\n    choices:\n      - label: back\n        goto: loop\n        feedback: x\n      - label: back\n        goto: loop\n        feedback: x\n";
    let (_, d) = check(&trap);
    let traps: Vec<&str> = d
        .items()
        .iter()
        .filter(|e| e.code == Code::TrapNode)
        .map(|e| e.message.as_str())
        .collect();
    assert_eq!(
        traps,
        [
            "no ending can be reached from node \"loop\"",
            "no ending can be reached from node \"loop2\""
        ],
        "{}",
        d.render_human()
    );
}

#[test]
fn a_positive_ending_is_required() {
    let (_, d) = check(&GOOD.replace("ending: positive", "ending: mixed"));
    assert!(d.items().iter().any(|e| e.code == Code::NoPositiveEnding));
}

#[test]
fn the_safeguarding_rule_shows_the_offending_path() {
    let (_, d) = check(&GOOD.replace(
        "      - label: Keep it to yourself.\n        goto: bad-end",
        "      - label: Keep it to yourself.\n        goto: good-end",
    ));
    let e = first(&d);
    assert_eq!(e.code, Code::SafeguardingRule);
    assert_eq!(
        e.message,
        "positive ending \"good-end\" can be reached without passing the concern on: opening → promised → good-end"
    );
    // The same graph is fine when the scenario is not a safeguarding one.
    let (_, d) = check(
        &GOOD
            .replace("safeguarding: true", "safeguarding: false")
            .replace(
                "      - label: Keep it to yourself.\n        goto: bad-end",
                "      - label: Keep it to yourself.\n        goto: good-end",
            ),
    );
    assert!(!d.items().iter().any(|e| e.code == Code::SafeguardingRule));
}

#[test]
fn ids_and_competencies_are_checked() {
    let (_, d) = check(
        &GOOD
            .replace("  bad-end:", "  index:")
            .replace("goto: bad-end", "goto: index"),
    );
    assert!(
        d.items().iter().any(|e| e.code == Code::ReservedSlug),
        "{}",
        d.render_human()
    );
    let (_, d) = check(&GOOD.replace("{confidentiality: -1}", "{confidentialty: -1}"));
    let e = first(&d);
    assert_eq!(e.code, Code::UnknownCompetency);
    assert_eq!(e.help.as_deref(), Some("did you mean \"confidentiality\"?"));
    let (_, d) = check(
        &GOOD
            .replace("  promised:", "  Promised!:")
            .replace("goto: promised", "goto: Promised!"),
    );
    assert!(
        d.items().iter().any(|e| e.code == Code::InvalidId),
        "{}",
        d.render_human()
    );
}

#[test]
fn safeguarding_without_content_note_is_a_warning() {
    let (_, d) = check(&GOOD.replace("content_note: Mentions self-harm.\n", ""));
    assert_eq!(first(&d).code, Code::NoContentNote);
    assert!(!d.has_errors());
}

#[test]
fn size_limits() {
    let mut many = String::from("title: Big\nstart: n0\nnodes:\n");
    for i in 0..=MAX_NODES {
        many.push_str(&format!("  n{i}:\n    ending: positive\n    text: x\n"));
    }
    let (_, d) = check(&many);
    assert!(
        d.items().iter().any(|e| e.code == Code::ScenarioTooLarge),
        "no size error"
    );
}

#[test]
fn markdown_positions_map_into_block_scalars() {
    let (s, _) = check(GOOD);
    let s = s.unwrap();
    let text = &s.nodes[0].text;
    assert_eq!(crate::load::yaml::position(&s.source, text, 0, 1), (10, 8));
    let feedback = s.nodes[0].choices[0].feedback.as_ref().unwrap();
    assert_eq!(
        crate::load::yaml::position(&s.source, feedback, 0, 6),
        (14, 25)
    );
}
