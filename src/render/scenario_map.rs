//! The scenario map: an SVG graph of nodes and choices, generated at build
//! time with no JavaScript. Nodes are laid out in columns by their distance
//! from the start; endings are marked by shape and text (not colour alone) and
//! escalation nodes by a double border and a label.

use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;

use pulldown_cmark_escape::escape_html;

use crate::load::scenario::{Ending, Node, Scenario};
use crate::ui::Ui;

const W: usize = 190;
const H: usize = 62;
const COL: usize = 270;
const ROW: usize = 92;
const PAD: usize = 24;

fn esc(text: &str) -> String {
    let mut out = String::new();
    let _ = escape_html(&mut out, text);
    out
}

/// Column and row of every node: columns by distance from the start.
fn layout(s: &Scenario) -> Vec<(usize, usize)> {
    let index: HashMap<&str, usize> = s.index();
    let mut depth = vec![usize::MAX; s.nodes.len()];
    let mut queue = VecDeque::new();
    if let Some(&start) = index.get(s.start.as_str()) {
        depth[start] = 0;
        queue.push_back(start);
    }
    while let Some(i) = queue.pop_front() {
        for c in &s.nodes[i].choices {
            if let Some(&j) = index.get(c.goto.value.as_str())
                && depth[j] == usize::MAX
            {
                depth[j] = depth[i] + 1;
                queue.push_back(j);
            }
        }
    }
    let deepest = depth
        .iter()
        .filter(|&&d| d != usize::MAX)
        .max()
        .copied()
        .unwrap_or(0);
    let mut rows: HashMap<usize, usize> = HashMap::new();
    depth
        .iter()
        .map(|&d| {
            let col = if d == usize::MAX { deepest + 1 } else { d };
            let row = rows.entry(col).or_insert(0);
            *row += 1;
            (col, *row - 1)
        })
        .collect()
}

fn kind_label<'a>(node: &Node, ui: &'a Ui) -> &'a str {
    match node.ending {
        Some(Ending::Positive) => ui.get("ending_positive"),
        Some(Ending::Mixed) => ui.get("ending_mixed"),
        Some(Ending::Negative) => ui.get("ending_negative"),
        None if node.escalates => ui.get("escalates"),
        None => "",
    }
}

/// The outline of a node: its shape tells its kind.
fn shape(node: &Node, x: usize, y: usize) -> String {
    let (x2, y2) = (x + W, y + H);
    match node.ending {
        Some(Ending::Positive) => format!(
            r##"<rect x="{x}" y="{y}" width="{W}" height="{H}" rx="31" fill="#e3f4e8" stroke="#1d6b35" stroke-width="3"/>"##
        ),
        Some(Ending::Mixed) => format!(
            r##"<polygon points="{},{y} {},{y} {x2},{} {},{y2} {},{y2} {x},{}" fill="#fff4d6" stroke="#8a6100" stroke-width="3"/>"##,
            x + 16,
            x2 - 16,
            y + H / 2,
            x2 - 16,
            x + 16,
            y + H / 2
        ),
        Some(Ending::Negative) => format!(
            r##"<polygon points="{},{y} {},{y} {x2},{} {x2},{} {},{y2} {},{y2} {x},{} {x},{}" fill="#fde8e8" stroke="#a01d1d" stroke-width="3" stroke-dasharray="7 4"/>"##,
            x + 12,
            x2 - 12,
            y + 12,
            y2 - 12,
            x2 - 12,
            x + 12,
            y2 - 12,
            y + 12
        ),
        None if node.escalates => format!(
            r##"<rect x="{x}" y="{y}" width="{W}" height="{H}" rx="4" fill="#e6efff" stroke="#0b3d91" stroke-width="2"/><rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="none" stroke="#0b3d91" stroke-width="2"/>"##,
            x + 5,
            y + 5,
            W - 10,
            H - 10
        ),
        None => format!(
            r##"<rect x="{x}" y="{y}" width="{W}" height="{H}" rx="4" fill="#ffffff" stroke="#3a4350" stroke-width="2"/>"##
        ),
    }
}

/// The map of `s` as an inline SVG element.
pub(crate) fn svg(s: &Scenario, ui: &Ui) -> String {
    let places = layout(s);
    let index = s.index();
    let cols = places.iter().map(|p| p.0).max().unwrap_or(0) + 1;
    let rows = places.iter().map(|p| p.1).max().unwrap_or(0) + 1;
    let width = PAD * 2 + (cols - 1) * COL + W;
    let height = PAD * 2 + (rows - 1) * ROW + H + 40;
    let mut out = String::new();
    let title_id = format!("map-title-{}", s.id);
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="{title_id}" class="scenario-map-svg"><title id="{title_id}">{} — {}</title><defs><marker id="arrow-{}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#3a4350"/></marker></defs>"##,
        esc(ui.get("scenario_map")),
        esc(&s.title),
        s.id
    );
    let at = |i: usize| (PAD + places[i].0 * COL, PAD + places[i].1 * ROW);
    for (i, node) in s.nodes.iter().enumerate() {
        let (x, y) = at(i);
        for (n, choice) in node.choices.iter().enumerate() {
            let Some(&j) = index.get(choice.goto.value.as_str()) else {
                continue;
            };
            let (tx, ty) = at(j);
            let (sx, sy) = (x + W, y + 8 + n * (H - 16) / node.choices.len().max(1));
            let path = if places[j].0 > places[i].0 {
                let mid = (sx + tx) / 2;
                format!(
                    "M{sx},{sy} C{mid},{sy} {mid},{} {tx},{}",
                    ty + H / 2,
                    ty + H / 2
                )
            } else if places[j].0 == places[i].0 {
                // Within a column: a bow out to the right.
                let bow = x + W + 40 + n * 8;
                format!(
                    "M{sx},{sy} C{bow},{sy} {bow},{} {},{}",
                    ty + H / 2,
                    x + W,
                    ty + H / 2
                )
            } else {
                // A step back: loop below both nodes.
                let low = y.max(ty) + H + 18 + n * 6;
                format!(
                    "M{},{} C{},{low} {},{low} {},{}",
                    x + W / 2,
                    y + H,
                    x + W / 2,
                    tx + W / 2,
                    tx + W / 2,
                    ty + H
                )
            };
            let _ = write!(
                out,
                r##"<path d="{path}" fill="none" stroke="#3a4350" stroke-width="1.5" marker-end="url(#arrow-{})"/><text x="{}" y="{}" font-size="11" fill="#1b1f24">{}</text>"##,
                s.id,
                sx + 4,
                sy - 3,
                n + 1
            );
        }
    }
    for (i, node) in s.nodes.iter().enumerate() {
        let (x, y) = at(i);
        out.push_str(&shape(node, x, y));
        let kind = kind_label(node, ui);
        let start_mark = if node.id == s.start { "▶ " } else { "" };
        let (id_y, kind_y) = if kind.is_empty() {
            (y + H / 2 + 5, 0)
        } else {
            (y + H / 2 - 3, y + H / 2 + 15)
        };
        let _ = write!(
            out,
            r##"<text x="{}" y="{id_y}" font-size="14" font-weight="700" text-anchor="middle" fill="#1b1f24">{start_mark}{}</text>"##,
            x + W / 2,
            esc(&node.id)
        );
        if !kind.is_empty() {
            let _ = write!(
                out,
                r##"<text x="{}" y="{kind_y}" font-size="12" text-anchor="middle" fill="#1b1f24">{}</text>"##,
                x + W / 2,
                esc(kind)
            );
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::load::config;
    use crate::source::SourceFile;

    #[test]
    fn map_has_every_node_marked_by_kind() {
        let mut d = Diagnostics::new();
        let config = config::from_yaml("title: T\nmodules: [a.md]\n");
        let yaml = "title: <T>\nstart: a\nnodes:\n  a:\n    text: x\n    choices:\n      - {label: l, goto: b, feedback: f}\n      - {label: l, goto: c, feedback: f}\n  b:\n    escalates: true\n    text: y\n    choices:\n      - {label: l, goto: c, feedback: f}\n      - {label: l, goto: a, feedback: f}\n  c:\n    ending: positive\n    text: z\n";
        let s = crate::load::scenario::load(
            "t",
            SourceFile::new("scenarios/t.yaml", yaml),
            &config,
            &mut d,
        )
        .unwrap();
        let svg = svg(&s, &config.ui);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("&lt;T&gt;"), "title escaped");
        assert!(svg.contains(">▶ a</text>"));
        assert!(svg.contains(">Concern passed on</text>"));
        assert!(svg.contains(">Good practice ending</text>"));
        assert_eq!(svg.matches("marker-end").count(), 4);
    }
}
