//! Collecting slides: pairing notes, headings as titles, problems.

use std::collections::HashMap;

use super::*;
use crate::compile::body::Block;
use crate::ui::Ui;

/// Renders `text` as a module body with `f`'s context, then hands it over.
fn with_ctx<R>(mode: Mode, f: impl FnOnce(&Context<'_>) -> R) -> R {
    let vars = HashMap::from([("dsl_role".to_owned(), "the DSL".to_owned())]);
    let ui = Ui::with_overrides([]);
    let ctx = Context {
        path: "01-intro.md",
        base_offset: 0,
        variables: &vars,
        mode,
        facilitator_only: false,
        module_href: &|_: &str, _: Option<&str>| None,
        anchor_prefix: "",
        same_page: None,
        scenario: &|_: &str| None,
        path_to_root: "../../",
        ui: &ui,
        profile: None,
    };
    f(&ctx)
}

fn module(text: &str) -> Rendered {
    with_ctx(Mode::Module, |ctx| render(text, ctx))
}

fn slides(text: &str) -> (Vec<SlideSource>, Vec<(Problem, Range<usize>)>) {
    pair(&module(text).slide_fences, text)
}

const TWO: &str = "# Listening\n\nIntro text.\n\n```slide\n## Why listen?\n\n- People feel heard\n- Tell {{ dsl_role }}\n```\n\n```slide-notes\nAsk the room: *when* did someone really listen to you?\n```\n\nMore text.\n\n```slide\n## Open questions\n\n![A mentor listening](listening.png)\n```\n";

#[test]
fn slides_leave_the_body_and_the_search_text() {
    let r = module(TWO);
    assert_eq!(r.slide_fences.len(), 3);
    let html: String = r
        .body
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Markdown { html } => Some(html.as_str()),
            _ => None,
        })
        .collect();
    assert!(html.contains("Intro text.") && html.contains("More text."));
    assert!(!html.contains("Why listen") && !html.contains("Ask the room"));
    let search: String = r
        .sections
        .iter()
        .map(|s| format!("{} {} {}", s.title, s.text, s.facilitator_text))
        .collect();
    assert!(search.contains("Intro text"));
    assert!(!search.contains("People feel heard") && !search.contains("Ask the room"));
}

#[test]
fn notes_pair_with_the_slide_before_them_and_headings_become_titles() {
    let (slides, problems) = slides(TWO);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(slides.len(), 2);
    let title = slides[0].title.clone().unwrap();
    assert_eq!(title.text, "Why listen?");
    assert_eq!(
        &TWO[title.at..title.at + title.line.len()],
        "## Why listen?"
    );
    assert!(
        slides[0].text.contains("- Tell {{ dsl_role }}"),
        "{}",
        slides[0].text
    );
    assert!(!slides[0].text.contains("Why listen"));
    let (notes, at) = slides[0].notes.clone().unwrap();
    assert!(notes.starts_with("Ask the room"));
    assert_eq!(&TWO[at..at + 12], "Ask the room");
    assert_eq!(slides[0].points, 2);
    assert_eq!(
        &TWO[slides[0].range.start..slides[0].range.start + 8],
        "```slide"
    );
    assert_eq!(slides[1].title.as_ref().unwrap().text, "Open questions");
    assert!(slides[1].notes.is_none());
}

#[test]
fn a_slide_without_a_heading_has_no_title() {
    let (slides, problems) = slides("```slide\n- one\n- two\n```\n");
    assert!(problems.is_empty());
    assert_eq!(slides[0].title, None);
    assert_eq!(slides[0].text, "- one\n- two\n");
}

#[test]
fn notes_with_no_slide_before_them_empty_and_long_slides_are_problems() {
    let long: String = (1..=10).map(|i| format!("- point {i}\n")).collect();
    let text = format!(
        "```slide-notes\nalone\n```\n\n```slide\n```\n\n```slide\n## Fine\n```\n\nWords between.\n\n```slide-notes\nlate\n```\n\n```slide\n## Long\n{long}```\n\n```slide-notes\none\n```\n\n```slide-notes\ntwo\n```\n"
    );
    let (slides, problems) = slides(&text);
    let kinds: Vec<&Problem> = problems.iter().map(|(p, _)| p).collect();
    assert_eq!(
        kinds,
        [
            &Problem::NotesWithoutSlide,
            &Problem::Empty,
            &Problem::NotesWithoutSlide,
            &Problem::TooLong {
                points: 10,
                words: 21
            },
            &Problem::NotesWithoutSlide,
        ]
    );
    // Each problem points at its block.
    assert!(text[problems[0].1.clone()].starts_with("```slide-notes\nalone"));
    assert!(text[problems[2].1.clone()].starts_with("```slide-notes\nlate"));
    assert!(text[problems[4].1.clone()].starts_with("```slide-notes\ntwo"));
    let titles: Vec<_> = slides
        .iter()
        .map(|s| s.title.as_ref().unwrap().text.as_str())
        .collect();
    assert_eq!(titles, ["Fine", "Long"]);
    assert_eq!(
        slides[1].notes.as_ref().map(|n| n.0.as_str()),
        Some("one\n")
    );
}

#[test]
fn a_slide_compiles_with_its_notes_and_refuses_blocks_inside() {
    let text = "````slide\n## Who to tell {{ dsl_role }} {{ nobody }}\n\n> [!IMPORTANT]\n> Tell {{ dsl_role }} the same day.\n\n```quiz\nquestions: []\n```\n````\n\n```slide-notes\nTiming: *five* minutes.\n```\n";
    let (sources, problems) = slides(text);
    assert!(problems.is_empty());
    let (slide, found) = with_ctx(Mode::Module, |ctx| compile(&sources[0], ctx));
    assert_eq!(
        slide.title.as_deref(),
        Some("Who to tell the DSL {{ nobody }}")
    );
    let unknown = &found[0].unknown_variables[0];
    assert_eq!(
        (unknown.name.as_str(), &text[unknown.range.clone()]),
        ("nobody", "{{ nobody }}")
    );
    let Some(Block::Callout { html, .. }) = slide.body.blocks.first() else {
        panic!("no callout");
    };
    assert!(html.contains("Tell the DSL the same day"), "{html}");
    let notes = slide.notes.expect("notes");
    let Some(Block::Markdown { html }) = notes.blocks.first() else {
        panic!("no notes");
    };
    assert_eq!(html.trim(), "<p>Timing: <em>five</em> minutes.</p>");
    let misplaced: Vec<&str> = found
        .iter()
        .flat_map(|r| r.misplaced.iter().map(|m| m.0))
        .collect();
    assert_eq!(misplaced, ["quiz"]);
    assert!(text[found[0].misplaced[0].1.clone()].starts_with("```quiz"));
}

#[test]
fn links_in_a_slide_are_facilitator_content_for_the_page_they_are_shown_on() {
    let text = "```slide\n## A picture\n\n![Two mentors](images/two.png)\n```\n";
    let (sources, _) = slides(text);
    let (slide, found) = with_ctx(Mode::Module, |ctx| compile(&sources[0], ctx));
    let link = &found[0].links[0];
    assert!(link.facilitator_only && link.is_image);
    assert_eq!(&text[link.range.clone()], "images/two.png");
    let Some(Block::Markdown { html }) = slide.body.blocks.first() else {
        panic!("no image");
    };
    assert!(
        html.contains("src=\"../../assets/course/images/two.png\""),
        "{html}"
    );
}
