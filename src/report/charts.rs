//! SVG bar charts for the report, drawn at build time with no chart library.
//! Every bar carries its figure as text, so the chart never relies on colour
//! or length alone, and the same figures are in the table beside it.

use std::fmt::Write as _;

use crate::report::{Row, SelfRow};

use crate::compile::markdown::escaped as esc;

const LABEL: usize = 300;
const BAR: usize = 320;
const ROW: usize = 26;

/// Horizontal bars of each row's percentage.
pub(crate) fn percent_bars(title: &str, rows: &[Row]) -> String {
    let height = rows.len() * ROW + 10;
    let width = LABEL + BAR + 120;
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{}" class="chart">"##,
        esc(title)
    );
    for (i, row) in rows.iter().enumerate() {
        let y = 5 + i * ROW;
        let w = BAR * row.percent() as usize / 100;
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="13" text-anchor="end" fill="#1b1f24">{}</text><rect x="{}" y="{}" width="{BAR}" height="16" fill="#eef1f5" stroke="#c9d1db"/><rect x="{}" y="{}" width="{w}" height="16" fill="#0b5cad"/><text x="{}" y="{}" font-size="13" fill="#1b1f24">{}% ({}/{})</text>"##,
            LABEL - 8,
            y + 13,
            esc(&truncate(&row.label, 42)),
            LABEL,
            y,
            LABEL,
            y,
            LABEL + BAR + 6,
            y + 13,
            row.percent(),
            row.count,
            row.total
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Paired bars (before, after) of each statement's mean rating out of 5.
pub(crate) fn before_after(title: &str, rows: &[SelfRow], before: &str, after: &str) -> String {
    let height = rows.len() * ROW * 2 + 10;
    let width = LABEL + BAR + 120;
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{}" class="chart">"##,
        esc(title)
    );
    for (i, row) in rows.iter().enumerate() {
        let y = 5 + i * ROW * 2;
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="13" text-anchor="end" fill="#1b1f24">{}</text>"##,
            LABEL - 8,
            y + 13,
            esc(&truncate(&row.statement, 42))
        );
        for (j, (label, value, fill)) in [
            (before, row.before, "#8a96a8"),
            (after, row.after, "#0b5cad"),
        ]
        .into_iter()
        .enumerate()
        {
            let yy = y + j * 20;
            let w = (BAR as f64 * value / 5.0).round() as usize;
            let _ = write!(
                svg,
                r##"<rect x="{LABEL}" y="{yy}" width="{w}" height="16" fill="{fill}"/><text x="{}" y="{}" font-size="13" fill="#1b1f24">{}: {value:.1}</text>"##,
                LABEL + w + 6,
                yy + 13,
                esc(label)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}
