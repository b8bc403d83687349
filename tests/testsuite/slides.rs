//! Slides for the training day (issue 19): ```` ```slide ```` blocks with their
//! ```` ```slide-notes ````, collected into a deck for each session and one for the
//! whole course in the facilitator edition (`trainer/slides/`), never in the
//! mentor edition; and the bundled course's decks for both training days.

use crate::common::{CourseTest, Doc, select_text};

/// Slides added to the minimal fixture's welcome module (two, the first with notes).
const WELCOME_SLIDES: &str = r#"
```slide
## Hello, {{ dsl }}

- Listen first
- Pass worries on straight away

![A dot in a box](images/dot.svg)
```

```slide-notes
Ask the room: **what makes a good listener?** SPEAKER-NOTE-WORDS
```

```slide
## Second slide

- SLIDE-ONLY-WORDS
```
"#;

/// A slide added to the fixture's facilitator-only module.
const TRAINER_SLIDE: &str = "\n```slide\n## Trainer slide\n\n- For the trainers\n```\n";

/// The minimal fixture with slides in two modules, and its session listing
/// the trainer module before the welcome module (so the session's order
/// differs from the course's).
pub(crate) fn course() -> CourseTest {
    let t = CourseTest::fixture("minimal");
    let welcome = t.read("course/01-welcome.md");
    t.write("course/01-welcome.md", format!("{welcome}{WELCOME_SLIDES}"));
    let trainer = t.read("course/03-trainer-only.md");
    t.write(
        "course/03-trainer-only.md",
        format!("{trainer}{TRAINER_SLIDE}"),
    );
    t.edit(
        "course/course.yaml",
        "      - module: 01-welcome.md\n      - module: 03-trainer-only.md\n",
        "      - module: 03-trainer-only.md\n      - module: 01-welcome.md\n",
    );
    t
}

/// The `aria-label` of every slide of a deck page, in order.
fn slide_names(page: &str) -> Vec<String> {
    Doc::parse(page).attr("main section.slide", "aria-label")
}

#[test]
fn the_facilitator_edition_has_a_deck_per_session_and_one_for_the_course_issue_19() {
    let t = course();
    t.run(&["build", "--edition", "facilitator", "--deny-warnings"])
        .expect_code(0);
    let session = t.read("facilitator/trainer/slides/1.html");
    assert_eq!(
        slide_names(&session),
        [
            "Slide 1 of 3: Trainer slide",
            "Slide 2 of 3: Hello, Ms Lead",
            "Slide 3 of 3: Second slide",
        ]
    );
    assert_eq!(
        select_text(&session, "main h1"),
        ["Morning session"],
        "the deck is named after its session"
    );
    let all = t.read("facilitator/trainer/slides/all.html");
    assert_eq!(
        slide_names(&all),
        [
            "Slide 1 of 3: Hello, Ms Lead",
            "Slide 2 of 3: Second slide",
            "Slide 3 of 3: Trainer slide",
        ]
    );
    assert!(!t.exists("facilitator/trainer/slides/2.html"));
    // Each slide: its id for the address, its heading, its points, its notes beside it.
    let doc = Doc::parse(&all);
    assert_eq!(
        doc.attr("main section.slide", "id"),
        ["slide-1", "slide-2", "slide-3"]
    );
    assert_eq!(
        select_text(&all, "main section.slide h2"),
        ["Hello, Ms Lead", "Second slide", "Trainer slide"]
    );
    assert_eq!(
        select_text(&all, "#slide-1 aside.slide-notes"),
        ["Speaker notes Ask the room: what makes a good listener? SPEAKER-NOTE-WORDS"]
    );
    assert!(select_text(&all, "#slide-2 aside").is_empty());
    assert_eq!(
        doc.attr("#slide-1 img", "src"),
        ["../../assets/course/images/dot.svg"]
    );
    assert!(t.exists("facilitator/assets/course/images/dot.svg"));
    assert_eq!(
        doc.attr("#slide-1 .slide-module a", "href"),
        ["../../modules/01-welcome.html"]
    );
    // The deck's own stylesheet and script, on deck pages only, the stylesheet after the site's.
    assert_eq!(
        doc.attr("link[rel=stylesheet]", "href"),
        [
            "../../assets/style.css",
            "../../assets/blocks.css",
            "../../assets/paper.css",
            "../../assets/slides.css"
        ]
    );
    assert!(all.contains("src=\"../../assets/slides.js\""));
    assert!(t.exists("facilitator/assets/slides.css"));
    assert!(t.exists("facilitator/assets/slides.js"));
    assert!(
        !t.read("facilitator/modules/01-welcome.html")
            .contains("slides.css")
    );
    // The list of decks, linked from the facilitator home and the session plan.
    let index = t.read("facilitator/trainer/slides/index.html");
    assert_eq!(
        select_text(&index, "main ul.pack-list li"),
        [
            "Morning session: 3 slides",
            "Every slide, in course order: 3 slides"
        ]
    );
    let home = Doc::parse(&t.read("facilitator/trainer/index.html"));
    assert!(
        home.attr("main a", "href")
            .contains(&"slides/index.html".to_owned())
    );
    let plans = Doc::parse(&t.read("facilitator/trainer/sessions.html"));
    assert!(
        plans
            .attr("main a", "href")
            .contains(&"slides/1.html".to_owned())
    );
    // Slides are not part of the module's page, in either edition, nor its search text.
    let page = t.read("facilitator/modules/01-welcome.html");
    assert!(!page.contains("SLIDE-ONLY-WORDS") && !page.contains("SPEAKER-NOTE-WORDS"));
    let index = t.read("facilitator/assets/search-index.js");
    assert!(!index.contains("SLIDE-ONLY-WORDS") && !index.contains("SPEAKER-NOTE-WORDS"));
}

#[test]
fn the_mentor_edition_never_holds_slide_text_issue_19() {
    let t = course();
    t.run(&["build", "--deny-warnings"]).expect_code(0);
    assert!(!t.exists("public/trainer"));
    assert!(!t.exists("public/assets/slides.css"));
    assert!(!t.exists("public/assets/slides.js"));
    let files = t.files("public");
    assert!(files.iter().any(|f| f == "workbook.html"));
    for file in files {
        let bytes = std::fs::read(t.path().join("public").join(&file)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for words in ["SLIDE-ONLY-WORDS", "SPEAKER-NOTE-WORDS", "Second slide"] {
            assert!(!text.contains(words), "public/{file} holds {words:?}");
        }
    }
}

#[test]
fn a_course_without_slides_has_no_decks_issue_19() {
    let t = CourseTest::fixture("minimal");
    t.run(&["build", "--edition", "facilitator"]).expect_code(0);
    assert!(!t.exists("facilitator/trainer/slides"));
    assert!(!t.exists("facilitator/assets/slides.js"));
    assert!(
        !t.read("facilitator/trainer/index.html")
            .contains("slides/index.html")
    );
}

#[test]
fn the_bundled_course_has_slides_for_both_training_days_issue_19() {
    let t = CourseTest::bundled();
    t.run(&["build", "--edition", "facilitator", "--deny-warnings"])
        .expect_code(0);
    let day1 = t.read("facilitator/trainer/slides/1.html");
    let day2 = t.read("facilitator/trainer/slides/2.html");
    let all = t.read("facilitator/trainer/slides/all.html");
    assert!(select_text(&day1, "main h1")[0].starts_with("Training day 1"));
    assert!(select_text(&day2, "main h1")[0].starts_with("Training day 2"));
    let (n1, n2, n) = (
        slide_names(&day1).len(),
        slide_names(&day2).len(),
        slide_names(&all).len(),
    );
    assert!(
        (10..=30).contains(&n1) && (10..=30).contains(&n2),
        "{n1} and {n2} slides"
    );
    assert_eq!(n, n1 + n2, "every slide is in one training day's deck");
    assert!(!t.exists("facilitator/trainer/slides/3.html"));
    // Day 1 starts with the role of a mentor; every slide has a title and speaker notes.
    assert_eq!(
        slide_names(&day1)[0],
        format!("Slide 1 of {n1}: What a peer mentor does")
    );
    for page in [&day1, &day2] {
        let doc = Doc::parse(page);
        let slides = doc.attr("main section.slide", "id").len();
        assert_eq!(select_text(page, "main section.slide h2").len(), slides);
        assert_eq!(
            select_text(page, "main section.slide aside.slide-notes").len(),
            slides
        );
        // Course variables are filled in; no slide promises secrecy.
        assert!(!page.contains("{{"));
        assert!(!page.to_lowercase().contains("i promise"));
    }
    assert!(day1.contains("Never promise to keep it secret"));
    let mentor = CourseTest::bundled();
    mentor.run(&["build"]).expect_code(0);
    assert!(!mentor.exists("public/trainer"));
    for file in mentor.files("public") {
        if !file.ends_with(".html") && !file.ends_with(".js") {
            continue;
        }
        let text = mentor.read(&format!("public/{file}"));
        for words in [
            "Speaker notes",
            "on the flip chart and ask what the difference is",
        ] {
            assert!(!text.contains(words), "public/{file} holds {words:?}");
        }
    }
}
