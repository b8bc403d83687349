//! The scenario map's layout and its drawing by the theme.

use super::*;
use crate::diagnostic::Diagnostics;
use crate::load::config;
use crate::source::SourceFile;

fn scenario(yaml: &str) -> Scenario {
    let mut d = Diagnostics::new();
    let config = config::from_yaml("title: T\nmodules: [a.md]\n");
    crate::load::scenario::load(
        "t",
        SourceFile::new("scenarios/t.yaml", yaml),
        &config,
        &mut d,
    )
    .unwrap()
}

fn draw(map: &MapView) -> String {
    let config = config::from_yaml("title: T\nmodules: [a.md]\n");
    let dir = tempfile::tempdir().unwrap();
    let env = crate::render::theme::Theme::new(dir.path(), "default").environment();
    env.get_template("partials/scenario-map.svg")
        .unwrap()
        .render(minijinja::context! {
            map => minijinja::Value::from_serialize(map),
            ui => minijinja::Value::from_serialize(&config.ui),
        })
        .unwrap()
}

const SMALL: &str = "title: <T>\nstart: a\nnodes:\n  a:\n    text: x\n    choices:\n      - {label: l, goto: b, feedback: f}\n      - {label: l, goto: c, feedback: f}\n  b:\n    title: Passes it on\n    escalates: true\n    text: y\n    choices:\n      - {label: l, goto: c, feedback: f}\n      - {label: l, goto: a, feedback: f}\n  c:\n    ending: positive\n    text: z\n";

#[test]
fn map_has_every_node_marked_by_kind_and_labelled_by_title() {
    let s = scenario(SMALL);
    let labels = [
        "Opening words".to_owned(),
        "Passes it on".to_owned(),
        "z".to_owned(),
    ];
    let svg = draw(&view(&s, &labels, WIDE));
    assert!(svg.starts_with("<svg"), "{svg}");
    assert!(svg.contains("&lt;T&gt;"), "title escaped: {svg}");
    assert!(svg.contains(">▶ Opening words</tspan>"), "{svg}");
    assert!(svg.contains(">Passes it on</tspan>"), "{svg}");
    assert!(
        svg.contains("<title>b</title>"),
        "the id is a tooltip: {svg}"
    );
    assert!(svg.contains(">Concern passed on</text>"));
    assert!(svg.contains(">Good practice ending</text>"));
    assert_eq!(svg.matches("marker-end").count(), 4);
    assert!(
        !svg.contains("fill=\"#"),
        "colours live in the stylesheet: {svg}"
    );
}

#[test]
fn a_label_is_the_title_else_the_first_words() {
    let s = scenario(SMALL);
    assert_eq!(label(&s.nodes[1], "y"), "Passes it on");
    assert_eq!(
        label(
            &s.nodes[0],
            "It's your third session with Rhys (Year 9). He's ten minutes late."
        ),
        "It's your third session with…"
    );
    assert_eq!(label(&s.nodes[2], "Short."), "Short.");
    assert_eq!(label(&s.nodes[2], ""), "c");
}

#[test]
fn long_labels_wrap_into_three_lines_at_most() {
    assert_eq!(
        wrap("Goes to the DSL together", 17),
        ["Goes to the DSL", "together"]
    );
    let lines = wrap(&"word ".repeat(40), 10);
    assert_eq!(lines.len(), MAX_LINES);
    assert!(lines[2].ends_with('…'));
}

/// A scenario of `n` steps in a fan: the start leads to every other node.
fn fan(n: usize) -> Scenario {
    let mut yaml =
        String::from("title: Fan\nstart: s\nnodes:\n  s:\n    text: start\n    choices:\n");
    for i in 0..n.min(10) {
        yaml.push_str(&format!("      - {{label: l, goto: e{i}, feedback: f}}\n"));
    }
    for i in 0..n.min(10) {
        yaml.push_str(&format!(
            "  e{i}:\n    ending: positive\n    text: end {i}\n"
        ));
    }
    scenario(&yaml)
}

#[test]
fn a_wide_band_wraps_so_the_map_stays_page_wide_issue_16() {
    let s = fan(10);
    let labels: Vec<String> = s.nodes.iter().map(|n| n.id.clone()).collect();
    for variant in [WIDE, NARROW] {
        let map = view(&s, &labels, variant);
        assert!(map.width <= 740, "{} px wide", map.width);
        for n in &map.nodes {
            assert!(
                n.x2 <= map.width && n.y2 <= map.height,
                "{} is outside",
                n.id
            );
        }
        // Ten endings, `cols` a row: no two boxes overlap.
        for a in &map.nodes {
            for b in &map.nodes {
                let apart = a.x2 <= b.x || b.x2 <= a.x || a.y2 <= b.y || b.y2 <= a.y;
                assert!(std::ptr::eq(a, b) || apart, "{} overlaps {}", a.id, b.id);
            }
        }
    }
    assert_eq!(view(&s, &labels, WIDE).width, 3 * 190 + 4 * 40);
}

#[test]
fn arrows_start_below_and_end_above_their_boxes() {
    let s = scenario(SMALL);
    let labels: Vec<String> = s.nodes.iter().map(|n| n.id.clone()).collect();
    let map = view(&s, &labels, NARROW);
    let a = &map.nodes[0];
    let back = map.edges.last().unwrap();
    // b → a goes back up: it ends at the top of a.
    assert!(back.d.ends_with(&format!(",{}", a.y)), "{}", back.d);
    assert!(back.d.starts_with('M'));
}
