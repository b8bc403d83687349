//! The cohort impact report: what a group of mentors did, from the progress
//! files they exported and handed in.
//!
//! Input: export files (`peerprep-progress`, version 1) and the project they
//! belong to. Output: a [`Report`] of the tables (completion per module, quiz
//! results per question and per competency, scenario endings reached,
//! self-assessment before and after) that [`write()`] turns into an HTML page
//! with SVG charts and CSV files. A file that cannot be used (not a regular
//! file, over the size limit, given twice, not a progress export of this
//! course) is skipped with a warning naming it ([`files`], [`export`]);
//! nothing else stops the report.

pub(crate) mod charts;
pub(crate) mod export;
pub(crate) mod files;
pub(crate) mod write;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

pub(crate) use write::write;

use export::{ExportV1, Mark};

use crate::compile::Compiled;
use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::edition::Edition;
use crate::load::Project;

/// The largest export file read.
const MAX_EXPORT_BYTES: u64 = 5 * 1024 * 1024;

/// One usable export, with its name left out when the report is anonymous.
#[derive(Debug)]
struct Export {
    name: Option<String>,
    data: ExportV1,
}

/// A table row: a label and counts out of a total.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Row {
    /// What the row is about.
    pub(crate) label: String,
    /// Its id (module slug, question id …).
    pub(crate) id: String,
    /// How many.
    pub(crate) count: usize,
    /// Out of how many.
    pub(crate) total: usize,
}

impl Row {
    /// `count / total` as a whole percentage.
    pub(crate) fn percent(&self) -> u32 {
        if self.total == 0 {
            0
        } else {
            ((self.count * 100) as f64 / self.total as f64).round() as u32
        }
    }
}

/// Before and after for one self-assessment statement.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SelfRow {
    /// The statement.
    pub(crate) statement: String,
    /// Its id.
    pub(crate) id: String,
    /// Learners who rated it at both times.
    pub(crate) pairs: usize,
    /// Mean rating at the start (of those pairs).
    pub(crate) before: f64,
    /// Mean rating at the end.
    pub(crate) after: f64,
    /// Mean change.
    pub(crate) change: f64,
}

/// Everything the report shows.
#[derive(Debug, Serialize)]
pub(crate) struct Report {
    /// Course title.
    pub(crate) title: String,
    /// Organisation.
    pub(crate) organisation: Option<String>,
    /// BCP 47 language tag of the course.
    pub(crate) language: String,
    /// Usable files.
    pub(crate) learners: usize,
    /// Modules completed (count of learners).
    pub(crate) modules: Vec<Row>,
    /// Quiz questions answered right (count of learners who answered right, of those who answered).
    pub(crate) questions: Vec<Row>,
    /// Quiz answers right per competency.
    pub(crate) competencies: Vec<Row>,
    /// Learners who reached each scenario ending (label "scenario — ending").
    pub(crate) endings: Vec<Row>,
    /// Self-assessment before and after.
    pub(crate) self_assessment: Vec<SelfRow>,
    /// Names, when given and not left out.
    pub(crate) names: Vec<String>,
}

/// Reads each export file, skipping (with a warning) any that cannot be
/// used. Paths and text from the files are escaped for the terminal.
fn read_exports(
    files: &[PathBuf],
    course: &str,
    anonymous: bool,
    out: &mut Diagnostics,
) -> Vec<Export> {
    let mut exports = Vec::new();
    for (path, read) in files::read_all(files, MAX_EXPORT_BYTES) {
        let shown = PathBuf::from(crate::terminal::escape(&path.to_string_lossy()).as_ref());
        let skip = |why: &str| {
            Diagnostic::warning(Code::ExportSkipped, format!("skipped: {why}")).in_file(&shown)
        };
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(why) => {
                out.push(skip(&why.to_string()).with_help_opt(why.help().map(str::to_owned)));
                continue;
            }
        };
        match export::read(&bytes, course) {
            Ok(data) => {
                let name = if anonymous { None } else { data.name.clone() };
                exports.push(Export { name, data });
            }
            Err(unusable) => {
                let mut d = skip(&unusable.why);
                d.line = unusable.line;
                d.column = unusable.column;
                out.push(d);
            }
        }
    }
    exports
}

/// Builds the report from export files; None (with the reasons already pushed) when no file is usable.
pub(crate) fn build(
    project: &Project,
    compiled: &Compiled,
    files: &[PathBuf],
    anonymous: bool,
    out: &mut Diagnostics,
) -> Option<Report> {
    let exports = read_exports(files, &project.config.id, anonymous, out);
    if exports.is_empty() {
        out.push(
            Diagnostic::error(
                Code::NoUsableExport,
                format!(
                    "none of the {} files is a usable progress export for this course",
                    files.len()
                ),
            )
            .with_help("mentors export their progress from the Progress page of the course site"),
        );
        return None;
    }
    let n = exports.len();
    let modules = project
        .modules
        .iter()
        .filter(|m| m.edition.appears_in(Edition::Mentor))
        .map(|m| Row {
            label: m.title.clone(),
            id: m.slug.clone(),
            count: exports
                .iter()
                .filter(|e| e.data.complete.get(&m.slug).is_some_and(Mark::is_set))
                .count(),
            total: n,
        })
        .collect();
    let mut questions = Vec::new();
    let mut by_competency: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (module, quizzes) in project.modules.iter().zip(compiled.modules()) {
        for q in quizzes.quizzes.iter().flat_map(|quiz| &quiz.questions) {
            let answers: Vec<bool> = exports
                .iter()
                .filter_map(|e| e.data.quiz.get(&q.id.value))
                .map(|r| r.correct)
                .collect();
            let right = answers.iter().filter(|&&c| c).count();
            questions.push(Row {
                label: format!("{} ({})", q.id.value, module.title),
                id: q.id.value.clone(),
                count: right,
                total: answers.len(),
            });
            if let Some(c) = &q.competency {
                let entry = by_competency.entry(c.clone()).or_default();
                entry.0 += right;
                entry.1 += answers.len();
            }
        }
    }
    let competencies = project
        .config
        .competencies
        .iter()
        .filter_map(|c| {
            by_competency.get(&c.id).map(|(right, all)| Row {
                label: c.title.clone(),
                id: c.id.clone(),
                count: *right,
                total: *all,
            })
        })
        .collect();
    let mut endings = Vec::new();
    for s in &project.scenarios {
        for node in s.nodes.iter().filter(|n| n.ending.is_some()) {
            let reached = exports
                .iter()
                .filter(|e| {
                    e.data
                        .scenarios
                        .get(&s.id)
                        .is_some_and(|list| list.contains(&node.id))
                })
                .count();
            endings.push(Row {
                label: format!(
                    "{} — {} ({})",
                    s.title,
                    node.id,
                    node.ending.map_or("", |e| e.name())
                ),
                id: format!("{}/{}", s.id, node.id),
                count: reached,
                total: n,
            });
        }
    }
    let self_assessment = project
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
        .collect();
    let mut names: Vec<String> = exports
        .iter()
        .filter_map(|e| e.name.clone())
        .filter(|n| !n.trim().is_empty())
        .collect();
    names.sort();
    Some(Report {
        title: project.config.title.clone(),
        organisation: project.config.organisation.clone(),
        language: project.config.language.clone(),
        learners: n,
        modules,
        questions,
        competencies,
        endings,
        self_assessment,
        names,
    })
}
