//! The scenario map: an SVG graph of nodes and choices, drawn at build time
//! with no JavaScript by the theme's `partials/scenario-map.svg`.
//!
//! The map reads from top to bottom: the start at the top, then each step
//! further from the start a band lower. A band with more nodes than fit
//! across wraps onto more rows, so the drawing is only as wide as a page
//! (never a 1,600 px strip in a 700 px box): it is drawn twice, three nodes
//! across for a desktop screen and for paper ([`WIDE`]) and two across for
//! a phone ([`NARROW`]), and the stylesheet shows one. Every arrow leaves
//! a box at the bottom and enters one at the top, running in the gaps
//! between boxes ([`route`]). Boxes are labelled with the node's `title:`,
//! else the first words of its text; the id is only a tooltip. The template
//! marks endings by shape and text (not colour alone) and escalation nodes
//! by a double border and a label.

mod route;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use serde::Serialize;

use crate::load::scenario::{Ending, Node, Scenario};

/// One way of drawing a map: how many nodes across, and how big.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Variant {
    /// Its name, a class in the drawing (`map-wide`).
    pub(crate) name: &'static str,
    /// Nodes across at most.
    cols: usize,
    /// A box's width.
    node_w: usize,
    /// The gap between boxes, where arrows run.
    gap: usize,
    /// The label's font size.
    font: usize,
    /// About how many characters fit on a line of a label.
    chars: usize,
}

/// Three across: a desktop screen and an A4 or Letter page.
pub(crate) const WIDE: Variant = Variant {
    name: "wide",
    cols: 3,
    node_w: 190,
    gap: 40,
    font: 15,
    chars: 18,
};

/// Two across: a phone.
pub(crate) const NARROW: Variant = Variant {
    name: "narrow",
    cols: 2,
    node_w: 150,
    gap: 34,
    font: 14,
    chars: 15,
};

/// Lines a label may take; a longer one ends in "…".
const MAX_LINES: usize = 3;
/// The height of the space between rows of boxes, where arrows turn.
const GUTTER: usize = 58;
/// Characters of a node's text used as its label when it has no `title:`.
const FIRST_WORDS: usize = 32;

/// The map of a scenario as `partials/scenario-map.svg` draws it: sizes
/// and places worked out here, every mark and colour in the template.
#[derive(Debug, Serialize)]
pub(crate) struct MapView {
    /// The scenario's id (ids in the drawing are made from it and the variant).
    pub(crate) id: String,
    /// `wide` or `narrow`.
    pub(crate) variant: &'static str,
    /// The scenario's title.
    pub(crate) title: String,
    /// The drawing's width.
    pub(crate) width: usize,
    /// The drawing's height.
    pub(crate) height: usize,
    /// The label's font size.
    pub(crate) font: usize,
    /// Every node's box.
    pub(crate) nodes: Vec<MapNode>,
    /// Every choice's arrow.
    pub(crate) edges: Vec<MapEdge>,
}

/// A line of a box's label.
#[derive(Debug, Serialize)]
pub(crate) struct LabelLine {
    /// The words.
    pub(crate) text: String,
    /// Its baseline.
    pub(crate) y: usize,
}

/// A node on the map.
#[derive(Debug, Serialize)]
pub(crate) struct MapNode {
    /// The node's id (a tooltip).
    pub(crate) id: String,
    /// `positive`, `mixed`, `negative` (endings), `escalates` or `step`:
    /// the template gives each its own shape, not colour alone.
    pub(crate) kind: &'static str,
    /// Whether the scenario starts here.
    pub(crate) start: bool,
    /// The label: the node's title or first words, in lines.
    pub(crate) lines: Vec<LabelLine>,
    /// The label in one line (for a text alternative).
    pub(crate) label: String,
    /// The baseline of the kind's line (endings and escalation).
    pub(crate) kind_y: usize,
    /// The box: left, top, width, height, and its centres.
    pub(crate) x: usize,
    /// Top.
    pub(crate) y: usize,
    /// Width.
    pub(crate) w: usize,
    /// Height.
    pub(crate) h: usize,
    /// Horizontal centre.
    pub(crate) cx: usize,
    /// Vertical centre.
    pub(crate) cy: usize,
    /// Right edge.
    pub(crate) x2: usize,
    /// Bottom edge.
    pub(crate) y2: usize,
}

/// A choice's arrow on the map.
#[derive(Debug, Serialize)]
pub(crate) struct MapEdge {
    /// The SVG path.
    pub(crate) d: String,
    /// The choice's number at its node, from 1.
    pub(crate) n: usize,
    /// Where the number is written.
    pub(crate) x: usize,
    /// Where the number is written.
    pub(crate) y: usize,
}

fn kind(node: &Node) -> &'static str {
    match node.ending {
        Some(Ending::Positive) => "positive",
        Some(Ending::Mixed) => "mixed",
        Some(Ending::Negative) => "negative",
        None if node.escalates => "escalates",
        None => "step",
    }
}

/// A node's label: its `title:`, else the first words of `text` (its
/// plain text, variables filled in), shortened with "…".
pub(crate) fn label(node: &Node, plain_text: &str) -> String {
    if let Some(title) = node
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        return title.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mut out = String::new();
    let mut words = plain_text.split_whitespace();
    for word in words.by_ref() {
        if !out.is_empty() && out.chars().count() + 1 + word.chars().count() > FIRST_WORDS {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() { node.id.clone() } else { out }
}

/// `text` in lines of about `chars` characters, at most [`MAX_LINES`].
fn wrap(text: &str, chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= chars => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        let last = &mut lines[MAX_LINES - 1];
        if last.chars().count() >= chars {
            let keep: String = last.chars().take(chars.saturating_sub(1)).collect();
            *last = keep;
        }
        last.push('…');
    }
    lines
}

/// Every node's band: steps by the longest way to them from the start
/// (arrows that go back to an earlier step left out), so most arrows point
/// down; every ending in the last band, under all the steps; a node that
/// cannot be reached below that.
fn depths(s: &Scenario, index: &HashMap<&str, usize>) -> Vec<usize> {
    let n = s.nodes.len();
    let targets = |i: usize| {
        s.nodes[i]
            .choices
            .iter()
            .filter_map(|c| index.get(c.goto.value.as_str()).copied())
            .collect::<Vec<_>>()
    };
    // Depth-first from the start: an arrow to a node still open is a loop back.
    let mut state = vec![0u8; n];
    let mut finished = Vec::with_capacity(n);
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); n];
    if let Some(&start) = index.get(s.start.as_str()) {
        let mut stack = vec![(start, targets(start), 0)];
        state[start] = 1;
        while let Some((i, next, k)) = stack.last_mut() {
            let (i, k2) = (*i, *k);
            if let Some(&j) = next.get(k2) {
                *k += 1;
                if state[j] != 1 {
                    forward[i].push(j);
                }
                if state[j] == 0 {
                    state[j] = 1;
                    stack.push((j, targets(j), 0));
                }
            } else {
                state[i] = 2;
                finished.push(i);
                stack.pop();
            }
        }
    }
    let ending = |i: usize| s.nodes[i].ending.is_some();
    let mut depth = vec![0; n];
    for &i in finished.iter().rev() {
        for &j in &forward[i] {
            if !ending(j) {
                depth[j] = depth[j].max(depth[i] + 1);
            }
        }
    }
    let steps = (0..n)
        .filter(|&i| state[i] == 2 && !ending(i))
        .map(|i| depth[i])
        .max()
        .unwrap_or(0);
    let endings = steps + 1;
    (0..n)
        .map(|i| match (state[i] == 2, ending(i)) {
            (false, _) => endings + 1,
            (true, true) => endings,
            (true, false) => depth[i],
        })
        .collect()
}

/// The nodes of each band, each band ordered by where the nodes leading
/// into it sit (fewer crossing arrows), then by file order; endings by
/// kind first (good practice, mixed, poor practice).
fn bands(s: &Scenario, index: &HashMap<&str, usize>, depth: &[usize]) -> Vec<Vec<usize>> {
    let count = depth.iter().max().map_or(0, |d| d + 1);
    let mut bands: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, &d) in depth.iter().enumerate() {
        bands[d].push(i);
    }
    let mut place = vec![0.5_f64; s.nodes.len()];
    let mut parents: Vec<Vec<usize>> = vec![Vec::new(); s.nodes.len()];
    for (i, node) in s.nodes.iter().enumerate() {
        for c in &node.choices {
            if let Some(&j) = index.get(c.goto.value.as_str())
                && depth[i] < depth[j]
            {
                parents[j].push(i);
            }
        }
    }
    let rank = |i: usize| match s.nodes[i].ending {
        None => 0,
        Some(Ending::Positive) => 1,
        Some(Ending::Mixed) => 2,
        Some(Ending::Negative) => 3,
    };
    for band in &mut bands {
        let key = |i: usize| {
            let from = &parents[i];
            if from.is_empty() {
                f64::MAX
            } else {
                from.iter().map(|&p| place[p]).sum::<f64>() / from.len() as f64
            }
        };
        let mut keyed: Vec<(usize, f64, usize)> =
            band.iter().map(|&i| (rank(i), key(i), i)).collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
        *band = keyed.into_iter().map(|(_, _, i)| i).collect();
        let len = band.len() as f64;
        for (k, &i) in band.iter().enumerate() {
            place[i] = (k as f64 + 0.5) / len;
        }
    }
    bands
}

/// The map of `s` drawn as `variant`; `labels` holds each node's label, in
/// file order (see [`label`]).
pub(crate) fn view(s: &Scenario, labels: &[String], variant: Variant) -> MapView {
    let index = s.index();
    let depth = depths(s, &index);
    let bands = bands(s, &index, &depth);
    let wrapped: Vec<Vec<String>> = labels.iter().map(|l| wrap(l, variant.chars)).collect();
    let line_h = variant.font + variant.font / 4 + 1;
    let most_lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let kind_line = 17;
    let box_h = 14 + most_lines * line_h + kind_line;
    let inner = variant.cols * variant.node_w + (variant.cols - 1) * variant.gap;
    let width = inner + 2 * variant.gap;
    // Rows: each band's nodes, `cols` at a time, centred.
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for band in &bands {
        rows.extend(band.chunks(variant.cols).map(<[usize]>::to_vec));
    }
    let row_y = |r: usize| GUTTER + r * (box_h + GUTTER);
    let mut at = vec![(0, 0, 0); s.nodes.len()];
    for (r, row) in rows.iter().enumerate() {
        let used = row.len() * variant.node_w + (row.len() - 1) * variant.gap;
        let left = variant.gap + (inner - used) / 2;
        for (k, &i) in row.iter().enumerate() {
            at[i] = (left + k * (variant.node_w + variant.gap), row_y(r), r);
        }
    }
    let grid = route::Grid {
        rows: rows
            .iter()
            .enumerate()
            .map(|(r, row)| route::Row {
                y: row_y(r),
                boxes: row
                    .iter()
                    .map(|&i| (at[i].0, at[i].0 + variant.node_w))
                    .collect(),
            })
            .collect(),
        box_h,
        gutter: GUTTER,
        width,
    };
    let mut router = route::Router::new(&grid);
    let incoming = {
        let mut into: Vec<usize> = vec![0; s.nodes.len()];
        for node in &s.nodes {
            for c in &node.choices {
                if let Some(&j) = index.get(c.goto.value.as_str()) {
                    into[j] += 1;
                }
            }
        }
        into
    };
    let mut entered = vec![0; s.nodes.len()];
    let mut edges = Vec::new();
    for (i, node) in s.nodes.iter().enumerate() {
        let (x, y, row) = at[i];
        let out = node.choices.len();
        for (n, choice) in node.choices.iter().enumerate() {
            let Some(&j) = index.get(choice.goto.value.as_str()) else {
                continue;
            };
            let (tx, ty, trow) = at[j];
            entered[j] += 1;
            let from = (x + variant.node_w * (n + 1) / (out + 1), y + box_h);
            let to = (tx + variant.node_w * entered[j] / (incoming[j] + 1), ty);
            edges.push(MapEdge {
                d: router.path(from, row, to, trow),
                n: n + 1,
                x: from.0 + 4,
                y: from.1 + 13,
            });
        }
    }
    let nodes = s
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let (x, y, _) = at[i];
            let lines = &wrapped[i];
            let kind = kind(node);
            let block = lines.len() * line_h + if kind == "step" { 0 } else { kind_line };
            let top = y + (box_h - block) / 2;
            MapNode {
                id: node.id.clone(),
                kind,
                start: node.id == s.start,
                lines: lines
                    .iter()
                    .enumerate()
                    .map(|(k, text)| LabelLine {
                        text: text.clone(),
                        y: top + (k + 1) * line_h - line_h / 4,
                    })
                    .collect(),
                label: labels[i].clone(),
                kind_y: top + lines.len() * line_h + kind_line - 4,
                x,
                y,
                w: variant.node_w,
                h: box_h,
                cx: x + variant.node_w / 2,
                cy: y + box_h / 2,
                x2: x + variant.node_w,
                y2: y + box_h,
            }
        })
        .collect();
    MapView {
        id: s.id.clone(),
        variant: variant.name,
        title: s.title.clone(),
        width,
        height: row_y(rows.len().max(1)),
        font: variant.font,
        nodes,
        edges,
    }
}
