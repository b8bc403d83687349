//! Writing the report folder: `index.html` (the theme's `report.html`, with
//! SVG charts), `assets/style.css`, and a CSV file per table, all staged and
//! swapped in like every peerprep output.

use std::path::Path;

use minijinja::{Value, context};

use crate::diagnostic::Diagnostic;
use crate::render::theme::Theme;
use crate::report::{Report, Row, charts};
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

fn csv_rows(header: [&str; 5], rows: &[Row]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record([
            r.id.as_str(),
            r.label.as_str(),
            &r.count.to_string(),
            &r.total.to_string(),
            &r.percent().to_string(),
        ]);
    }
    w.into_inner().unwrap_or_default()
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
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "statement",
        "text",
        "pairs",
        "mean_before",
        "mean_after",
        "mean_change",
    ]);
    for r in &report.self_assessment {
        let _ = w.write_record([
            r.id.as_str(),
            r.statement.as_str(),
            &r.pairs.to_string(),
            &format!("{:.2}", r.before),
            &format!("{:.2}", r.after),
            &format!("{:+.2}", r.change),
        ]);
    }
    staging.write("self-assessment.csv", &w.into_inner().unwrap_or_default())?;
    if !report.names.is_empty() {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(["name"]);
        for n in &report.names {
            let _ = w.write_record([n]);
        }
        staging.write("names.csv", &w.into_inner().unwrap_or_default())?;
    }
    staging.finish()?;
    Ok(())
}
