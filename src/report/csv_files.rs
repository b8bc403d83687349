//! The report's CSV files, one per table, for a spreadsheet: every one
//! written through [`CsvFile`], so no cell runs as a formula.
//!
//! Input: the [`Report`]. Output: (file name, bytes) pairs. Questions and
//! endings are named in words, as on the page; a percentage nobody could
//! have yet (a question nobody answered, a skill nobody practised) is an
//! empty cell, never `0`.

use crate::report::{Report, Row};
use crate::spreadsheet::{Cell, CsvFile};

/// A percentage, or an empty cell when there is nothing to count.
fn percent(row: &Row) -> Cell<'static> {
    Cell::Number(row.percent.map(|p| p.to_string()).unwrap_or_default())
}

/// Text cells joined with `; `.
fn list(items: &[String]) -> String {
    items.join("; ")
}

/// A table of counted rows (id, label, count, total, percent) under `header`.
fn counted(header: [&str; 5], rows: &[Row]) -> Vec<u8> {
    let mut file = CsvFile::new(&header);
    for r in rows {
        file.row([
            Cell::Text(&r.id),
            Cell::Text(&r.label),
            r.count.into(),
            r.total.into(),
            percent(r),
        ]);
    }
    file.into_bytes()
}

/// Every CSV file of the report: its name and its bytes.
pub(crate) fn files(report: &Report) -> Vec<(&'static str, Vec<u8>)> {
    let mut files = Vec::new();

    files.push((
        "modules.csv",
        counted(
            ["module", "title", "completed", "learners", "percent"],
            &report.modules,
        ),
    ));

    let mut file = CsvFile::new(&["question", "text", "module", "right", "answered", "percent"]);
    for q in &report.questions {
        file.row([
            Cell::Text(&q.id),
            Cell::Text(&q.text),
            Cell::Text(&q.module),
            q.row.count.into(),
            q.row.total.into(),
            percent(&q.row),
        ]);
    }
    files.push(("questions.csv", file.into_bytes()));

    files.push((
        "competencies.csv",
        counted(
            ["competency", "title", "right", "answered", "percent"],
            &report.competencies,
        ),
    ));

    let mut file = CsvFile::new(&[
        "ending", "scenario", "title", "kind", "reached", "learners", "percent",
    ]);
    for e in &report.endings {
        file.row([
            Cell::Text(&e.id),
            Cell::Text(&e.scenario),
            Cell::Text(&e.title),
            Cell::Text(e.kind.unwrap_or("")),
            e.row.count.into(),
            e.row.total.into(),
            percent(&e.row),
        ]);
    }
    files.push(("scenario-endings.csv", file.into_bytes()));

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
    files.push(("self-assessment.csv", file.into_bytes()));

    let mut header = vec!["learner"];
    if !report.anonymous {
        header.push("file");
    }
    header.extend([
        "modules_done",
        "modules",
        "right",
        "answered",
        "questions",
        "endings_found",
        "scenarios_played",
        "scenarios",
        "finished",
        "modules_not_done",
        "questions_not_answered",
        "scenarios_not_played",
    ]);
    let mut file = CsvFile::new(&header);
    for l in &report.people {
        let (not_done, unplayed) = (list(&l.missing_modules), list(&l.unplayed));
        let mut cells = vec![Cell::Text(&l.label)];
        if !report.anonymous {
            cells.push(Cell::Text(l.file.as_deref().unwrap_or("")));
        }
        cells.extend([
            l.modules_done.into(),
            l.modules.into(),
            l.right.into(),
            l.answered.into(),
            l.questions.into(),
            l.endings_found.into(),
            l.scenarios_played.into(),
            l.scenarios.into(),
            Cell::Text(if l.finished { "yes" } else { "no" }),
            Cell::Text(&not_done),
            l.unanswered.into(),
            Cell::Text(&unplayed),
        ]);
        file.row(cells);
    }
    files.push(("learners.csv", file.into_bytes()));

    if !report.names.is_empty() {
        let mut file = CsvFile::new(&["name"]);
        for n in &report.names {
            file.row([Cell::Text(n)]);
        }
        files.push(("names.csv", file.into_bytes()));
    }
    files
}
