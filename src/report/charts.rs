//! Bar charts for the report, drawn at build time with no chart library by
//! the theme's `partials/chart.svg`: here each bar is measured and placed;
//! the template draws it. Every bar carries its figure as text, so the chart
//! never relies on colour or length alone, and the same figures are in the
//! table beside it.

use serde::Serialize;

use crate::report::{Row, SelfRow};

const LABEL: usize = 300;
const BAR: usize = 320;
const ROW: usize = 26;

/// A chart as `partials/chart.svg` draws it.
#[derive(Debug, Serialize)]
pub(crate) struct Chart {
    /// What it shows (its accessible name).
    pub(crate) title: String,
    /// Its width.
    pub(crate) width: usize,
    /// Its height.
    pub(crate) height: usize,
    /// Where the bars start (the labels end 8 before it).
    pub(crate) label_width: usize,
    /// The full length of a bar.
    pub(crate) bar_length: usize,
    /// One group per row: its label and its bars.
    pub(crate) rows: Vec<ChartRow>,
}

/// One row of a chart: a label and one bar (percentages) or two (before, after).
#[derive(Debug, Serialize)]
pub(crate) struct ChartRow {
    /// The row's label, shortened to fit.
    pub(crate) label: String,
    /// Where the label's baseline is.
    pub(crate) y: usize,
    /// Its bars.
    pub(crate) bars: Vec<Bar>,
}

/// One bar.
#[derive(Debug, Serialize)]
pub(crate) struct Bar {
    /// Its top.
    pub(crate) y: usize,
    /// Its length.
    pub(crate) length: usize,
    /// Its figure, as text beside it.
    pub(crate) text: String,
    /// `percent`, `before` or `after`: the template colours each.
    pub(crate) kind: &'static str,
}

/// Horizontal bars of each row's percentage.
pub(crate) fn percent_bars(title: &str, rows: &[Row]) -> Chart {
    Chart {
        title: title.to_owned(),
        width: LABEL + BAR + 120,
        height: rows.len() * ROW + 10,
        label_width: LABEL,
        bar_length: BAR,
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let y = 5 + i * ROW;
                ChartRow {
                    label: truncate(&row.label, 42),
                    y: y + 13,
                    bars: vec![Bar {
                        y,
                        length: BAR * row.percent() as usize / 100,
                        text: format!("{}% ({}/{})", row.percent(), row.count, row.total),
                        kind: "percent",
                    }],
                }
            })
            .collect(),
    }
}

/// Paired bars (before, after) of each statement's mean rating out of 5.
pub(crate) fn before_after(title: &str, rows: &[SelfRow], before: &str, after: &str) -> Chart {
    Chart {
        title: title.to_owned(),
        width: LABEL + BAR + 120,
        height: rows.len() * ROW * 2 + 10,
        label_width: LABEL,
        bar_length: BAR,
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let y = 5 + i * ROW * 2;
                let bar = |j: usize, label: &str, value: f64, kind| Bar {
                    y: y + j * 20,
                    length: (BAR as f64 * value / 5.0).round() as usize,
                    text: format!("{label}: {value:.1}"),
                    kind,
                };
                ChartRow {
                    label: truncate(&row.statement, 42),
                    y: y + 13,
                    bars: vec![
                        bar(0, before, row.before, "before"),
                        bar(1, after, row.after, "after"),
                    ],
                }
            })
            .collect(),
    }
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}
