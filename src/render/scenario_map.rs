//! The scenario map: an SVG graph of nodes and choices, drawn at build time
//! with no JavaScript by the theme's `partials/scenario-map.svg`. Here the
//! nodes are laid out in columns by their distance from the start, and each
//! box and arrow placed; the template marks endings by shape and text (not
//! colour alone) and escalation nodes by a double border and a label.

use std::collections::{HashMap, VecDeque};

use serde::Serialize;

use crate::load::scenario::{Ending, Node, Scenario};

const W: usize = 190;
const H: usize = 62;
const COL: usize = 270;
const ROW: usize = 92;
const PAD: usize = 24;

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

/// The map of a scenario as `partials/scenario-map.svg` draws it: sizes
/// and places worked out here, every mark and colour in the template.
#[derive(Debug, Serialize)]
pub(crate) struct MapView {
    /// The scenario's id (ids in the drawing are made from it).
    pub(crate) id: String,
    /// The scenario's title.
    pub(crate) title: String,
    /// The drawing's width and height.
    pub(crate) width: usize,
    /// The drawing's height.
    pub(crate) height: usize,
    /// Every node's box.
    pub(crate) nodes: Vec<MapNode>,
    /// Every choice's arrow.
    pub(crate) edges: Vec<MapEdge>,
}

/// A node on the map.
#[derive(Debug, Serialize)]
pub(crate) struct MapNode {
    /// The node's id.
    pub(crate) id: String,
    /// `positive`, `mixed`, `negative` (endings), `escalates` or `step`:
    /// the template gives each its own shape, not colour alone.
    pub(crate) kind: &'static str,
    /// Whether the scenario starts here.
    pub(crate) start: bool,
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

/// The map of `s`.
pub(crate) fn view(s: &Scenario) -> MapView {
    let places = layout(s);
    let index = s.index();
    let cols = places.iter().map(|p| p.0).max().unwrap_or(0) + 1;
    let rows = places.iter().map(|p| p.1).max().unwrap_or(0) + 1;
    let at = |i: usize| (PAD + places[i].0 * COL, PAD + places[i].1 * ROW);
    let mut edges = Vec::new();
    for (i, node) in s.nodes.iter().enumerate() {
        let (x, y) = at(i);
        for (n, choice) in node.choices.iter().enumerate() {
            let Some(&j) = index.get(choice.goto.value.as_str()) else {
                continue;
            };
            let (tx, ty) = at(j);
            let (sx, sy) = (x + W, y + 8 + n * (H - 16) / node.choices.len().max(1));
            let d = if places[j].0 > places[i].0 {
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
            edges.push(MapEdge {
                d,
                n: n + 1,
                x: sx + 4,
                y: sy - 3,
            });
        }
    }
    let nodes = s
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let (x, y) = at(i);
            MapNode {
                id: node.id.clone(),
                kind: kind(node),
                start: node.id == s.start,
                x,
                y,
                w: W,
                h: H,
                cx: x + W / 2,
                cy: y + H / 2,
                x2: x + W,
                y2: y + H,
            }
        })
        .collect();
    MapView {
        id: s.id.clone(),
        title: s.title.clone(),
        width: PAD * 2 + (cols - 1) * COL + W,
        height: PAD * 2 + (rows - 1) * ROW + H + 40,
        nodes,
        edges,
    }
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
        let dir = tempfile::tempdir().unwrap();
        let env = crate::render::theme::Theme::new(dir.path(), "default").environment();
        let svg = env
            .get_template("partials/scenario-map.svg")
            .unwrap()
            .render(minijinja::context! {
                map => minijinja::Value::from_serialize(view(&s)),
                ui => minijinja::Value::from_serialize(&config.ui),
            })
            .unwrap();
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("&lt;T&gt;"), "title escaped: {svg}");
        assert!(svg.contains(">▶ a</text>"), "{svg}");
        assert!(svg.contains(">Concern passed on</text>"));
        assert!(svg.contains(">Good practice ending</text>"));
        assert_eq!(svg.matches("marker-end").count(), 4);
    }
}
