//! Property tests over the entry points content reaches: course loading
//! (course.yaml, a module, a scenario), quiz blocks and Markdown rendering.
//! Inputs are valid files with random edits and soups of the tokens these
//! formats are made of. Nothing may panic, and rendered HTML may never
//! carry a script or an event handler.
//!
//! `PROPTEST_CASES=5000 cargo test --release --lib properties` runs more
//! cases; `bench/fuzz.sh SECONDS` keeps running them for a fixed time.
//! A failure found once is kept in `src/properties.proptest-regressions`
//! and replayed on every run.

use std::collections::HashMap;

use crate::compile::body::{DataBlock, DataKind};
use crate::compile::markdown::{self, Context};
use crate::compile::quiz;
use crate::diagnostic::Diagnostics;
use crate::load::config::{self, Config};
use crate::load::{module, scenario};
use crate::source::SourceFile;
use crate::ui::Ui;
use proptest::prelude::*;

const COURSE: &str = include_str!("../tests/fixtures/minimal/course/course.yaml");
const MODULE: &str = include_str!("../tests/fixtures/minimal/course/01-welcome.md");
const SCENARIO: &str = include_str!("../tests/fixtures/minimal/scenarios/promise.yaml");

const MARKDOWN_TOKENS: &[&str] = &[
    "*",
    "**",
    "_",
    "`",
    "```",
    "```quiz\n",
    "```facilitator\n",
    "```scenario\n",
    "[",
    "]",
    "(",
    ")",
    "](",
    "![",
    "#",
    "## ",
    "> ",
    "- ",
    "1. ",
    "|",
    "|---|",
    "\n",
    "\n\n",
    "  ",
    "<div>",
    "</div>",
    "<script>",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "&amp;",
    "&#",
    "{{ school }}",
    "{{ nope }}",
    "{{",
    "}}",
    "{#id}",
    "[^1]",
    "[^1]: note",
    "- [ ] ",
    "~~",
    "\\",
    "word",
    "é",
    "🙂",
    "01-welcome.md#limits",
    "02-features.md",
    "../",
    "http://x/",
];

const YAML_TOKENS: &[&str] = &[
    "title: ",
    "id: ",
    "nodes:",
    "choices:",
    "goto: ",
    "text: ",
    "ending: positive",
    "escalates: true",
    "options:",
    "correct: true",
    "type: single",
    "type: short",
    "prompt: ",
    "answer: ",
    "accept: ",
    "feedback: ",
    "modules:",
    "support:",
    "- ",
    "  ",
    "\n",
    ": ",
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    "'",
    "\"",
    "|",
    ">",
    "~",
    "null",
    "0",
    "-1",
    "99999999999999999999",
    "1.5",
    "true",
    "#",
    "? ",
    "!!str ",
    "\t",
    "\u{feff}",
    "start: opening",
    "opening",
    "x",
];

fn soup(tokens: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(tokens), 0..max).prop_map(|v| v.concat())
}

/// A valid text with random edits: a range removed, a token or character inserted, a line doubled.
fn mutated(base: &'static str, tokens: &'static [&'static str]) -> impl Strategy<Value = String> {
    let edits = prop::collection::vec(
        (
            0..4u8,
            any::<prop::sample::Index>(),
            any::<prop::sample::Index>(),
            prop::sample::select(tokens),
            any::<char>(),
        ),
        0..6,
    );
    edits.prop_map(move |edits| {
        let mut text = base.to_string();
        for (kind, a, b, token, c) in edits {
            let at = floor(&text, a.index(text.len() + 1));
            match kind {
                0 => {
                    let end = floor(&text, (at + b.index(40)).min(text.len()));
                    text.replace_range(at..end, "");
                }
                1 => text.insert_str(at, token),
                2 => text.insert(at, c),
                _ => {
                    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                    let line = format!("{}\n", &text[line_start..line_end]);
                    text.insert_str(line_start, &line);
                }
            }
        }
        text
    })
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn fixture_config() -> Config {
    let mut out = Diagnostics::new();
    config::load(
        SourceFile::new("course/course.yaml", COURSE),
        None,
        &mut out,
    )
    .expect("fixture config")
}

/// No element of the HTML is a script, frame or object, has an event
/// handler, or links to a `javascript:` URL.
fn no_code_in(html: &str) -> Result<(), TestCaseError> {
    let fragment = scraper::Html::parse_fragment(html);
    for node in fragment.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        prop_assert!(
            !matches!(el.name(), "script" | "iframe" | "object" | "embed" | "base"),
            "<{}> in {html}",
            el.name()
        );
        for (attr, value) in el.attrs() {
            prop_assert!(!attr.starts_with("on"), "{attr} in {html}");
            let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            let is_url = matches!(attr, "href" | "src" | "action" | "formaction");
            prop_assert!(
                !(is_url && v.to_ascii_lowercase().starts_with("javascript:")),
                "{attr}={value} in {html}"
            );
        }
    }
    Ok(())
}

/// Every piece of HTML a rendered fragment holds: its Markdown blocks,
/// facilitator notes' and footnotes.
fn all_html(body: &crate::compile::body::Body) -> String {
    use crate::compile::body::Block;
    let mut out = String::new();
    for block in &body.blocks {
        match block {
            Block::Markdown { html } => out.push_str(html),
            Block::Facilitator { body } => out.push_str(&all_html(body)),
            _ => {}
        }
    }
    for note in &body.footnotes {
        out.push_str(&note.html);
    }
    out
}

fn render(text: &str) -> markdown::Rendered {
    let vars = HashMap::from([("school".to_owned(), "Hill <High>".to_owned())]);
    let ui = Ui::with_overrides([]);
    let ctx = Context {
        path: "01-welcome.md",
        base_offset: 0,
        variables: &vars,
        mode: markdown::Mode::Module,
        facilitator_only: false,
        module_href: &|path: &str, _: Option<&str>| {
            (path == "01-welcome.md").then(|| "01-welcome.html".to_owned())
        },
        anchor_prefix: "",
        same_page: None,
        scenario: &|_: &str| None,
        path_to_root: "../",
        ui: &ui,
        profile: None,
    };
    markdown::render(text, &ctx)
}

/// `text` (YAML) with a `x<n><name>: <value>` entry inserted before the
/// top-level line each position picks (or at the end): keys no format knows.
fn with_unknown_keys(text: &str, extra: &[(usize, String, usize)]) -> String {
    const VALUES: &[&str] = &[
        "1",
        "[a, b]",
        "{a: 1}",
        "\"text\"",
        "|\n  a block\n  of text",
        "null",
    ];
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .map(|(i, _)| i)
        .collect();
    let mut at: Vec<(usize, String)> = extra
        .iter()
        .enumerate()
        .map(|(n, (pick, name, value))| {
            let line = starts
                .get(pick % (starts.len() + 1))
                .copied()
                .unwrap_or(lines.len());
            (
                line,
                format!("x{n}{name}: {}", VALUES[value % VALUES.len()]),
            )
        })
        .collect();
    at.sort_by_key(|a| std::cmp::Reverse(a.0));
    for (line, entry) in at {
        lines.insert(line, entry);
    }
    lines.join("\n") + "\n"
}

fn unknown_keys() -> impl Strategy<Value = Vec<(usize, String, usize)>> {
    prop::collection::vec((0usize..64, "[a-z_]{1,8}", 0usize..6), 1..8)
}

proptest! {
    #[test]
    fn every_unknown_key_in_course_yaml_is_reported_and_the_rest_read(extra in unknown_keys()) {
        let text = with_unknown_keys(COURSE, &extra);
        let mut out = Diagnostics::new();
        let loaded = config::load(SourceFile::new("course/course.yaml", text.clone()), None, &mut out);
        let unknown = out.items().iter().filter(|d| d.code == crate::diagnostic::codes::Code::UnknownField).count();
        prop_assert_eq!(unknown, extra.len(), "{}\n{}", text, out.render_human());
        prop_assert_eq!(out.error_count(), extra.len(), "{}", out.render_human());
        let loaded = loaded.expect("the rest of course.yaml is read");
        prop_assert_eq!(loaded.modules.len(), 3);
    }

    #[test]
    fn every_unknown_key_in_front_matter_is_reported_and_the_rest_read(extra in unknown_keys()) {
        let (front, body) = MODULE.trim_start_matches("---\n").split_once("\n---\n").expect("front matter");
        let text = format!("---\n{}---\n{body}", with_unknown_keys(front, &extra));
        let mut out = Diagnostics::new();
        let loaded = module::load("01-welcome.md", SourceFile::new("course/01-welcome.md", text.clone()), &fixture_config(), &mut out);
        prop_assert_eq!(out.error_count(), extra.len(), "{}\n{}", text, out.render_human());
        for d in out.items() {
            let line = text.lines().nth(d.line - 1).unwrap_or("");
            prop_assert!(line.starts_with('x'), "reported at {:?}", line);
        }
        prop_assert_eq!(loaded.expect("the rest is read").title, "Welcome");
    }

    #[test]
    fn markdown_soup_renders_without_code(text in soup(MARKDOWN_TOKENS, 200)) {
        {
            let rendered = render(&text);
            no_code_in(&all_html(&rendered.body))?;
            for link in &rendered.links {
                prop_assert!(link.range.end <= text.len() + 64, "a link range past the text");
            }
        }
    }

    #[test]
    fn edited_modules_load_and_render_without_code(text in mutated(MODULE, MARKDOWN_TOKENS)) {
        let config = fixture_config();
        let mut out = Diagnostics::new();
        if let Some(m) = module::load("01-welcome.md", SourceFile::new("course/01-welcome.md", text), &config, &mut out) {
            let rendered = render(m.body());
            no_code_in(&all_html(&rendered.body))?;
        }
        let _ = out.render_human();
    }

    #[test]
    fn edited_course_yaml_loads_or_explains(text in prop_oneof![mutated(COURSE, YAML_TOKENS), soup(YAML_TOKENS, 120)]) {
        let mut out = Diagnostics::new();
        let loaded = config::load(SourceFile::new("course/course.yaml", text), None, &mut out);
        prop_assert!(loaded.is_some() || out.has_errors(), "refused without saying why");
        let _ = out.render_human();
        let _ = out.render_json();
    }

    #[test]
    fn edited_scenarios_load_or_explain(text in prop_oneof![mutated(SCENARIO, YAML_TOKENS), soup(YAML_TOKENS, 150)]) {
        let config = fixture_config();
        let mut out = Diagnostics::new();
        let loaded = scenario::load("promise", SourceFile::new("scenarios/promise.yaml", text), &config, &mut out);
        prop_assert!(loaded.is_some() || out.has_errors(), "refused without saying why");
        let _ = out.render_human();
    }

    #[test]
    fn quiz_blocks_parse_or_explain(yaml in prop_oneof![
        mutated("- id: q1\n  type: single\n  prompt: Which?\n  options:\n    - text: A\n      correct: true\n      feedback: Yes\n    - text: B\n- id: q2\n  type: short\n  prompt: Who?\n  accept: [Ms Lead]\n", YAML_TOKENS),
        mutated("pool: 1\nquestions:\n  - id: m\n    type: matching\n    prompt: Match\n    pairs:\n      - prompt: A\n        answer: B\n        feedback: Yes\n      - prompt: C\n        answer: D\n    distractors: [E]\n  - id: o\n    type: ordering\n    prompt: Order\n    steps:\n      - One\n      - text: Two\n        feedback: Then\n", YAML_TOKENS),
        soup(YAML_TOKENS, 120),
    ]) {
        let config = fixture_config();
        let text = format!("---\ntitle: Q\n---\n```quiz\n{yaml}\n```\n");
        let source = SourceFile::new("course/q.md", text.clone());
        let block = DataBlock { kind: DataKind::Quiz, yaml: yaml.clone(), offset: text.find("```quiz\n").unwrap_or(0) + 8, facilitator_only: false };
        let mut out = Diagnostics::new();
        let parsed = quiz::parse(&block, &source, &config, &mut out);
        prop_assert!(parsed.is_some() || out.has_errors(), "refused without saying why");
        let _ = out.render_human();
    }
}
