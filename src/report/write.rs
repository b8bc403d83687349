//! Writing the report folder: `index.html` (the theme's `report.html`, with
//! SVG charts), `assets/style.css`, and a CSV file per table
//! ([`csv_files`]), all staged and swapped in like every peerprep output.

use std::path::Path;

use minijinja::{Value, context};
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::render::theme::Theme;
use crate::report::tables::EndingRow;
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

/// A scenario's endings, with their chart.
#[derive(Serialize)]
struct EndingGroup<'a> {
    /// The scenario's title.
    scenario: &'a str,
    /// Its endings' chart.
    chart: charts::Chart,
    /// Its endings.
    rows: Vec<&'a EndingRow>,
}

/// The endings, scenario by scenario (by id: two scenarios may share a
/// title), in order.
fn ending_groups(endings: &[EndingRow]) -> Vec<(&str, Vec<&EndingRow>)> {
    let scenario_id = |e: &EndingRow| e.id.split('/').next().unwrap_or_default().to_owned();
    let mut groups: Vec<(&str, Vec<&EndingRow>)> = Vec::new();
    for e in endings {
        match groups.last_mut() {
            Some((_, rows)) if scenario_id(rows[0]) == scenario_id(e) => rows.push(e),
            _ => groups.push((&e.scenario, vec![e])),
        }
    }
    groups
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
    let endings: Vec<EndingGroup<'_>> = ending_groups(&report.endings)
        .into_iter()
        .map(|(scenario, rows)| {
            let bars: Vec<Row> = rows.iter().map(|e| e.row.clone()).collect();
            let title = format!("{}: {scenario}", ui.get(key!("report_endings")));
            EndingGroup {
                scenario,
                chart: charts::percent_bars(&title, &bars, figure, none),
                rows,
            }
        })
        .collect();
    let charts = context! {
        modules => Value::from_serialize(charts::percent_bars(ui.get(key!("report_modules")), &report.modules, figure, none)),
        competencies => Value::from_serialize(charts::percent_bars(ui.get(key!("report_competencies")), &report.competencies, figure, none)),
        endings => Value::from_serialize(&endings),
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
