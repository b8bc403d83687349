//! The content model seen from the built site (issues 13 and 14): `{{ variables }}` in every
//! plain-text field, every generated block a partial a course can override, and author text that
//! looks like markup staying text.

use crate::common::{CourseTest, select_attr, select_text};

/// Issue 13: `{{ variables }}` are filled in every plain-text field, as
/// literal text that the theme escapes, so role names and numbers can come
/// from course.yaml everywhere.
#[test]
fn variables_are_filled_in_plain_text_fields() {
    let t = CourseTest::fixture("minimal");
    t.edit(
        "course/01-welcome.md",
        "title: Welcome",
        "title: Welcome to {{ school }}",
    );
    t.edit(
        "course/01-welcome.md",
        "  - Name who to tell",
        "  - Name {{ dsl }} as who to tell",
    );
    t.edit(
        "course/01-welcome.md",
        "- text: Your supervisor",
        "- text: \"{{ dsl }} or your supervisor\"",
    );
    t.edit(
        "course/01-welcome.md",
        "accept: [Ms Lead,",
        "accept: [\"{{ dsl }} at {{ school }}\", Ms Lead,",
    );
    t.edit(
        "course/02-features.md",
        "- What would you say first?",
        "- What would you say to {{ dsl }}?",
    );
    t.edit(
        "scenarios/promise.yaml",
        "label: Keep it secret.",
        "label: Keep it from {{ dsl }}.",
    );
    t.edit(
        "scenarios/promise.yaml",
        "mentor_brief: You are meeting Sam.",
        "mentor_brief: You are meeting Sam at {{ school }}.",
    );
    t.run(&["build", "--edition", "facilitator", "--deny-warnings"])
        .expect_code(0);

    let module = t.read("facilitator/modules/01-welcome.html");
    assert_eq!(
        select_text(&module, "main h1"),
        ["Welcome to Fixture <School>"]
    );
    assert!(
        module.contains("Welcome to Fixture &lt;School&gt;"),
        "{module}"
    );
    assert!(
        select_text(&module, ".outcomes li").contains(&"Name Ms Lead as who to tell".to_owned()),
        "{module}"
    );
    assert!(module.contains("Ms Lead or your supervisor"), "{module}");
    let accepted = select_attr(&module, "input[name=welcome-dsl]", "data-accept");
    assert!(
        accepted[0].contains("ms lead at fixture <school>"),
        "{accepted:?}"
    );
    let features = t.read("facilitator/modules/02-features.html");
    assert!(
        features.contains("What would you say to Ms Lead?"),
        "{features}"
    );
    let node = t.read("facilitator/scenarios/promise/promised.html");
    assert!(node.contains("Keep it from Ms Lead."), "{node}");
    let cards = t.read("facilitator/trainer/cards/promise.html");
    assert!(
        cards.contains("You are meeting Sam at Fixture &lt;School&gt;."),
        "{cards}"
    );
    for page in [&module, &node, &cards] {
        assert!(!page.contains("{{"), "a variable was left unfilled");
    }
}

/// Issue 14: every block we generate is a theme partial a course can
/// override like any other template.
#[test]
fn block_partials_can_be_overridden() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "themes/default/partials/quiz.html",
        "<ol class=\"my-quiz\">{% for q in block.questions %}<li data-id=\"{{ q.id }}\">{{ q.prompt | safe }}</li>{% endfor %}</ol>\n",
    );
    t.write(
        "themes/default/partials/facilitator-note.html",
        "<div class=\"my-note\">{% with body = block.body %}{% include \"partials/body.html\" %}{% endwith %}</div>\n",
    );
    t.run(&["build", "--edition", "facilitator"]).expect_code(0);
    let page = t.read("facilitator/modules/01-welcome.html");
    assert_eq!(
        select_attr(&page, "ol.my-quiz li", "data-id"),
        [
            "welcome-secret",
            "welcome-tell",
            "welcome-999",
            "welcome-dsl"
        ]
    );
    assert!(
        select_text(&page, "form.quiz").is_empty(),
        "the default quiz form is gone"
    );
    assert!(
        select_text(&page, ".my-note")
            .concat()
            .contains("FACILITATOR-SECRET-NOTE")
    );
    // The workbook prints quizzes with their own partial, which is not overridden.
    let workbook = t.read("facilitator/workbook.html");
    assert!(!select_text(&workbook, ".quiz-print").is_empty());
}

/// Issue 14: markup that looks like the old block placeholders is only the
/// author's text. Nested in quiz prompts it once grew a 3.3 KB module into
/// a 533 MB page; now the output grows with the input, and the quiz appears once.
#[test]
fn placeholder_lookalikes_cannot_duplicate_blocks() {
    let slot = |n: usize| format!("<div class=\"block-slot\" id=\"block-slot-{n}\"></div>");
    let nested: String = (0..40).map(slot).collect();
    let mut body = String::from("---\ntitle: Attack\n---\n\n");
    for n in 0..20 {
        body.push_str(&format!(
            "{}\n\n```quiz\n- id: q{n}\n  type: truefalse\n  prompt: \"{}\"\n  answer: true\n  competency: listening\n```\n\n",
            slot(n),
            nested.replace('"', "\\\"")
        ));
    }
    let t = CourseTest::fixture("minimal");
    t.write("course/04-attack.md", &body);
    t.edit(
        "course/course.yaml",
        "  - 03-trainer-only.md\n",
        "  - 03-trainer-only.md\n  - 04-attack.md\n",
    );
    t.run(&["build"]).expect_code(0);
    let page = t.read("public/modules/04-attack.html");
    assert!(
        page.len() < body.len() * 20,
        "{} bytes of page from {} bytes of Markdown",
        page.len(),
        body.len()
    );
    assert_eq!(
        select_attr(&page, "fieldset.question", "data-question").len(),
        20
    );
    assert_eq!(page.matches("data-question=\"q0\"").count(), 1);
}
