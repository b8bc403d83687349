//! Quizzes: ```` ```quiz ```` blocks in modules, a YAML list of questions.
//!
//! Input: a [`DataBlock`] found by the Markdown renderer (its YAML and where it
//! sits in the module file). Output: a validated [`Quiz`] and its HTML: a real
//! form that works without JavaScript (each answer and explanation can be
//! revealed with `<details>`), which `assets/quiz.js` enhances with checking,
//! per-option feedback, a score and Try again. Problems are located at their
//! line in the module file.

pub(crate) mod print;

use serde::Deserialize;

use crate::compile::markdown::{self, Context, DataBlock};
use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::load::plain_text::Filler;
use crate::load::yaml::{self, Spanned};
use crate::slug;
use crate::source::SourceFile;

/// The kinds of question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    /// One correct option.
    Single,
    /// One or more correct options.
    Multiple,
    /// True or false.
    Truefalse,
    /// A typed answer, compared with the accepted ones.
    Short,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    text: Spanned<String>,
    #[serde(default)]
    correct: bool,
    feedback: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Spanned<String>,
    #[serde(rename = "type")]
    kind: Kind,
    prompt: Spanned<String>,
    #[serde(default)]
    options: Vec<RawOption>,
    answer: Option<bool>,
    #[serde(default)]
    accept: Vec<Spanned<String>>,
    explanation: Option<Spanned<String>>,
    competency: Option<Spanned<String>>,
}

/// One option of a single or multiple choice question.
#[derive(Debug, Clone)]
pub(crate) struct QuizOption {
    /// Plain text.
    pub(crate) text: String,
    /// Whether it is a right answer.
    pub(crate) correct: bool,
    /// Markdown shown when it is chosen.
    pub(crate) feedback: Option<Spanned<String>>,
}

/// A validated question.
#[derive(Debug, Clone)]
pub(crate) struct Question {
    /// Unique in the course.
    pub(crate) id: Spanned<String>,
    /// Its kind.
    pub(crate) kind: Kind,
    /// Markdown.
    pub(crate) prompt: Spanned<String>,
    /// Options (single and multiple).
    pub(crate) options: Vec<QuizOption>,
    /// The answer (truefalse).
    pub(crate) answer: bool,
    /// Accepted answers (short), compared ignoring case and surrounding space.
    pub(crate) accept: Vec<String>,
    /// Markdown shown with the answer.
    pub(crate) explanation: Option<Spanned<String>>,
    /// The competency it checks.
    pub(crate) competency: Option<String>,
}

/// A validated quiz block.
#[derive(Debug, Clone)]
pub(crate) struct Quiz {
    /// Its questions.
    pub(crate) questions: Vec<Question>,
    /// Line of the block's first YAML line, minus one (to offset parser lines).
    pub(crate) line_offset: usize,
}

/// Parses and validates one quiz block of `source`, pushing every problem found.
pub(crate) fn parse(
    block: &DataBlock,
    source: &SourceFile,
    config: &Config,
    out: &mut Diagnostics,
) -> Option<Quiz> {
    let line_offset = source.line_col(block.offset).0 - 1;
    let raw: Vec<RawQuestion> = match yaml::parse_part(source, &block.yaml, line_offset) {
        Ok(raw) => raw,
        Err(mut d) => {
            d.help = d.help.or_else(|| {
                Some("a ```quiz block holds a YAML list of questions, each with id, type, prompt and its answer".to_owned())
            });
            out.push(d);
            return None;
        }
    };
    let at = |d: Diagnostic, s: &Spanned<String>| yaml::locate_str(d, source, s, line_offset);
    let fill = Filler::new(config, source, line_offset);
    let mut questions = Vec::new();
    if raw.is_empty() {
        out.push(
            Diagnostic::error(Code::InvalidQuiz, "this quiz has no questions").at_offset(
                source,
                block.offset,
                1,
            ),
        );
    }
    for q in raw {
        if !slug::is_valid_id(&q.id.value) {
            out.push(
                at(
                    Diagnostic::error(
                        Code::InvalidId,
                        format!("\"{}\" is not a valid question id", q.id.value),
                    ),
                    &q.id,
                )
                .with_help("use lowercase letters, digits and dashes"),
            );
        }
        if q.prompt.value.trim().is_empty() {
            out.push(at(
                Diagnostic::error(
                    Code::InvalidQuiz,
                    format!("question \"{}\" has an empty prompt", q.id.value),
                ),
                &q.id,
            ));
        }
        let correct = q.options.iter().filter(|o| o.correct).count();
        let problem = match q.kind {
            Kind::Single | Kind::Multiple if q.options.len() < 2 => {
                Some("needs at least two `options`".to_owned())
            }
            Kind::Single if correct != 1 => Some(format!(
                "is `single` and needs exactly one correct option (it has {correct})"
            )),
            Kind::Multiple if correct == 0 => {
                Some("is `multiple` and needs at least one correct option".to_owned())
            }
            Kind::Truefalse if q.answer.is_none() => {
                Some("is `truefalse` and needs `answer: true` or `answer: false`".to_owned())
            }
            Kind::Short if q.accept.iter().all(|a| a.value.trim().is_empty()) => {
                Some("is `short` and needs a list of `accept`ed answers".to_owned())
            }
            _ => None,
        };
        if let Some(problem) = problem {
            out.push(at(
                Diagnostic::error(
                    Code::InvalidQuiz,
                    format!("question \"{}\" {problem}", q.id.value),
                ),
                &q.id,
            ));
        }
        let competency = match &q.competency {
            Some(c) if config.competency(&c.value).is_none() => {
                out.extend(config.check_competency(c, source, line_offset));
                None
            }
            Some(c) => Some(c.value.clone()),
            None => {
                out.push(
                    at(
                        Diagnostic::warning(
                            Code::QuizNoCompetency,
                            format!("question \"{}\" has no `competency`", q.id.value),
                        ),
                        &q.id,
                    )
                    .with_help("add `competency: <id>` so progress can show which skill it checks"),
                );
                None
            }
        };
        questions.push(Question {
            id: q.id,
            kind: q.kind,
            prompt: q.prompt,
            options: q
                .options
                .into_iter()
                .map(|o| QuizOption {
                    text: fill.field(&o.text, out),
                    correct: o.correct,
                    feedback: o.feedback,
                })
                .collect(),
            answer: q.answer.unwrap_or(false),
            accept: q
                .accept
                .iter()
                .map(|a| fill.field(a, out).trim().to_owned())
                .collect(),
            explanation: q.explanation,
            competency,
        });
    }
    Some(Quiz {
        questions,
        line_offset,
    })
}

fn esc(text: &str) -> String {
    let mut out = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// The rendered quiz and the Markdown problems found in its fields.
pub(crate) struct RenderedQuiz {
    /// The form.
    pub(crate) html: String,
    /// Links, unknown variables … of the fields, for validation.
    pub(crate) fields: Vec<(markdown::Rendered, usize)>,
}

/// Renders a quiz as a form. `ctx` is the module's Markdown context; field
/// problems are returned with the byte offset of their field in the file.
pub(crate) fn render(quiz: &Quiz, source: &SourceFile, ctx: &Context<'_>) -> RenderedQuiz {
    let ui = ctx.ui;
    let mut fields = Vec::new();
    let mut md = |field: &Spanned<String>| -> String {
        let line = field.referenced.line() as usize + quiz.line_offset;
        let offset =
            source.line_start(line) + (field.referenced.column() as usize).saturating_sub(1);
        let rendered = markdown::render(
            &field.value,
            &Context {
                base_offset: 0,
                ..*ctx
            },
        );
        let html = rendered.html.clone();
        fields.push((rendered, offset));
        html
    };
    let mut html = format!(
        "<form class=\"quiz\" data-quiz data-text-correct=\"{}\" data-text-incorrect=\"{}\" data-text-score=\"{}\">\n",
        esc(ui.get("quiz_correct")),
        esc(ui.get("quiz_incorrect")),
        esc(ui.get("quiz_score"))
    );
    for (n, q) in quiz.questions.iter().enumerate() {
        let id = esc(&q.id.value);
        let prompt = md(&q.prompt);
        let kind = match q.kind {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::Truefalse => "truefalse",
            Kind::Short => "short",
        };
        html.push_str(&format!(
            "<fieldset class=\"question\" data-question=\"{id}\" data-type=\"{kind}\"{} aria-labelledby=\"q-{id}-legend q-{id}-prompt\">\n<legend id=\"q-{id}-legend\">{} {}</legend>\n<div class=\"prompt\" id=\"q-{id}-prompt\">{prompt}</div>\n",
            q.competency.as_ref().map(|c| format!(" data-competency=\"{}\"", esc(c))).unwrap_or_default(),
            esc(ui.get("question")),
            n + 1
        ));
        let mut answer = String::new();
        let mut option_feedback = String::new();
        match q.kind {
            Kind::Single | Kind::Multiple => {
                let input = if q.kind == Kind::Single {
                    "radio"
                } else {
                    "checkbox"
                };
                if q.kind == Kind::Multiple {
                    html.push_str(&format!(
                        "<p class=\"hint\">{}</p>\n",
                        esc(ui.get("choose_all"))
                    ));
                }
                for (i, o) in q.options.iter().enumerate() {
                    let feedback = o.feedback.as_ref().map(&mut md).unwrap_or_default();
                    if !feedback.is_empty() {
                        option_feedback.push_str(&format!(
                            "<li><strong>{}</strong> {feedback}</li>",
                            esc(&o.text)
                        ));
                    }
                    html.push_str(&format!(
                        "<div class=\"option\" data-correct=\"{}\"><input type=\"{input}\" name=\"{id}\" id=\"q-{id}-{i}\" value=\"{i}\"><label for=\"q-{id}-{i}\">{}</label><div class=\"option-feedback\" hidden>{feedback}</div></div>\n",
                        o.correct,
                        esc(&o.text)
                    ));
                    if o.correct {
                        answer.push_str(&format!("<li>{}</li>", esc(&o.text)));
                    }
                }
            }
            Kind::Truefalse => {
                for (i, (value, label)) in [(true, "true"), (false, "false")].iter().enumerate() {
                    html.push_str(&format!(
                        "<div class=\"option\" data-correct=\"{}\"><input type=\"radio\" name=\"{id}\" id=\"q-{id}-{i}\" value=\"{label}\"><label for=\"q-{id}-{i}\">{}</label></div>\n",
                        *value == q.answer,
                        esc(ui.get(label))
                    ));
                }
                answer.push_str(&format!(
                    "<li>{}</li>",
                    esc(ui.get(if q.answer { "true" } else { "false" }))
                ));
            }
            Kind::Short => {
                let accepted: Vec<String> = q.accept.iter().map(|a| a.to_lowercase()).collect();
                html.push_str(&format!(
                    "<div class=\"short\"><label for=\"q-{id}-answer\">{}</label> <input type=\"text\" id=\"q-{id}-answer\" name=\"{id}\" autocomplete=\"off\" data-accept=\"{}\"></div>\n",
                    esc(ui.get("your_answer")),
                    esc(&serde_json::to_string(&accepted).unwrap_or_default())
                ));
                for a in &q.accept {
                    answer.push_str(&format!("<li>{}</li>", esc(a)));
                }
            }
        }
        let explanation = q.explanation.as_ref().map(&mut md).unwrap_or_default();
        html.push_str(&format!(
            "<p class=\"question-result\" aria-live=\"polite\"></p>\n<details class=\"answer\"><summary>{}</summary>\n<p>{}</p><ul>{answer}</ul>\n{}{explanation}</details>\n</fieldset>\n",
            esc(ui.get("show_answer")),
            esc(ui.get("correct_answer")),
            if option_feedback.is_empty() { String::new() } else { format!("<ul class=\"all-feedback\">{option_feedback}</ul>\n") },
        ));
    }
    html.push_str(&format!(
        "<div class=\"quiz-actions\" hidden><button type=\"button\" class=\"button\" data-quiz-check>{}</button> <button type=\"reset\" class=\"secondary\" data-quiz-reset>{}</button></div>\n<p class=\"quiz-score\" role=\"status\"></p>\n</form>\n",
        esc(ui.get("check_answers")),
        esc(ui.get("try_again"))
    ));
    RenderedQuiz { html, fields }
}

#[cfg(test)]
mod tests;
