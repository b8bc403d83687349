//! The items of `matching` and `ordering` questions: a matching question's
//! `pairs` (each a `prompt` and its `answer`, plain text, with optional
//! Markdown `feedback`) and `distractors` (answers no prompt has), and an
//! ordering question's `steps` in the right order (each a string, or
//! `{text, feedback}`).
//!
//! Input: the raw YAML items. Output: validated [`Pair`]s and [`Step`]s, and
//! their views for the partials ([`PairView`], [`ChoiceView`], [`StepView`]),
//! shown in the stable shuffled order of [`super::shuffle`]. Every problem
//! is an E025 at the offending item: fewer than two items, an item written
//! twice, an answer with no prompt (an answer never used), an empty item.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::shuffle::shown_order;
use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::plain_text::Filler;
use crate::load::yaml::{self, Spanned};
use crate::source::SourceFile;

/// The most answers a matching question offers: they are lettered A to Z on paper.
pub(crate) const MAX_CHOICES: usize = 26;

/// A pair as written: `{prompt, answer, feedback}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPair {
    prompt: Option<Spanned<String>>,
    answer: Option<Spanned<String>>,
    feedback: Option<Spanned<String>>,
}

/// A step as written: a string, or `{text, feedback}`.
#[derive(Debug)]
pub(super) struct RawStep {
    text: Option<Spanned<String>>,
    plain: Option<String>,
    feedback: Option<Spanned<String>>,
}

impl<'de> Deserialize<'de> for RawStep {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StepVisitor;
        impl<'de> Visitor<'de> for StepVisitor {
            type Value = RawStep;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a step: its text, or `text:` and `feedback:`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RawStep, E> {
                Ok(RawStep {
                    text: None,
                    plain: Some(text.to_owned()),
                    feedback: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawStep, A::Error> {
                let mut step = RawStep {
                    text: None,
                    plain: None,
                    feedback: None,
                };
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "text" => step.text = Some(map.next_value()?),
                        "feedback" => step.feedback = Some(map.next_value()?),
                        _ => return Err(de::Error::unknown_field(&key, &["text", "feedback"])),
                    }
                }
                if step.text.is_none() {
                    return Err(de::Error::missing_field("text"));
                }
                Ok(step)
            }
        }
        deserializer.deserialize_any(StepVisitor)
    }
}

/// One pair of a matching question.
#[derive(Debug, Clone)]
pub(crate) struct Pair {
    /// The prompt (plain text, variables filled in).
    pub(crate) prompt: String,
    /// Its answer (plain text, variables filled in).
    pub(crate) answer: String,
    /// Markdown shown once the question is checked, and in the answer key.
    pub(crate) feedback: Option<Spanned<String>>,
}

/// One step of an ordering question.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    /// Its text (plain text, variables filled in).
    pub(crate) text: String,
    /// Markdown shown once the question is checked, and in the answer key.
    pub(crate) feedback: Option<Spanned<String>>,
}

/// Where items are read from: the module, the block's line offset, the
/// variables, and the question they belong to.
pub(super) struct Reader<'a> {
    pub(super) source: &'a SourceFile,
    pub(super) line_offset: usize,
    pub(super) fill: &'a Filler<'a>,
    pub(super) id: &'a Spanned<String>,
}

impl Reader<'_> {
    fn error(&self, message: String, at: &Spanned<String>) -> Diagnostic {
        yaml::locate_str(
            Diagnostic::error(Code::InvalidQuiz, message),
            self.source,
            at,
            self.line_offset,
        )
    }

    fn too_few(&self, what: &str, out: &mut Diagnostics) {
        out.push(
            self.error(
                format!(
                    "question \"{}\" is `{}` and needs at least two `{what}`",
                    self.id.value,
                    if what == "pairs" {
                        "matching"
                    } else {
                        "ordering"
                    }
                ),
                self.id,
            )
            .with_help(if what == "pairs" {
                "add `pairs:`, each with a `prompt:` and its `answer:`"
            } else {
                "list the `steps:` in the right order, at least two"
            }),
        );
    }

    /// Pushes an error for each item of `items` written twice (compared
    /// without case or extra space), at the second.
    fn no_repeats(&self, what: &str, items: &[(String, &Spanned<String>)], out: &mut Diagnostics) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (n, (text, at)) in items.iter().enumerate() {
            let key = text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            if let Some(first) = seen.get(&key) {
                out.push(
                    self.error(
                        format!(
                            "question \"{}\" has the {what} \"{text}\" twice",
                            self.id.value
                        ),
                        at,
                    )
                    .with_help(match what {
                        "answer" => format!(
                            "each answer goes with one prompt, and a distractor is an answer no prompt has; this one is also item {} of the pairs and distractors",
                            first + 1
                        ),
                        _ => format!(
                            "each {what} is written once (it is also item {}): reword one of them, or remove it",
                            first + 1
                        ),
                    }),
                );
            } else {
                seen.insert(key, n);
            }
        }
    }
}

/// A matching question's pairs and distractors, validated.
pub(super) fn matching(
    r: &Reader<'_>,
    raw: Vec<RawPair>,
    raw_distractors: Vec<Spanned<String>>,
    out: &mut Diagnostics,
) -> (Vec<Pair>, Vec<String>) {
    let mut pairs = Vec::new();
    let mut prompts = Vec::new();
    let mut answers = Vec::new();
    for pair in &raw {
        match (&pair.prompt, &pair.answer) {
            (Some(prompt), Some(answer))
                if !prompt.value.trim().is_empty() && !answer.value.trim().is_empty() =>
            {
                let p = r.fill.field(prompt, out).trim().to_owned();
                let a = r.fill.field(answer, out).trim().to_owned();
                prompts.push((p.clone(), prompt));
                answers.push((a.clone(), answer));
                pairs.push(Pair {
                    prompt: p,
                    answer: a,
                    feedback: pair.feedback.clone(),
                });
            }
            (_, Some(answer)) if !answer.value.trim().is_empty() => out.push(
                r.error(
                    format!(
                        "question \"{}\": the answer \"{}\" is never used (it has no `prompt`)",
                        r.id.value, answer.value
                    ),
                    answer,
                )
                .with_help("give it a `prompt:`, or, if it is a wrong answer on purpose, list it under `distractors:`"),
            ),
            (Some(prompt), _) => out.push(
                r.error(
                    format!(
                        "question \"{}\": the prompt \"{}\" has no `answer`",
                        r.id.value, prompt.value
                    ),
                    prompt,
                )
                .with_help("give each prompt its `answer:`"),
            ),
            (None, _) => out.push(
                r.error(
                    format!("question \"{}\" has an empty pair", r.id.value),
                    r.id,
                )
                .with_help("each pair has a `prompt:` and an `answer:`"),
            ),
        }
    }
    if raw.len() < 2 {
        r.too_few("pairs", out);
    }
    let mut distractors = Vec::new();
    for d in &raw_distractors {
        if d.value.trim().is_empty() {
            out.push(r.error(
                format!("question \"{}\" has an empty distractor", r.id.value),
                d,
            ));
            continue;
        }
        let text = r.fill.field(d, out).trim().to_owned();
        answers.push((text.clone(), d));
        distractors.push(text);
    }
    r.no_repeats("prompt", &prompts, out);
    r.no_repeats("answer", &answers, out);
    if answers.len() > MAX_CHOICES {
        out.push(
            r.error(
                format!(
                    "question \"{}\" offers {} answers, more than the {MAX_CHOICES} that can be lettered A to Z",
                    r.id.value,
                    answers.len()
                ),
                r.id,
            )
            .with_help("split it into two matching questions"),
        );
    }
    (pairs, distractors)
}

/// An ordering question's steps, validated, in the right order.
pub(super) fn ordering(
    r: &Reader<'_>,
    raw: Vec<Spanned<RawStep>>,
    out: &mut Diagnostics,
) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut texts = Vec::new();
    for item in &raw {
        let text = item.value.text.clone().unwrap_or_else(|| {
            Spanned::new(
                item.value.plain.clone().unwrap_or_default(),
                item.referenced,
                item.defined,
            )
        });
        if text.value.trim().is_empty() {
            out.push(r.error(
                format!("question \"{}\" has an empty step", r.id.value),
                &text,
            ));
            continue;
        }
        let filled = r.fill.field(&text, out).trim().to_owned();
        texts.push((filled.clone(), text.clone()));
        steps.push(Step {
            text: filled,
            feedback: item.value.feedback.clone(),
        });
    }
    if raw.len() < 2 {
        r.too_few("steps", out);
    }
    let texts: Vec<(String, &Spanned<String>)> =
        texts.iter().map(|(t, s)| (t.clone(), s)).collect();
    r.no_repeats("step", &texts, out);
    steps
}

/// A pair as templates see it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PairView {
    /// The prompt (plain text).
    pub(crate) prompt: String,
    /// Its answer (plain text).
    pub(crate) answer: String,
    /// The letter of its answer among the choices (`A`…).
    pub(crate) letter: char,
    /// The place of its answer among the choices, from 0.
    pub(crate) choice: usize,
    /// Its feedback, as sanitised HTML.
    pub(crate) feedback: Option<String>,
}

/// An answer to choose from, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChoiceView {
    /// Its letter, `A`…, in the order shown.
    pub(crate) letter: char,
    /// The answer (plain text).
    pub(crate) text: String,
    /// Whether no prompt has it.
    pub(crate) distractor: bool,
}

/// A step as templates see it, in the order shown.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StepView {
    /// Its text (plain text).
    pub(crate) text: String,
    /// Its place in the right order, from 1.
    pub(crate) position: usize,
    /// Its feedback, as sanitised HTML.
    pub(crate) feedback: Option<String>,
}

/// The letter of the `n`th choice (from 0).
fn letter(n: usize) -> char {
    char::from(b'A' + (n % MAX_CHOICES) as u8)
}

/// The choices of a matching question in the order shown, and each pair
/// with its answer's place among them.
pub(super) fn matching_view(
    id: &str,
    pairs: &[Pair],
    distractors: &[String],
    feedback: &mut dyn FnMut(&Spanned<String>) -> String,
) -> (Vec<PairView>, Vec<ChoiceView>) {
    let all: Vec<&String> = pairs.iter().map(|p| &p.answer).chain(distractors).collect();
    let order = shown_order(&format!("{id}:answers"), all.len());
    let mut place = vec![0; all.len()];
    let choices = order
        .iter()
        .enumerate()
        .map(|(shown, &written)| {
            place[written] = shown;
            ChoiceView {
                letter: letter(shown),
                text: all[written].clone(),
                distractor: written >= pairs.len(),
            }
        })
        .collect();
    let pairs = pairs
        .iter()
        .enumerate()
        .map(|(n, p)| PairView {
            prompt: p.prompt.clone(),
            answer: p.answer.clone(),
            letter: letter(place[n]),
            choice: place[n],
            feedback: p.feedback.as_ref().map(&mut *feedback),
        })
        .collect();
    (pairs, choices)
}

/// The steps of an ordering question in the order shown.
pub(super) fn ordering_view(
    id: &str,
    steps: &[Step],
    feedback: &mut dyn FnMut(&Spanned<String>) -> String,
) -> Vec<StepView> {
    shown_order(&format!("{id}:steps"), steps.len())
        .into_iter()
        .map(|written| StepView {
            text: steps[written].text.clone(),
            position: written + 1,
            feedback: steps[written].feedback.as_ref().map(&mut *feedback),
        })
        .collect()
}
