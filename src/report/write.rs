//! Writing the report folder: `index.html` (the theme's `report.html`, with
//! SVG charts), `assets/style.css`, and a CSV file per table (through
//! [`CsvFile`], so no cell runs as a spreadsheet formula), all staged and
//! swapped in like every peerprep output.

use std::path::Path;

use minijinja::{Value, context};

use crate::diagnostic::Diagnostic;
use crate::render::theme::Theme;
use crate::report::{Report, Row, charts};
use crate::spreadsheet::{Cell, CsvFile};
use crate::ui::Ui;
use crate::ui::key;
use crate::write::{Sink, Staging, WriteError};

/// Why the report could not be written.
#[derive(Debug)]
pub(crate) enum ReportError {
    /// The output folder is unsafe or the disk failed.
    Write(WriteError),
    /// The theme's report template failed.
    Template(Box<Diagnostic>),
}

impl From<WriteError> for ReportError {
    fn from(e: WriteError) -> Self {
        ReportError::Write(e)
    }
}

impl From<crate::fs::IoError> for ReportError {
    fn from(e: crate::fs::IoError) -> Self {
        ReportError::Write(WriteError::Io(e))
    }
}

/// A table of rows as CSV: id, label, count, total, percent.
fn csv_rows(header: [&str; 5], rows: &[Row]) -> Vec<u8> {
    let mut file = CsvFile::new(&header);
    for r in rows {
        file.row([
            Cell::Text(&r.id),
            Cell::Text(&r.label),
            r.count.into(),
            r.total.into(),
            r.percent().into(),
        ]);
    }
    file.into_bytes()
}

/// Writes `report` into `out` (checked and staged like every output folder).
pub(crate) fn write(
    report: &Report,
    project_root: &Path,
    theme: &Theme,
    ui: &Ui,
    out: &Path,
) -> Result<(), ReportError> {
    let staging = Staging::new(project_root, out, crate::write::OutputKind::Report)?;
    let env = theme.environment();
    let charts = context! {
        modules => Value::from_serialize(charts::percent_bars(ui.get(key!("report_modules")), &report.modules)),
        competencies => Value::from_serialize(charts::percent_bars(ui.get(key!("report_competencies")), &report.competencies)),
        endings => Value::from_serialize(charts::percent_bars(ui.get(key!("report_endings")), &report.endings)),
        self_assessment => Value::from_serialize(charts::before_after(ui.get(key!("self_assessment")), &report.self_assessment, ui.get(key!("at_start")), ui.get(key!("at_end")))),
    };
    let html = env
        .get_template("report.html")
        .and_then(|t| t.render(context! { report => Value::from_serialize(report), charts => charts, ui => Value::from_serialize(ui), root => "" }))
        .map_err(|e| ReportError::Template(Box::new(theme.error_diagnostic(&e))))?;
    staging.write("index.html", html.as_bytes())?;
    for asset in theme
        .assets()
        .map_err(|d| ReportError::Template(Box::new(d)))?
    {
        if asset.path == "style.css" {
            staging.write("assets/style.css", &asset.bytes)?;
        }
    }
    staging.write(
        "modules.csv",
        &csv_rows(
            ["module", "title", "completed", "learners", "percent"],
            &report.modules,
        ),
    )?;
    staging.write(
        "questions.csv",
        &csv_rows(
            ["question", "label", "right", "answered", "percent"],
            &report.questions,
        ),
    )?;
    staging.write(
        "competencies.csv",
        &csv_rows(
            ["competency", "title", "right", "answered", "percent"],
            &report.competencies,
        ),
    )?;
    staging.write(
        "scenario-endings.csv",
        &csv_rows(
            ["ending", "label", "reached", "learners", "percent"],
            &report.endings,
        ),
    )?;
    let mut file = CsvFile::new(&[
        "statement",
        "text",
        "pairs",
        "mean_before",
        "mean_after",
        "mean_change",
    ]);
    for r in &report.self_assessment {
        file.row([
            Cell::Text(&r.id),
            Cell::Text(&r.statement),
            r.pairs.into(),
            Cell::Number(format!("{:.2}", r.before)),
            Cell::Number(format!("{:.2}", r.after)),
            Cell::Number(format!("{:+.2}", r.change)),
        ]);
    }
    staging.write("self-assessment.csv", &file.into_bytes())?;
    if !report.names.is_empty() {
        let mut file = CsvFile::new(&["name"]);
        for n in &report.names {
            file.row([Cell::Text(n)]);
        }
        staging.write("names.csv", &file.into_bytes())?;
    }
    staging.finish()?;
    Ok(())
}
