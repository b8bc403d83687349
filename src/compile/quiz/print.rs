//! Quizzes on paper: the questions without their answers for the mentor
//! workbook, and the answer key (right answers, feedback on every option and
//! the explanation) for the facilitator edition.

use super::{Kind, Question, Quiz, esc};
use crate::compile::markdown::{self, Context};
use crate::load::yaml::Spanned;

/// A Markdown field of a question, rendered for this document.
fn md(field: &Spanned<String>, ctx: &Context<'_>) -> String {
    markdown::render(
        &field.value,
        &Context {
            base_offset: 0,
            ..*ctx
        },
    )
    .html
}

/// The heading line and prompt of question `n` (0-based).
fn head(q: &Question, n: usize, ctx: &Context<'_>) -> String {
    format!(
        "<p class=\"question-number\">{} {}</p>\n<div class=\"prompt\">{}</div>\n",
        esc(ctx.ui.get("question")),
        n + 1,
        md(&q.prompt, ctx)
    )
}

/// Ruled space to write in, `lines` lines high.
pub(crate) fn write_space(lines: usize) -> String {
    format!("<div class=\"write-space lines-{lines}\"></div>\n")
}

/// The questions of `quiz` with empty boxes and writing space, and no answers.
pub(crate) fn questions(quiz: &Quiz, ctx: &Context<'_>) -> String {
    let ui = ctx.ui;
    let mut html = String::from("<div class=\"quiz-print\">\n");
    for (n, q) in quiz.questions.iter().enumerate() {
        html.push_str("<div class=\"question-print\">\n");
        html.push_str(&head(q, n, ctx));
        let options: Vec<String> = match q.kind {
            Kind::Single | Kind::Multiple => q.options.iter().map(|o| esc(&o.text)).collect(),
            Kind::Truefalse => vec![esc(ui.get("true")), esc(ui.get("false"))],
            Kind::Short => Vec::new(),
        };
        if q.kind == Kind::Multiple {
            html.push_str(&format!(
                "<p class=\"hint\">{}</p>\n",
                esc(ui.get("choose_all"))
            ));
        }
        if options.is_empty() {
            html.push_str(&write_space(2));
        } else {
            html.push_str("<ul class=\"print-options\">\n");
            for text in options {
                html.push_str(&format!(
                    "<li><span class=\"box\" aria-hidden=\"true\">☐</span> {text}</li>\n"
                ));
            }
            html.push_str("</ul>\n");
        }
        html.push_str("</div>\n");
    }
    html.push_str("</div>\n");
    html
}

/// The answer key of `quiz`: every question with its right answers, the
/// feedback written for each option and the explanation.
pub(crate) fn key(quiz: &Quiz, ctx: &Context<'_>) -> String {
    let ui = ctx.ui;
    let mut html = String::from("<div class=\"answer-key\">\n");
    for (n, q) in quiz.questions.iter().enumerate() {
        html.push_str(&format!(
            "<div class=\"question-print\" id=\"key-{}\">\n",
            esc(&q.id.value)
        ));
        html.push_str(&head(q, n, ctx));
        let answers: Vec<String> = match q.kind {
            Kind::Single | Kind::Multiple => q
                .options
                .iter()
                .filter(|o| o.correct)
                .map(|o| esc(&o.text))
                .collect(),
            Kind::Truefalse => vec![esc(ui.get(if q.answer { "true" } else { "false" }))],
            Kind::Short => q.accept.iter().map(|a| esc(a)).collect(),
        };
        html.push_str(&format!(
            "<p class=\"key-label\">{}</p>\n<ul class=\"key-answers\">{}</ul>\n",
            esc(ui.get("correct_answer")),
            answers
                .iter()
                .map(|a| format!("<li>{a}</li>"))
                .collect::<String>()
        ));
        let feedback: String = q
            .options
            .iter()
            .filter_map(|o| {
                let f = o.feedback.as_ref()?;
                Some(format!(
                    "<li><strong>{}{}</strong> {}</li>",
                    esc(&o.text),
                    if o.correct { " ✓" } else { "" },
                    md(f, ctx)
                ))
            })
            .collect();
        if !feedback.is_empty() {
            html.push_str(&format!(
                "<p class=\"key-label\">{}</p>\n<ul class=\"all-feedback\">{feedback}</ul>\n",
                esc(ui.get("option_feedback"))
            ));
        }
        if let Some(explanation) = &q.explanation {
            html.push_str(&md(explanation, ctx));
        }
        html.push_str("</div>\n");
    }
    html.push_str("</div>\n");
    html
}
