//! Rendering tests for every Markdown feature the course format supports.

use super::*;

fn page(path: &str, fragment: Option<&str>) -> Option<String> {
    match (path, fragment) {
        ("03-boundaries.md", Some(f)) => Some(format!("boundaries.html#{f}")),
        ("03-boundaries.md", None) => Some("boundaries.html".to_owned()),
        _ => None,
    }
}

fn render_with(text: &str, edition: Edition) -> Rendered {
    let vars = HashMap::from([("school".to_owned(), "Hill <High>".to_owned())]);
    let ui = Ui::with_overrides([]);
    let ctx = Context {
        path: "01-intro.md",
        base_offset: 0,
        variables: &vars,
        edition,
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
    };
    render(text, &ctx)
}

fn html(text: &str) -> String {
    render_with(text, Edition::Mentor).html
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
    assert!(
        out.contains(r#"<div class="footnote" id="fn-kcsie">"#),
        "{out}"
    );
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
        out.matches("<div class=\"footnote\" id=\"fn-a\">").count(),
        1,
        "{out}"
    );
}

#[test]
fn headings_get_github_ids_and_repeats_are_numbered() {
    let r = render_with(
        "## Trust, rapport & you\n\n## Notes\n\n## Notes\n\n## Custom {#mine}\n",
        Edition::Mentor,
    );
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["trust-rapport--you", "notes", "notes-1", "mine"]);
    assert!(
        r.html.contains(r#"<h2 id="notes-1">Notes</h2>"#),
        "{}",
        r.html
    );
}

#[test]
fn links_to_modules_become_page_links() {
    let r = render_with(
        "[limits](03-boundaries.md#limits) [img](images/a%20b.png) [web](https://x.org)",
        Edition::Mentor,
    );
    assert!(
        r.html.contains(r##"href="boundaries.html#limits""##),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains(r#"href="../assets/course/images/a%20b.png""#),
        "{}",
        r.html
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
    let r = render_with("{{ nope }}", Edition::Mentor);
    assert_eq!(r.unknown_variables[0].name, "nope");
}

#[test]
fn facilitator_blocks_only_in_the_facilitator_edition() {
    let text = "Intro\n\n```facilitator\nRun this for **10 minutes**. {{ school }}\n\n## Trainer tips\n```\n\n## After\n";
    let mentor = render_with(text, Edition::Mentor);
    assert!(!mentor.html.contains("10 minutes"), "{}", mentor.html);
    assert!(!mentor.html.contains("facilitator-note"));
    let trainer = render_with(text, Edition::Facilitator);
    assert!(
        trainer.html.contains("<strong>10 minutes</strong>"),
        "{}",
        trainer.html
    );
    assert!(
        trainer.html.contains("Hill &lt;High&gt;"),
        "{}",
        trainer.html
    );
    assert!(trainer.html.contains(r#"<aside class="facilitator-note">"#));
    // Ids are the same in both editions; the trainer heading is marked.
    assert_eq!(mentor.headings, trainer.headings);
    assert!(
        mentor
            .headings
            .iter()
            .any(|h| h.id == "trainer-tips" && h.facilitator_only)
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
fn code_blocks_are_plain_and_escaped() {
    let out = html("```rust\nlet x = \"<b>\";\n```\n");
    assert!(out.contains("<pre><code>let x = \"&lt;b&gt;\";"), "{out}");
}

#[test]
fn scenario_blocks_become_cards_and_are_recorded() {
    let r = render_with(
        "```scenario\nid: promise\n```\n\n```scenario\nid: nope\n```\n\n```scenario\nname: x\n```\n",
        Edition::Mentor,
    );
    assert!(
        r.html
            .contains(r#"<a href="../scenarios/promise/index.html">Promise you won't tell</a>"#),
        "{}",
        r.html
    );
    assert!(r.html.contains("A &lt;secret&gt;."), "{}", r.html);
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
        edition: Edition::Mentor,
        facilitator_only: false,
        module_href: &|path: &str, fragment: Option<&str>| {
            (path == "03-boundaries.md").then(|| format!("#boundaries--{}", fragment.unwrap_or("")))
        },
        anchor_prefix: "intro--",
        same_page: None,
        scenario: &|_: &str| None,
        path_to_root: "",
        ui: &ui,
    };
    let html = render(
        "## Limits {#limits}\n\nSee [here](#limits), [there](03-boundaries.md#why).[^a]\n\n[^a]: Note.\n",
        &ctx,
    )
    .html;
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
    assert!(
        html.contains("<div class=\"footnote\" id=\"intro--fn-a\">"),
        "{html}"
    );
}
