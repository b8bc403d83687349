//! Writing the report folder: `index.html` (the theme's `report.html`, with
//! SVG charts), `assets/style.css`, and a CSV file per table
//! ([`csv_files`]), all staged and swapped in like every peerprep output.

use std::path::Path;

use minijinja::{Value, context};

use crate::diagnostic::Diagnostic;
use crate::render::theme::Theme;
use crate::report::{Report, Row, charts, csv_files};
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
    let figure = ui.get(key!("report_figure"));
    let none = ui.get(key!("report_not_practised"));
    let endings: Vec<Row> = report.endings.iter().map(|e| e.row.clone()).collect();
    let charts = context! {
        modules => Value::from_serialize(charts::percent_bars(ui.get(key!("report_modules")), &report.modules, figure, none)),
        competencies => Value::from_serialize(charts::percent_bars(ui.get(key!("report_competencies")), &report.competencies, figure, none)),
        endings => Value::from_serialize(charts::percent_bars(ui.get(key!("report_endings")), &endings, figure, none)),
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
    for (name, bytes) in csv_files::files(report) {
        staging.write(name, &bytes)?;
    }
    staging.finish()?;
    Ok(())
}
