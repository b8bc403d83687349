//! The report's tables over the whole cohort: completion per module, quiz
//! results per question and per competency, scenario endings reached and
//! self-assessment before and after.
//!
//! Input: the [`Course`], the usable exports and each one's counted quiz
//! results. Output: rows for the page, the charts and the CSV files.
//! Questions and endings are named in words from the course. Results for
//! ids the course no longer has (a question or ending removed or renamed
//! since the learner answered it) are shown by their id, saying so, after
//! the course's own; only well-formed ids are shown, at most
//! [`MAX_UNKNOWN`] of each, and they count in no other figure.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::load::Project;
use crate::report::answers::Counted;
use crate::report::course::Course;
use crate::report::export::Mark;
use crate::report::{Export, Row, SelfRow};
use crate::ui::{Ui, key};

/// The most rows shown for ids the course no longer has, per table.
pub(crate) const MAX_UNKNOWN: usize = 50;

/// A quiz question's results.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct QuestionRow {
    /// Its id.
    pub(crate) id: String,
    /// The question in words (or its id, saying it is no longer in the course).
    pub(crate) text: String,
    /// The title of its module (empty when no longer in the course).
    pub(crate) module: String,
    /// Whether the course still has it.
    pub(crate) in_course: bool,
    /// Learners who answered it right, of those who answered it.
    pub(crate) row: Row,
}

/// A scenario ending's reach.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EndingRow {
    /// `scenario/ending`.
    pub(crate) id: String,
    /// The scenario's title (or id).
    pub(crate) scenario: String,
    /// The ending's title (or id, saying it is no longer in the course).
    pub(crate) title: String,
    /// `positive`, `mixed` or `negative`; none when no longer in the course.
    pub(crate) kind: Option<&'static str>,
    /// Whether the course still has it.
    pub(crate) in_course: bool,
    /// Learners who reached it, of all; its label (kind and title) is the chart's.
    pub(crate) row: Row,
}

/// `id (no longer in the course)`.
fn gone(id: &str, ui: &Ui) -> String {
    format!("{id} ({})", ui.get(key!("report_not_in_course")))
}

/// Whether an id from a learner's file may be shown: well-formed, as the
/// course's own ids are.
fn showable(id: &str) -> bool {
    crate::slug::is_valid_id(id) && id.len() <= 80
}

/// Learners who completed each module.
pub(crate) fn modules(course: &Course, exports: &[Export]) -> Vec<Row> {
    course
        .modules
        .iter()
        .map(|m| {
            let done = exports
                .iter()
                .filter(|e| e.data.complete.get(&m.slug).is_some_and(Mark::is_set))
                .count();
            Row::new(m.title.clone(), m.slug.clone(), done, exports.len())
        })
        .collect()
}

/// Right answers of each question, of the answers counted.
pub(crate) fn questions(course: &Course, counted: &[Counted], ui: &Ui) -> Vec<QuestionRow> {
    let mut rows: Vec<QuestionRow> = course
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let answers: Vec<bool> = counted.iter().filter_map(|c| c.answers[i]).collect();
            let right = answers.iter().filter(|&&r| r).count();
            QuestionRow {
                id: q.id.clone(),
                text: q.text.clone(),
                module: course.modules[q.module].title.clone(),
                in_course: true,
                row: Row::new(q.text.clone(), q.id.clone(), right, answers.len()),
            }
        })
        .collect();
    let mut unknown: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (id, right) in counted.iter().flat_map(|c| &c.unknown) {
        let entry = unknown.entry(id).or_default();
        entry.0 += usize::from(*right);
        entry.1 += 1;
    }
    rows.extend(
        unknown
            .into_iter()
            .take(MAX_UNKNOWN)
            .map(|(id, (right, all))| QuestionRow {
                id: id.to_owned(),
                text: gone(id, ui),
                module: String::new(),
                in_course: false,
                row: Row::new(gone(id, ui), id.to_owned(), right, all),
            }),
    );
    rows
}

/// Right answers per competency, over the course's questions.
pub(crate) fn competencies(project: &Project, course: &Course, counted: &[Counted]) -> Vec<Row> {
    project
        .config
        .competencies
        .iter()
        .filter_map(|c| {
            let mine: Vec<usize> = course
                .questions
                .iter()
                .enumerate()
                .filter(|(_, q)| q.competency.as_deref() == Some(c.id.as_str()))
                .map(|(i, _)| i)
                .collect();
            if mine.is_empty() {
                return None;
            }
            let answers: Vec<bool> = counted
                .iter()
                .flat_map(|k| mine.iter().filter_map(|&i| k.answers[i]))
                .collect();
            let right = answers.iter().filter(|&&r| r).count();
            Some(Row::new(
                c.title.clone(),
                c.id.clone(),
                right,
                answers.len(),
            ))
        })
        .collect()
}

/// Learners who reached each ending.
pub(crate) fn endings(course: &Course, exports: &[Export], ui: &Ui) -> Vec<EndingRow> {
    let n = exports.len();
    // Endings the course no longer has, by scenario id (the first MAX_UNKNOWN of them).
    let mut unknown: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for x in exports {
        for (sid, list) in &x.data.scenarios {
            let known = course.scenario(sid);
            if !showable(sid) {
                continue;
            }
            // Each ending once per learner (a hostile list may repeat one many times).
            let mut seen: HashSet<&str> = HashSet::new();
            for eid in list {
                let in_course = known.is_some_and(|s| s.endings.iter().any(|e| &e.id == eid));
                if !in_course && showable(eid) && seen.insert(eid) {
                    *unknown.entry((sid, eid)).or_default() += 1;
                }
            }
        }
    }
    let mut unknown: Vec<((&str, &str), usize)> = unknown.into_iter().take(MAX_UNKNOWN).collect();
    let gone_row = |scenario: String, (sid, eid): (&str, &str), reached: usize| {
        let title = gone(eid, ui);
        EndingRow {
            id: format!("{sid}/{eid}"),
            row: Row::new(title.clone(), format!("{sid}/{eid}"), reached, n),
            scenario,
            title,
            kind: None,
            in_course: false,
        }
    };
    let mut rows = Vec::new();
    for s in &course.scenarios {
        for e in &s.endings {
            let reached = exports
                .iter()
                .filter(|x| {
                    x.data
                        .scenarios
                        .get(&s.id)
                        .is_some_and(|list| list.contains(&e.id))
                })
                .count();
            let kind = ui.get(match e.kind {
                crate::load::scenario::Ending::Positive => key!("ending_positive"),
                crate::load::scenario::Ending::Mixed => key!("ending_mixed"),
                crate::load::scenario::Ending::Negative => key!("ending_negative"),
            });
            rows.push(EndingRow {
                id: format!("{}/{}", s.id, e.id),
                scenario: s.title.clone(),
                title: e.title.clone(),
                kind: Some(e.kind.name()),
                in_course: true,
                row: Row::new(
                    format!("{kind}: {}", e.title),
                    format!("{}/{}", s.id, e.id),
                    reached,
                    n,
                ),
            });
        }
        // Its endings that are gone, right after its own.
        for (key, reached) in unknown.iter().filter(|((sid, _), _)| *sid == s.id) {
            rows.push(gone_row(s.title.clone(), *key, *reached));
        }
        unknown.retain(|((sid, _), _)| *sid != s.id);
    }
    for (key, reached) in unknown {
        rows.push(gone_row(gone(key.0, ui), key, reached));
    }
    rows
}

/// Mean ratings of each statement, over learners who rated it twice.
pub(crate) fn self_assessment(project: &Project, exports: &[Export]) -> Vec<SelfRow> {
    project
        .config
        .self_assessment
        .iter()
        .map(|st| {
            let pairs: Vec<(f64, f64)> = exports
                .iter()
                .filter_map(|e| e.data.self_assessment.get(&st.id)?.pair())
                .collect();
            let mean = |f: fn(&(f64, f64)) -> f64| {
                if pairs.is_empty() {
                    0.0
                } else {
                    pairs.iter().map(f).sum::<f64>() / pairs.len() as f64
                }
            };
            let before = mean(|p| p.0);
            let after = mean(|p| p.1);
            SelfRow {
                statement: st.statement.clone(),
                id: st.id.clone(),
                pairs: pairs.len(),
                before,
                after,
                change: after - before,
            }
        })
        .collect()
}
