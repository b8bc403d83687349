//! Rendering tests for every Markdown feature the course format supports.

use super::*;
use crate::compile::body::Block;
use crate::ui::Ui;

fn page(path: &str, fragment: Option<&str>) -> Option<String> {
    match (path, fragment) {
        ("03-boundaries.md", Some(f)) => Some(format!("boundaries.html#{f}")),
        ("03-boundaries.md", None) => Some("boundaries.html".to_owned()),
        _ => None,
    }
}

fn render_with(text: &str) -> Rendered {
    let vars = HashMap::from([("school".to_owned(), "Hill <High>".to_owned())]);
    let ui = Ui::with_overrides([]);
    let ctx = Context {
        path: "01-intro.md",
        base_offset: 0,
        variables: &vars,
        mode: Mode::Module,
        facilitator_only: false,
        module_href: &page,
        anchor_prefix: "",
        same_page: None,
        scenario: &|id: &str| {
            (id == "promise").then(|| {
                (
                    "Promise you won't tell".to_owned(),
                    Some("A <secret>.".to_owned()),
                )
            })
        },
        path_to_root: "../",
        ui: &ui,
        profile: None,
    };
    render(text, &ctx)
}

/// The HTML of a body's top-level Markdown blocks.
fn markdown_html(r: &Rendered) -> String {
    r.body
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Markdown { html } => Some(html.as_str()),
            _ => None,
        })
        .collect()
}

fn html(text: &str) -> String {
    markdown_html(&render_with(text))
}

#[test]
fn tables_keep_alignment_as_classes() {
    let out = html("| a | b |\n|:--|:-:|\n| 1 | 2 |\n");
    assert!(out.contains("<table>"), "{out}");
    assert!(out.contains(r#"<th class="align-left">a</th>"#), "{out}");
    assert!(out.contains(r#"<td class="align-center">2</td>"#), "{out}");
    assert!(!out.contains("style="));
}

#[test]
fn footnotes_strikethrough_and_task_lists() {
    let out = html(
        "Fact.[^kcsie]\n\n~~myth~~\n\n- [ ] todo\n- [x] done\n\n[^kcsie]: Keeping Children Safe in Education.\n",
    );
    assert!(
        out.contains(
            r##"<sup class="footnote-ref"><a href="#fn-kcsie" id="fnref-kcsie">1</a></sup>"##
        ),
        "{out}"
    );
    let r = render_with("Fact.[^kcsie]\n\n[^kcsie]: Keeping Children Safe in Education.\n");
    assert_eq!(r.body.footnotes.len(), 1);
    assert_eq!(r.body.footnotes[0].id, "fn-kcsie");
    assert_eq!(r.body.footnotes[0].number, 1);
    assert!(
        r.body.footnotes[0].html.contains("Keeping Children Safe"),
        "{:?}",
        r.body.footnotes
    );
    assert!(!markdown_html(&r).contains("Keeping Children"));
    assert!(out.contains("<del>myth</del>"), "{out}");
    assert!(out.contains("To do: </span>todo"), "{out}");
    assert!(out.contains("Done: </span>done"), "{out}");
}

/// A footnote cited twice gives each citation its own id (issue 13's
/// modules cite one source twice; the HTML checker caught the repeat).
#[test]
fn a_footnote_cited_twice_gets_two_ids() {
    let out = html("One.[^a] Two.[^a]\n\n[^a]: A source.\n");
    assert!(
        out.contains(r##"<a href="#fn-a" id="fnref-a">1</a>"##),
        "{out}"
    );
    assert!(
        out.contains(r##"<a href="#fn-a" id="fnref-a-2">1</a>"##),
        "{out}"
    );
    assert_eq!(
        render_with("One.[^a] Two.[^a]\n\n[^a]: A source.\n")
            .body
            .footnotes
            .len(),
        1
    );
}

#[test]
fn headings_get_github_ids_and_repeats_are_numbered() {
    let r = render_with("## Trust, rapport & you\n\n## Notes\n\n## Notes\n\n## Custom {#mine}\n");
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["trust-rapport--you", "notes", "notes-1", "mine"]);
    let html = markdown_html(&r);
    assert!(html.contains(r#"<h2 id="notes-1">Notes</h2>"#), "{html}");
}

#[test]
fn links_to_modules_become_page_links() {
    let r = render_with(
        "[limits](03-boundaries.md#limits) [img](images/a%20b.png) [web](https://x.org)",
    );
    let html = markdown_html(&r);
    assert!(
        html.contains(r##"href="boundaries.html#limits""##),
        "{html}"
    );
    assert!(
        html.contains(r#"href="../assets/course/images/a%20b.png""#),
        "{html}"
    );
    assert_eq!(r.links.len(), 3);
    let first = &r.links[0];
    assert_eq!(
        &"[limits](03-boundaries.md#limits)"[first.range.clone()],
        "03-boundaries.md#limits"
    );
}

#[test]
fn variables_expand_as_text_never_markup_and_never_in_code() {
    let out = html("At {{ school }}: `{{ school }}`");
    assert!(out.contains("At Hill &lt;High&gt;:"), "{out}");
    assert!(out.contains("<code>{{ school }}</code>"), "{out}");
    let r = render_with("{{ nope }}");
    assert_eq!(r.unknown_variables[0].name, "nope");
}

#[test]
fn facilitator_blocks_are_their_own_bodies() {
    let text = "Intro\n\n```facilitator\nRun this for **10 minutes**. {{ school }}\n\n## Trainer tips\n```\n\n## After\n";
    let r = render_with(text);
    // Intro, the note, then the rest: the note is never part of the Markdown around it.
    assert!(matches!(r.body.blocks[0], Block::Markdown { .. }));
    assert!(!markdown_html(&r).contains("10 minutes"));
    let Block::Facilitator { body } = &r.body.blocks[1] else {
        panic!("{:?}", r.body.blocks)
    };
    let Block::Markdown { html } = &body.blocks[0] else {
        panic!("{body:?}")
    };
    assert!(html.contains("<strong>10 minutes</strong>"), "{html}");
    assert!(html.contains("Hill &lt;High&gt;"), "{html}");
    assert!(markdown_html(&r).contains("<h2 id=\"after\">After</h2>"));
    // The trainer heading is marked as facilitator-only.
    assert!(
        r.headings
            .iter()
            .any(|h| h.id == "trainer-tips" && h.facilitator_only)
    );
}

/// Issue 14: content can no longer splice or duplicate a block. Markup
/// that looks like the old placeholders is the author's HTML, sanitised
/// like any other, and blocks nested in quiz prompts stay text.
#[test]
fn blocks_cannot_be_spliced_or_duplicated_by_content() {
    let r = render_with(
        "<div class=\"block-slot\" id=\"block-slot-0\"></div>\n\n```quiz\n- id: q\n```\n\n<div class=\"block-slot\" id=\"block-slot-0\"></div>\n",
    );
    let data = r
        .body
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Data(_)))
        .count();
    assert_eq!(data, 1, "{:?}", r.body.blocks);
    // The look-alike markup stays inert author HTML around the one quiz.
    assert_eq!(r.body.blocks.len(), 3, "{:?}", r.body.blocks);
    assert_eq!(markdown_html(&r).matches("block-slot-0").count(), 2);
}

#[test]
fn blocks_inside_lists_and_quotes_are_reported_and_shown_as_code() {
    let r =
        render_with("- item\n\n  ```quiz\n  - id: q\n  ```\n\n> ```facilitator\n> secret\n> ```\n");
    let kinds: Vec<&str> = r.misplaced.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, ["quiz", "facilitator"]);
    assert!(
        r.body
            .blocks
            .iter()
            .all(|b| matches!(b, Block::Markdown { .. }))
    );
    assert!(
        markdown_html(&r).contains("<code>secret"),
        "{}",
        markdown_html(&r)
    );
}

#[test]
fn raw_html_is_sanitised() {
    let out = html(
        "<script>alert(1)</script>\n\n<p onmouseover=\"x\">hi</p>\n\n[x](javascript:alert(1))\n\n<iframe src=\"https://evil\"></iframe>",
    );
    for bad in ["<script", "onmouseover", "javascript:", "<iframe"] {
        assert!(!out.contains(bad), "{bad} in {out}");
    }
}

#[test]
fn markdown_alone_is_not_parsed_again_yet_no_unsafe_url_survives_issue_20() {
    // No raw HTML here: the plain runs skip the sanitiser, the others do not.
    let out = html(
        "A [plain](https://example.org/a?b=1#c) link, [relative](02-next.md#part), [mail](mailto:a@b.c).\n\n\
         [x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](data:text/html,hi) [v](vbscript:x)\n\n\
         ![i](javascript:alert(2)) <javascript:alert(3)> [t](java\tscript:alert(4))\n\n\
         Text with \"quotes\" & <b>raw</b> <img src=x onerror=alert(5)>\n",
    );
    let lower = out.to_ascii_lowercase();
    for bad in [
        "=\"javascript",
        "=\"data:",
        "=\"vbscript",
        "onerror",
        "<script",
    ] {
        assert!(!lower.contains(bad), "{bad} in {out}");
    }
    let plain = html("A [plain](https://example.org/a) link and a [relative](02-next.md) one.\n");
    assert!(plain.contains("href=\"https://example.org/a\""), "{plain}");
}

#[test]
fn code_blocks_are_plain_and_escaped() {
    let out = html("```rust\nlet x = \"<b>\";\n```\n");
    assert!(out.contains("<pre><code>let x = \"&lt;b&gt;\";"), "{out}");
}

#[test]
fn scenario_blocks_become_cards_and_are_recorded() {
    let r = render_with(
        "```scenario\nid: promise\n```\n\n```scenario\nid: nope\n```\n\n```scenario\nname: x\n```\n",
    );
    let Block::Scenario { id, title, summary } = &r.body.blocks[0] else {
        panic!("{:?}", r.body.blocks)
    };
    assert_eq!(
        (id.as_str(), title.as_str(), summary.as_deref()),
        ("promise", "Promise you won't tell", Some("A <secret>."))
    );
    assert_eq!(
        r.body.blocks.len(),
        1,
        "unknown and malformed blocks show nothing"
    );
    assert_eq!(r.scenario_refs.len(), 3);
    assert_eq!(r.scenario_refs[0].0.as_deref(), Ok("promise"));
    assert_eq!(r.scenario_refs[1].0.as_deref(), Ok("nope"));
    assert!(r.scenario_refs[2].0.is_err());
}

#[test]
fn in_a_document_ids_are_prefixed_and_headings_go_down_a_level() {
    let vars = HashMap::new();
    let ui = Ui::with_overrides([]);
    let ctx = Context {
        path: "01-intro.md",
        base_offset: 0,
        variables: &vars,
        mode: Mode::Module,
        facilitator_only: false,
        module_href: &|path: &str, fragment: Option<&str>| {
            (path == "03-boundaries.md").then(|| format!("#boundaries--{}", fragment.unwrap_or("")))
        },
        anchor_prefix: "intro--",
        same_page: None,
        scenario: &|_: &str| None,
        path_to_root: "",
        ui: &ui,
        profile: None,
    };
    let r = render(
        "## Limits {#limits}\n\nSee [here](#limits), [there](03-boundaries.md#why).[^a]\n\n[^a]: Note.\n",
        &ctx,
    );
    let html = markdown_html(&r);
    assert!(
        html.contains("<h3 id=\"intro--limits\">Limits</h3>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#intro--limits\">here</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#boundaries--why\">there</a>"),
        "{html}"
    );
    assert!(
        html.contains("href=\"#intro--fn-a\" id=\"intro--fnref-a\""),
        "{html}"
    );
    assert_eq!(r.body.footnotes[0].id, "intro--fn-a");
}
