//! Quizzes: ```` ```quiz ```` blocks in modules, a YAML list of questions, or
//! a mapping `{pool: N, questions: [...]}` whose page draws N of them at
//! random for each attempt. Matching and ordering questions' items are read
//! by [`items`], and shown in the stable order of [`shuffle`].
//!
//! Input: a [`DataBlock`] found by the Markdown renderer (its YAML and where it
//! sits in the module file). Output: a validated [`Quiz`], and its questions
//! as [`QuestionView`]s for the theme's partials: `partials/quiz.html` (a
//! real form that works without JavaScript, which `assets/quiz.js`
//! enhances), `quiz-print.html` (the workbook) and `answer-key.html`.
//! Problems are located at their line in the module file.

use serde::Deserialize;

use crate::compile::body::{DataBlock, OptionView, QuestionView};
use crate::compile::markdown::{self, Context};
use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::load::plain_text::Filler;
use crate::load::yaml::{self, Spanned};
use crate::slug;
use crate::source::SourceFile;

pub(crate) mod items;
pub(crate) mod shuffle;

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
    /// Each prompt paired with one answer from a list.
    Matching,
    /// Steps put in the right order.
    Ordering,
}

impl Kind {
    /// Its name, as written in `type:`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Kind::Single => "single",
            Kind::Multiple => "multiple",
            Kind::Truefalse => "truefalse",
            Kind::Short => "short",
            Kind::Matching => "matching",
            Kind::Ordering => "ordering",
        }
    }
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
    #[serde(default)]
    pairs: Vec<items::RawPair>,
    #[serde(default)]
    distractors: Vec<Spanned<String>>,
    #[serde(default)]
    steps: Vec<Spanned<items::RawStep>>,
}

/// A quiz block written as a mapping: `pool:` and its `questions:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPool {
    pool: Option<Spanned<usize>>,
    questions: Vec<RawQuestion>,
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
    /// The pairs (matching), in the order written.
    pub(crate) pairs: Vec<items::Pair>,
    /// Answers no prompt has (matching).
    pub(crate) distractors: Vec<String>,
    /// The steps (ordering), in the right order.
    pub(crate) steps: Vec<items::Step>,
}

/// A validated quiz block.
#[derive(Debug, Clone)]
pub(crate) struct Quiz {
    /// Its questions.
    pub(crate) questions: Vec<Question>,
    /// `pool: N`: how many questions the page draws for each attempt.
    pub(crate) pool: Option<usize>,
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
    let (raw, pool) = if is_list(&block.yaml) {
        let raw: Vec<RawQuestion> = yaml::parse_block(
            source,
            &block.yaml,
            line_offset,
            "a ```quiz block holds a YAML list of questions, each with id, type, prompt and its answer",
            out,
        )?;
        (raw, None)
    } else {
        let raw: RawPool = yaml::parse_block(
            source,
            &block.yaml,
            line_offset,
            "a ```quiz block holds a YAML list of questions, or `pool:` and a list of `questions:`",
            out,
        )?;
        (raw.questions, raw.pool)
    };
    let pool = pool.and_then(|n| check_pool(&n, raw.len(), source, line_offset, out));
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
            _ => stray_field(&q),
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
        let reader = items::Reader {
            source,
            line_offset,
            fill: &fill,
            id: &q.id,
        };
        let (pairs, distractors) = if q.kind == Kind::Matching {
            items::matching(&reader, q.pairs, q.distractors, out)
        } else {
            (Vec::new(), Vec::new())
        };
        let steps = if q.kind == Kind::Ordering {
            items::ordering(&reader, q.steps, out)
        } else {
            Vec::new()
        };
        questions.push(Question {
            pairs,
            distractors,
            steps,
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
        pool,
        line_offset,
    })
}

/// Whether a quiz block's YAML is a list (the first thing in it is a `-`
/// or a `[`) rather than a mapping with `pool:`.
fn is_list(yaml: &str) -> bool {
    yaml.lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#') && *l != "---")
        .is_none_or(|l| l.starts_with('-') || l.starts_with('['))
}

/// `pool: N` when N is a number of the block's questions (1 to all of
/// them), or an error at it.
fn check_pool(
    pool: &Spanned<usize>,
    count: usize,
    source: &SourceFile,
    line_offset: usize,
    out: &mut Diagnostics,
) -> Option<usize> {
    if (1..=count).contains(&pool.value) {
        return Some(pool.value);
    }
    out.push(
        yaml::locate(
            Diagnostic::error(
                Code::InvalidQuiz,
                format!(
                    "`pool: {}` draws {} questions, but this quiz has {count}",
                    pool.value, pool.value
                ),
            ),
            source,
            &pool.referenced,
            line_offset,
            pool.value.to_string().len(),
        )
        .with_help(format!(
            "a pool draws from 1 to {count} of the quiz's questions; remove `pool:` to show them all"
        )),
    );
    None
}

/// A field written for another kind of question (`options` on a matching
/// question, `steps` on a single one…), or None.
fn stray_field(q: &RawQuestion) -> Option<String> {
    let written: [(&str, bool, &[Kind]); 6] = [
        (
            "options",
            !q.options.is_empty(),
            &[Kind::Single, Kind::Multiple],
        ),
        ("answer", q.answer.is_some(), &[Kind::Truefalse]),
        ("accept", !q.accept.is_empty(), &[Kind::Short]),
        ("pairs", !q.pairs.is_empty(), &[Kind::Matching]),
        ("distractors", !q.distractors.is_empty(), &[Kind::Matching]),
        ("steps", !q.steps.is_empty(), &[Kind::Ordering]),
    ];
    written
        .iter()
        .find(|(_, present, kinds)| *present && !kinds.contains(&q.kind))
        .map(|(field, _, kinds)| {
            let names: Vec<String> = kinds.iter().map(|k| format!("`{}`", k.as_str())).collect();
            format!(
                "is `{}`, but has `{field}`, which is for {} questions",
                q.kind.as_str(),
                names.join(" and ")
            )
        })
}

/// A quiz's questions for templates, their Markdown rendered in `ctx`, and
/// each field's findings (links, unknown variables…) with the byte offset
/// of the field in the file, for the check stage.
pub(crate) fn view(
    quiz: &Quiz,
    source: &SourceFile,
    ctx: &Context<'_>,
) -> (Vec<QuestionView>, Vec<(markdown::Rendered, usize)>) {
    let mut fields = Vec::new();
    let mut md = |field: &Spanned<String>| -> String {
        let line = field.referenced.line() as usize + quiz.line_offset;
        let offset =
            source.line_start(line) + (field.referenced.column() as usize).saturating_sub(1);
        let rendered = markdown::render(
            &field.value,
            &Context {
                base_offset: 0,
                mode: markdown::Mode::Field,
                ..*ctx
            },
        );
        let html = rendered.field_html();
        fields.push((rendered, offset));
        html
    };
    let questions = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(n, q)| {
            let accepted: Vec<String> = q.accept.iter().map(|a| a.to_lowercase()).collect();
            let (pairs, choices) =
                items::matching_view(&q.id.value, &q.pairs, &q.distractors, &mut md);
            let steps = items::ordering_view(&q.id.value, &q.steps, &mut md);
            QuestionView {
                id: q.id.value.clone(),
                number: n + 1,
                kind: q.kind.as_str(),
                competency: q.competency.clone(),
                prompt: md(&q.prompt),
                options: q
                    .options
                    .iter()
                    .map(|o| OptionView {
                        text: o.text.clone(),
                        correct: o.correct,
                        feedback: o.feedback.as_ref().map(&mut md),
                    })
                    .collect(),
                answer: q.answer,
                accept: q.accept.clone(),
                accept_json: serde_json::to_string(&accepted).unwrap_or_default(),
                explanation: q.explanation.as_ref().map(&mut md),
                pairs,
                choices,
                steps,
            }
        })
        .collect();
    (questions, fields)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod kinds_tests;
