//! The cohort impact report: what a group of mentors did, from the progress
//! files they exported and handed in.
//!
//! Input: export files (`peerprep-progress`, version 1) and the project they
//! belong to. Output: a [`Report`] of the tables (a row per learner and who
//! has not finished, completion per module, quiz results per question and
//! per competency, scenario endings reached, self-assessment before and
//! after) that [`write()`] turns into an HTML page with SVG charts and CSV
//! files. Questions and endings are named in words from the course
//! ([`course`]); an id the course no longer has is shown as it is, saying
//! so. Blank quiz answers are not counted ([`answers`]). A file that cannot
//! be used (not a regular file, over the size limit, given twice, not a
//! progress export of this course) is skipped with a warning naming it
//! ([`files`], [`export`]); nothing else stops the report.

pub(crate) mod answers;
pub(crate) mod charts;
pub(crate) mod course;
pub(crate) mod csv_files;
pub(crate) mod export;
pub(crate) mod files;
pub(crate) mod learners;
pub(crate) mod tables;
pub(crate) mod write;

use std::path::PathBuf;

use serde::Serialize;

pub(crate) use write::write;

use export::ExportV1;

use crate::compile::Compiled;
use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::Project;

/// The largest export file read.
const MAX_EXPORT_BYTES: u64 = 5 * 1024 * 1024;

/// One usable export, with its name and file name left out when the report
/// is anonymous.
#[derive(Debug)]
pub(crate) struct Export {
    /// The path it was given as (the report's order).
    path: PathBuf,
    /// Its file name, without the folder.
    pub(crate) file: Option<String>,
    /// The learner's name, if they put it in the file.
    pub(crate) name: Option<String>,
    /// What it holds.
    pub(crate) data: ExportV1,
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
    /// `count / total` as a whole percentage; none when the total is 0.
    pub(crate) percent: Option<u32>,
}

impl Row {
    /// A row of `count` out of `total`.
    pub(crate) fn new(label: String, id: String, count: usize, total: usize) -> Self {
        let percent = (total > 0).then(|| ((count * 100) as f64 / total as f64).round() as u32);
        Self {
            label,
            id,
            count,
            total,
            percent,
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
    /// Its writing direction, for `<html dir>`: `rtl` or `ltr`.
    pub(crate) dir: &'static str,
    /// Usable files.
    pub(crate) learners: usize,
    /// Learners who have finished.
    pub(crate) finished: usize,
    /// Modules completed, over every learner.
    pub(crate) modules_done: Row,
    /// Quiz answers right, of those counted, over every learner.
    pub(crate) answers_right: Row,
    /// Whether names and file names are left out.
    pub(crate) anonymous: bool,
    /// A row per learner, in the order of their files' paths.
    pub(crate) people: Vec<learners::Learner>,
    /// Modules completed (count of learners).
    pub(crate) modules: Vec<Row>,
    /// Quiz questions answered right (of those who answered).
    pub(crate) questions: Vec<tables::QuestionRow>,
    /// Quiz answers right per competency.
    pub(crate) competencies: Vec<Row>,
    /// Learners who reached each scenario ending.
    pub(crate) endings: Vec<tables::EndingRow>,
    /// Self-assessment before and after.
    pub(crate) self_assessment: Vec<SelfRow>,
    /// Quiz results from older files not counted as answers ([`answers`]).
    pub(crate) set_aside: usize,
    /// Names, when given and not left out.
    pub(crate) names: Vec<String>,
}

/// Reads each export file, skipping (with a warning) any that cannot be
/// used. Paths and text from the files are escaped for the terminal. The
/// exports are returned in the order of their paths, so that the same files
/// always give the same report, whatever order they were named in.
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
            Ok(data) => exports.push(Export {
                path: path.to_path_buf(),
                file: (!anonymous)
                    .then(|| path.file_name().map(|f| f.to_string_lossy().into_owned()))
                    .flatten(),
                name: if anonymous { None } else { data.name.clone() },
                data,
            }),
            Err(unusable) => {
                let mut d = skip(&unusable.why);
                d.line = unusable.line;
                d.column = unusable.column;
                out.push(d);
            }
        }
    }
    exports.sort_by(|a, b| a.path.cmp(&b.path));
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
    let ui = &project.config.ui;
    let course = course::Course::new(project, compiled);
    let counted: Vec<answers::Counted> = exports
        .iter()
        .map(|e| answers::count(&e.data, &course))
        .collect();
    let people: Vec<learners::Learner> = exports
        .iter()
        .zip(&counted)
        .enumerate()
        .map(|(i, (e, c))| learners::learner(i + 1, e, c, &course, ui))
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
        dir: crate::ui::pack::direction(&project.config.language),
        learners: exports.len(),
        finished: people.iter().filter(|p| p.finished).count(),
        modules_done: Row::new(
            String::new(),
            String::new(),
            people.iter().map(|p| p.modules_done).sum(),
            people.iter().map(|p| p.modules).sum(),
        ),
        answers_right: Row::new(
            String::new(),
            String::new(),
            people.iter().map(|p| p.right).sum(),
            people.iter().map(|p| p.answered).sum(),
        ),
        anonymous,
        modules: tables::modules(&course, &exports),
        questions: tables::questions(&course, &counted, ui),
        competencies: tables::competencies(project, &course, &counted),
        endings: tables::endings(&course, &exports, ui),
        self_assessment: tables::self_assessment(project, &exports),
        set_aside: counted.iter().map(|c| c.set_aside).sum(),
        people,
        names,
    })
}
