//! Which of a learner's quiz results count as answers.
//!
//! Input: one export and the [`Course`]. Output: [`Counted`], each course
//! question's counted result (right, wrong, or not answered) and the
//! results for questions the course no longer has.
//!
//! A question left blank is not an answer. Since issue 16, `quiz.js` never
//! records a blank question, and marks every result it records with
//! `"answered": true`; a result with `"answered": false` is not counted.
//! Results without the mark come from an older `quiz.js`, which recorded
//! every question of a quiz when "Check answers" was pressed, a blank one
//! as `"correct": false`. One such result cannot be told from a wrong
//! answer, but a quiz checked with nothing filled in can: every question of
//! the block recorded wrong in the same second. When a block of two or more
//! questions looks like that in an older file, none of its results count
//! (they are [`Counted::set_aside`]); any other older result counts as it
//! is. A learner who really got every question of a quiz wrong at once is
//! shown as not having answered it: the rarer mistake, and the one a
//! facilitator follows up anyway.

use std::collections::BTreeMap;

use crate::report::course::Course;
use crate::report::export::{ExportV1, QuizResult};

/// One learner's quiz results, as the report counts them.
#[derive(Debug, Default)]
pub(crate) struct Counted {
    /// For each question of [`Course::questions`]: `Some(right)` when it
    /// counts as answered.
    pub(crate) answers: Vec<Option<bool>>,
    /// Results from older files not counted because their quiz looks
    /// checked with nothing filled in.
    pub(crate) set_aside: usize,
    /// Results for well-formed ids the course no longer has: id → right.
    pub(crate) unknown: BTreeMap<String, bool>,
}

impl Counted {
    /// Questions answered right.
    pub(crate) fn right(&self) -> usize {
        self.answers.iter().filter(|a| **a == Some(true)).count()
    }

    /// Questions answered.
    pub(crate) fn answered(&self) -> usize {
        self.answers.iter().filter(|a| a.is_some()).count()
    }
}

/// The second a result was recorded in (`2026-11-20T10:00:00`), when known.
fn second(result: &QuizResult) -> Option<&str> {
    result.answered_at.as_deref().and_then(|t| t.get(..19))
}

/// Counts `export`'s quiz results against `course`.
pub(crate) fn count(export: &ExportV1, course: &Course) -> Counted {
    let results: Vec<Option<&QuizResult>> = course
        .questions
        .iter()
        .map(|q| export.quiz.get(&q.id))
        .collect();
    // Blocks that an older quiz.js recorded as checked with nothing filled in.
    let mut blank_block = vec![true; course.blocks];
    let mut size = vec![0usize; course.blocks];
    let mut when: Vec<Option<&str>> = vec![None; course.blocks];
    for (q, result) in course.questions.iter().zip(&results) {
        size[q.block] += 1;
        let looks_blank = match result {
            Some(r) if r.answered.is_none() && !r.correct => match (second(r), when[q.block]) {
                (None, _) => false,
                (Some(s), None) => {
                    when[q.block] = Some(s);
                    true
                }
                (Some(s), Some(first)) => s == first,
            },
            _ => false,
        };
        blank_block[q.block] &= looks_blank;
    }
    let mut counted = Counted::default();
    for (q, result) in course.questions.iter().zip(results) {
        let answer = match result {
            None
            | Some(QuizResult {
                answered: Some(false),
                ..
            }) => None,
            Some(_) if blank_block[q.block] && size[q.block] >= 2 => {
                counted.set_aside += 1;
                None
            }
            Some(r) => Some(r.correct),
        };
        counted.answers.push(answer);
    }
    for (id, result) in &export.quiz {
        if course.question(id).is_none()
            && result.answered != Some(false)
            && crate::slug::is_valid_id(id)
            && id.len() <= 80
        {
            counted.unknown.insert(id.clone(), result.correct);
        }
    }
    counted
}
