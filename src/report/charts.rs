//! Bar charts for the report, drawn at build time with no chart library by
//! the theme's `partials/chart.svg`: here each label is wrapped and each
//! bar measured and placed; the template draws them. Every bar carries its
//! figure as text, so the chart never relies on colour or length alone; the
//! whole chart's figures are its text alternative (`summary`), and the same
//! figures are in the table beside it.
//!
//! No label is cut short: each sits on its own lines above its bar, wrapped
//! to the chart's width by a deliberately generous estimate of how wide the
//! text is ([`text_width`]), and the chart is made wider when a figure needs
//! it, so every text stays inside the chart's `viewBox` (a browser test
//! measures it). The chart scales down with the page on a phone.

use serde::Serialize;

use crate::report::{Row, SelfRow};

/// The font size of every text, in the chart's units.
const FONT: f64 = 14.0;
/// From one label line's baseline to the next.
const LINE: usize = 18;
/// The full length of a bar.
const BAR: usize = 200;
/// A bar's height.
const BAR_HEIGHT: usize = 16;
/// Space between a bar and its figure.
const GAP: usize = 8;
/// Space after each row.
const ROW_GAP: usize = 14;
/// The narrowest chart.
const MIN_WIDTH: usize = 360;
/// Where labels start: a little in, as some letters (a `T`, a `W`) reach
/// left of where their text starts.
const LABEL_X: usize = 2;

/// A chart as `partials/chart.svg` draws it.
#[derive(Debug, Serialize)]
pub(crate) struct Chart {
    /// What it shows (its accessible name starts with it).
    pub(crate) title: String,
    /// Its text alternative: the title and every row's label and figures.
    pub(crate) summary: String,
    /// Its width.
    pub(crate) width: usize,
    /// Its height.
    pub(crate) height: usize,
    /// The full length of a bar.
    pub(crate) bar_length: usize,
    /// Where a percentage's figure starts.
    pub(crate) figure_x: usize,
    /// Where the labels start.
    pub(crate) label_x: usize,
    /// One group per row: its label and its bars.
    pub(crate) rows: Vec<ChartRow>,
}

/// One line of a label.
#[derive(Debug, Serialize)]
pub(crate) struct Line {
    /// Its text.
    pub(crate) text: String,
    /// Its baseline.
    pub(crate) y: usize,
}

/// One row of a chart: a label and one bar (percentages) or two (before, after).
#[derive(Debug, Serialize)]
pub(crate) struct ChartRow {
    /// The row's label, wrapped to the chart's width.
    pub(crate) lines: Vec<Line>,
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
    /// Where the figure starts.
    pub(crate) text_x: usize,
    /// The figure's baseline.
    pub(crate) text_y: usize,
    /// `percent`, `empty` (nothing to show yet), `before` or `after`: the
    /// template draws and colours each.
    pub(crate) kind: &'static str,
}

/// How wide `text` is at most at `font` size, in the same units: each
/// character by a generous estimate of its width in common sans-serif
/// fonts (DejaVu Sans, the widest of them, included).
pub(crate) fn text_width(text: &str, font: f64) -> f64 {
    text.chars().map(|c| em(c) * font).sum()
}

/// A character's width, in ems, rounded up.
fn em(c: char) -> f64 {
    match c {
        ' ' => 0.34,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' | 'I' => 0.36,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '"' | '‘' | '’' | '“' | '”' => 0.52,
        'm' | 'w' | 'M' | 'W' | '%' | '@' | '—' | '…' | '&' => 1.02,
        'A'..='Z' => 0.82,
        'a'..='z' | '0'..='9' => 0.66,
        c if c.is_ascii() => 0.84,
        c if is_wide(c) => 1.1,
        _ => 0.92,
    }
}

/// East Asian wide characters and emoji, a full em or more.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F000..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// `text` in lines no wider than `width`: word by word, and a word wider
/// than a line character by character, with a `-` where it is broken.
pub(crate) fn wrap(text: &str, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if text_width(&candidate, FONT) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if text_width(word, FONT) <= width {
            line = word.to_owned();
            continue;
        }
        for c in word.chars() {
            if !line.is_empty() && text_width(&format!("{line}{c}-"), FONT) > width {
                line.push('-');
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The width of a chart whose figures start at `figure_x` at the latest.
fn width_for(figures: impl Iterator<Item = String>, figure_x: usize) -> usize {
    let widest = figures
        .map(|f| text_width(&f, FONT).ceil() as usize)
        .max()
        .unwrap_or(0);
    MIN_WIDTH.max(figure_x + widest + 2)
}

/// Lines of a label starting at `top`; returns them and where the bars start.
fn label_lines(label: &str, width: usize, top: usize) -> (Vec<Line>, usize) {
    let lines: Vec<Line> = wrap(label, (width - 2 * LABEL_X) as f64)
        .into_iter()
        .enumerate()
        .map(|(i, text)| Line {
            text,
            y: top + FONT as usize + i * LINE,
        })
        .collect();
    let bars = top + lines.len() * LINE + 4;
    (lines, bars)
}

/// A row's figure: `figure` (`{percent}% ({count} of {total})`) filled in,
/// or `none` when nobody could have a figure yet.
fn percent_text(row: &Row, figure: &str, none: &str) -> String {
    match row.percent {
        Some(p) => figure
            .replace("{percent}", &p.to_string())
            .replace("{count}", &row.count.to_string())
            .replace("{total}", &row.total.to_string()),
        None => none.to_owned(),
    }
}

/// Horizontal bars of each row's percentage, figures written with
/// `figure` (or `none` for a row with nothing to count).
pub(crate) fn percent_bars(title: &str, rows: &[Row], figure: &str, none: &str) -> Chart {
    let figure_x = BAR + GAP;
    let figures: Vec<String> = rows.iter().map(|r| percent_text(r, figure, none)).collect();
    let width = width_for(figures.iter().cloned(), figure_x);
    let mut top = 4;
    let mut summary = vec![title.to_owned()];
    let chart_rows = rows
        .iter()
        .zip(figures)
        .map(|(row, text)| {
            let (lines, y) = label_lines(&row.label, width, top);
            top = y + BAR_HEIGHT + ROW_GAP;
            summary.push(format!("{}: {text}", row.label));
            ChartRow {
                lines,
                bars: vec![Bar {
                    y,
                    length: BAR * row.percent.unwrap_or(0) as usize / 100,
                    text,
                    text_x: figure_x,
                    text_y: y + 13,
                    kind: if row.percent.is_some() {
                        "percent"
                    } else {
                        "empty"
                    },
                }],
            }
        })
        .collect();
    Chart {
        title: title.to_owned(),
        summary: summary.join(". ") + ".",
        width,
        height: top.saturating_sub(ROW_GAP) + 4,
        bar_length: BAR,
        figure_x,
        label_x: LABEL_X,
        rows: chart_rows,
    }
}

/// Paired bars (before, after) of each statement's mean rating out of 5.
pub(crate) fn before_after(title: &str, rows: &[SelfRow], before: &str, after: &str) -> Chart {
    let figure = |label: &str, value: f64| format!("{label}: {value:.1}");
    let figures = rows
        .iter()
        .flat_map(|r| [figure(before, r.before), figure(after, r.after)]);
    let width = width_for(figures, BAR + 6);
    let mut top = 4;
    let mut summary = vec![title.to_owned()];
    let chart_rows = rows
        .iter()
        .map(|row| {
            let (lines, y) = label_lines(&row.statement, width, top);
            top = y + 20 + BAR_HEIGHT + ROW_GAP;
            summary.push(format!(
                "{}: {}, {}",
                row.statement,
                figure(before, row.before),
                figure(after, row.after)
            ));
            let bar = |j: usize, label: &str, value: f64, kind| {
                let length = (BAR as f64 * value / 5.0).round() as usize;
                Bar {
                    y: y + j * 20,
                    length,
                    text: figure(label, value),
                    text_x: length + 6,
                    text_y: y + j * 20 + 13,
                    kind,
                }
            };
            ChartRow {
                lines,
                bars: vec![
                    bar(0, before, row.before, "before"),
                    bar(1, after, row.after, "after"),
                ],
            }
        })
        .collect();
    Chart {
        title: title.to_owned(),
        summary: summary.join(". ") + ".",
        width,
        height: top.saturating_sub(ROW_GAP) + 4,
        bar_length: BAR,
        figure_x: BAR + GAP,
        label_x: LABEL_X,
        rows: chart_rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, count: usize, total: usize) -> Row {
        Row::new(label.to_owned(), "x".to_owned(), count, total)
    }

    #[test]
    fn long_labels_wrap_inside_the_chart_and_are_never_cut_issue_16() {
        let long = "Promise you won't tell — Good practice ending: Amara decides to screenshot the messages and give them…";
        let caps = "SAFEGUARDING, DISCLOSURES AND SIGNPOSTING WHEN WORRIED";
        let word = "Unterstützungsmöglichkeitenübersichtsverzeichnis".repeat(2);
        let chart = percent_bars(
            "Endings",
            &[row(long, 1, 2), row(caps, 0, 2), row(&word, 2, 2)],
            "{percent}% ({count} of {total})",
            "not practised yet",
        );
        for r in &chart.rows {
            for line in &r.lines {
                assert!(
                    (chart.label_x as f64) + text_width(&line.text, FONT) <= chart.width as f64,
                    "{line:?} is wider than {}",
                    chart.width
                );
                assert!(line.y <= chart.height);
            }
            for bar in &r.bars {
                assert!(bar.text_x as f64 + text_width(&bar.text, FONT) <= chart.width as f64);
                assert!(bar.y + BAR_HEIGHT <= chart.height);
            }
        }
        let words = |r: &ChartRow| {
            r.lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(words(&chart.rows[0]), long, "every word is kept");
        let broken = &chart.rows[2].lines;
        assert!(broken.len() > 1);
        assert!(
            broken[..broken.len() - 1]
                .iter()
                .all(|l| l.text.ends_with('-'))
        );
        assert_eq!(
            broken
                .iter()
                .map(|l| l.text.trim_end_matches('-'))
                .collect::<String>(),
            word
        );
        assert!(chart.rows[0].lines.len() > 1);
    }

    #[test]
    fn nothing_to_count_is_said_in_words_not_as_zero_of_zero_issue_16() {
        let chart = percent_bars(
            "Skills",
            &[row("Listening", 0, 0), row("Boundaries", 1, 2)],
            "{percent}% ({count} of {total})",
            "not practised yet",
        );
        assert_eq!(chart.rows[0].bars[0].text, "not practised yet");
        assert_eq!(chart.rows[0].bars[0].kind, "empty");
        assert_eq!(chart.rows[1].bars[0].text, "50% (1 of 2)");
        assert_eq!(
            chart.summary,
            "Skills. Listening: not practised yet. Boundaries: 50% (1 of 2)."
        );
    }

    #[test]
    fn a_long_figure_widens_the_chart() {
        let chart = percent_bars(
            "Skills",
            &[row("Listening", 0, 0)],
            "{percent}%",
            &"nobody has practised this skill yet, so there is nothing to show".repeat(2),
        );
        let bar = &chart.rows[0].bars[0];
        assert!(chart.width > MIN_WIDTH);
        assert!(bar.text_x as f64 + text_width(&bar.text, FONT) <= chart.width as f64);
    }
}
