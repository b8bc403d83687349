//! Scenarios without JavaScript: every bundled scenario is played to every
//! ending by following the plain links of the built site, and scenario
//! problems are reported with file, line and node.

use std::collections::{BTreeSet, VecDeque};
use std::path::Path;

use crate::common::{CourseTest, Doc, main_html, select_attr, select_text};

crate::cases::cases! {
    scenario_problems,
    node_title_mistakes,
}

/// Follows every link a learner can click (Start, choices, Continue) from a
/// scenario's start page; returns the ending node ids reached.
fn play_every_path(site: &Path, id: &str) -> BTreeSet<String> {
    let dir = site.join("scenarios").join(id);
    let mut seen = BTreeSet::new();
    let mut endings = BTreeSet::new();
    let mut queue = VecDeque::from([dir.join("index.html")]);
    while let Some(page) = queue.pop_front() {
        let page = page
            .canonicalize()
            .unwrap_or_else(|_| panic!("broken link to {}", page.display()));
        if !seen.insert(page.clone()) {
            continue;
        }
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(
            html.contains("class=\"support-block\""),
            "no support block on {}",
            page.display()
        );
        let doc = Doc::parse(&html);
        for ending in doc.attr("[data-ending]", "data-ending") {
            endings.insert(ending);
        }
        let here = page.parent().unwrap();
        for selector in [
            "a.scenario-start",
            ".choices a",
            ".scenario-actions a.button",
        ] {
            for href in doc.attr(selector, "href") {
                let next = here.join(&href);
                // "Start again" on an ending goes back to the start page: already seen.
                queue.push_back(next);
            }
        }
    }
    endings
}

/// The ending node ids a scenario file declares, read from the built node pages.
fn declared_endings(site: &Path, id: &str) -> BTreeSet<String> {
    std::fs::read_dir(site.join("scenarios").join(id))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let html = std::fs::read_to_string(e.path()).unwrap();
            select_attr(&html, "[data-ending]", "data-ending")
                .into_iter()
                .next()
        })
        .collect()
}

#[test]
fn every_bundled_scenario_plays_to_every_ending_with_plain_links() {
    let t = CourseTest::bundled();
    t.run(&["build", "--deny-warnings"]).expect_code(0);
    let site = t.path().join("public");
    let ids: Vec<String> = std::fs::read_dir(site.join("scenarios"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(ids.len() >= 5, "only {ids:?}");
    for id in &ids {
        let reached = play_every_path(&site, id);
        let declared = declared_endings(&site, id);
        assert!(declared.len() >= 3, "{id} has {declared:?}");
        assert_eq!(
            reached, declared,
            "{id}: not every ending is reachable by links"
        );
    }
    let list = t.read("public/scenarios/index.html");
    assert_eq!(select_text(&list, ".scenario-list h2").len(), ids.len());
}

#[test]
fn the_fixture_scenario_pages_say_what_happens() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    let start = t.read("public/scenarios/promise/index.html");
    assert_eq!(
        select_text(&start, "title"),
        ["Promise you won't tell — Test Course"]
    );
    assert!(select_text(&start, ".content-note")[0].contains("Mentions self-harm."));
    assert_eq!(
        select_attr(&start, "a.scenario-start", "href"),
        ["opening.html"]
    );
    let node = t.read("public/scenarios/promise/opening.html");
    assert_eq!(select_text(&node, "main h1"), ["Sam (Year 9)"]);
    assert_eq!(
        select_attr(&node, ".choices a", "href"),
        ["opening/choice-1.html", "opening/choice-2.html"]
    );
    let choice = t.read("public/scenarios/promise/opening/choice-1.html");
    assert_eq!(
        select_text(&choice, ".you-chose"),
        ["You chose: I promise."]
    );
    assert_eq!(
        select_attr(&choice, ".scenario-actions a.button", "href"),
        ["../promised.html"]
    );
    // Links in scenario Markdown reach module pages from three folders deep.
    assert_eq!(
        select_attr(&choice, ".feedback-text a", "href"),
        ["../../../modules/01-welcome.html#limits"]
    );
    let feedback = t.read("public/scenarios/promise/opening/choice-2.html");
    assert!(select_text(&feedback, ".feedback-text")[0].contains("like Ms Lead would want"));
    let ending = t.read("public/scenarios/promise/good-end.html");
    assert_eq!(select_text(&ending, "main h1"), ["Good practice ending"]);
    assert!(select_text(&ending, ".debrief")[0].contains("You were honest and kind."));
    // The module embeds the scenario as a card.
    let module = t.read("public/modules/02-features.html");
    assert_eq!(
        select_attr(&module, ".scenario-card a", "href"),
        ["../scenarios/promise/index.html"]
    );
    // The player's data is a JSON block, not script.
    let data = select_text(&start, "script#scenario-data")[0].clone();
    let json: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(json["start"], "opening");
    assert_eq!(json["nodes"]["tell-dsl"]["escalates"], true);
}

#[test]
fn facilitator_scenario_pages_stay_out_of_the_mentor_site() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build"]).expect_code(0);
    t.run(&["build", "--edition", "facilitator"]).expect_code(0);
    assert!(!t.exists("public/trainer"));
    for file in t.files("public") {
        assert!(
            !t.read(&format!("public/{file}"))
                .contains("SCENARIO-FACILITATOR-NOTE"),
            "{file}"
        );
    }
    let map = t.read("facilitator/trainer/scenarios/promise.html");
    assert!(map.contains("<svg"), "no map");
    assert!(
        map.contains("SCENARIO-FACILITATOR-NOTE: run after module 1 at Fixture &lt;School&gt;.")
    );
    assert_eq!(select_text(&map, ".map-node h3").len(), 6);
    assert!(select_text(&map, "svg text").contains(&"Good practice ending".to_owned()));
    assert!(select_text(&map, "svg text").contains(&"Concern passed on".to_owned()));
    let cards = t.read("facilitator/trainer/cards/promise.html");
    assert_eq!(
        select_text(&cards, ".card h2"),
        ["Mentor's card", "Mentee's card", "Observer's checklist"]
    );
    let start = t.read("facilitator/scenarios/promise/index.html");
    assert_eq!(
        select_attr(&start, ".facilitator-note a", "href"),
        [
            "../../trainer/scenarios/promise.html",
            "../../trainer/cards/promise.html"
        ]
    );
}

/// Issue 19: a node's own content note is shown before its text in every form: its page, the
/// in-page player's data, the workbook sheet (first node), the scenario map and the role-play cards.
#[test]
fn a_node_content_note_is_shown_before_its_text_everywhere_issue_19() {
    let t = CourseTest::fixture("minimal");
    t.edit(
        "scenarios/promise.yaml",
        "  opening:\n    speaker: Sam (Year 9)",
        "  opening:\n    content_note: Sam talks about {{ dsl }} and secrets.\n    speaker: Sam (Year 9)",
    );
    t.edit(
        "scenarios/promise.yaml",
        "  promised:\n    text:",
        "  promised:\n    content_note: This step mentions an injury.\n    text:",
    );
    t.run(&["build", "--edition", "facilitator", "--deny-warnings"])
        .expect_code(0);
    let page = t.read("facilitator/scenarios/promise/promised.html");
    assert_eq!(
        select_text(&page, "main [role=note].content-note"),
        ["Content note: This step mentions an injury."]
    );
    let main = main_html(&page);
    assert!(
        main.find("This step mentions an injury.").unwrap()
            < main.find("Sam tells you something worrying.").unwrap(),
        "{main}"
    );
    // The player carries it, filled in, for the node it belongs to.
    let start = t.read("facilitator/scenarios/promise/index.html");
    let data: serde_json::Value =
        serde_json::from_str(&select_text(&start, "#scenario-data")[0]).unwrap();
    assert_eq!(
        data["nodes"]["opening"]["content_note"],
        "Sam talks about Ms Lead and secrets."
    );
    assert_eq!(
        data["nodes"]["tell-dsl"]["content_note"],
        serde_json::Value::Null
    );
    assert_eq!(data["ui"]["content_note"], "Content note");
    let map = t.read("facilitator/trainer/scenarios/promise.html");
    assert!(
        select_text(
            &map,
            "#node-promised ~ .content-note, .map-node .content-note"
        )
        .contains(&"Content note: This step mentions an injury.".to_owned()),
        "{map}"
    );
    let cards = t.read("facilitator/trainer/cards/promise.html");
    assert_eq!(
        select_text(&cards, "main .content-note li"),
        [
            "opening: Sam talks about Ms Lead and secrets.",
            "promised: This step mentions an injury."
        ]
    );
    let workbook = t.read("facilitator/workbook.html");
    assert!(
        select_text(&workbook, ".situation .content-note")
            .contains(&"Content note: Sam talks about Ms Lead and secrets.".to_owned()),
        "{workbook}"
    );
}
