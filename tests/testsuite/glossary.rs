//! The course glossary (issue 19): `course/glossary.yaml` becomes `glossary.html` (A to Z, by
//! letter), the first use of each term on a module page links to its entry, the workbook has the
//! glossary as an appendix, the search index has a row per term; the problems an entry can have
//! are located in glossary.yaml (the case folder); a course without the file has none of it.

use crate::common::{CourseTest, Doc, select_attr, select_text};

crate::cases::cases! {
    e024_w021_glossary_problems,
}

/// A glossary for the minimal fixture: a term with a variable and an alias, a plural, a `see:`,
/// a definition with a link to a module.
const GLOSSARY: &str = r#"# The fixture's glossary.
- term: Mentee
  aliases: [mentees]
  definition: The student a *peer mentor* supports. See [welcome](01-welcome.md).
  see: [Designated Safeguarding Lead]

- term: Designated Safeguarding Lead
  aliases: [DSL]
  definition: "The member of staff responsible for safeguarding: at {{ school }}, {{ dsl }}."

- term: Active listening
  definition: Full attention, checking you understood, and helping them say more.

- term: Limits of confidentiality
  definition: When you must pass something on.
  see: [mentee]

- term: Confidentiality
  definition: Keeping what your mentee says private, within its limits.
  see: [Limits of confidentiality]
"#;

/// A module that uses every term, in every place a term may or may not be marked.
const MODULE: &str = r#"---
title: Terms
outcomes: [Use the words]
competencies: [listening]
---
## Active listening

Not marked in a heading. A [mentee in a link](01-welcome.md) and `mentee` in code are not marked.

Your MENTEE talks; the second mentee is not marked. Mentees, too, are the same entry.

Tell the DSL, or the Designated Safeguarding Lead: one entry, marked once.

Explain the limits of confidentiality, and confidentiality on its own.

<abbr title="x">DSL</abbr> stays the author's.

```facilitator
Active listening in a facilitator note is not marked.
```

Active listening, at last in the text.
"#;

/// The minimal fixture with [`GLOSSARY`] and [`MODULE`] as its fourth module.
pub(crate) fn course() -> CourseTest {
    let t = CourseTest::fixture("minimal");
    t.write("course/glossary.yaml", GLOSSARY);
    t.write("course/04-terms.md", MODULE);
    t.edit(
        "course/course.yaml",
        "  - 03-trainer-only.md\n",
        "  - 03-trainer-only.md\n  - 04-terms.md\n",
    );
    t
}

#[test]
fn the_glossary_page_lists_terms_by_letter_with_aliases_and_links_issue_19() {
    let t = course();
    t.run(&["build", "--deny-warnings"]).expect_code(0);
    let page = t.read("public/glossary.html");
    let html = Doc::parse(&page);
    assert_eq!(select_text(&page, "main h1"), ["Glossary"]);
    assert_eq!(
        select_text(&page, ".glossary-index a"),
        ["A", "C", "D", "L", "M"]
    );
    assert_eq!(
        html.attr(".glossary-index a", "href"),
        [
            "#letter-a",
            "#letter-c",
            "#letter-d",
            "#letter-l",
            "#letter-m"
        ]
    );
    assert_eq!(
        select_text(&page, ".glossary-list dt dfn"),
        [
            "Active listening",
            "Confidentiality",
            "Designated Safeguarding Lead",
            "Limits of confidentiality",
            "Mentee"
        ]
    );
    assert_eq!(
        html.attr(".glossary-list dt", "id"),
        [
            "term-active-listening",
            "term-confidentiality",
            "term-designated-safeguarding-lead",
            "term-limits-of-confidentiality",
            "term-mentee"
        ]
    );
    // Variables are filled in; Markdown is rendered; links are made relative to the page.
    let dsl = select_text(&page, "#term-designated-safeguarding-lead + dd");
    assert!(dsl[0].contains("at Fixture <School>, Ms Lead."), "{dsl:?}");
    assert!(dsl[0].contains("Also called: DSL"), "{dsl:?}");
    let mentee = select_text(&page, "#term-mentee + dd");
    assert!(
        !mentee[0].contains("Also called"),
        "a plural is not listed: {mentee:?}"
    );
    assert_eq!(
        select_text(&page, "#term-mentee + dd em"),
        ["peer mentor"],
        "the definition is Markdown"
    );
    assert_eq!(
        html.attr("#term-mentee + dd p:first-child a", "href"),
        ["modules/01-welcome.html"]
    );
    assert_eq!(
        html.attr("#term-mentee + dd .glossary-see a", "href"),
        ["#term-designated-safeguarding-lead"]
    );
    // `see:` finds a term whatever its case.
    assert_eq!(
        select_text(
            &page,
            "#term-limits-of-confidentiality + dd .glossary-see a"
        ),
        ["Mentee"]
    );
    // Every page links to it.
    for p in ["index.html", "modules/01-welcome.html", "support.html"] {
        let other = t.read(&format!("public/{p}"));
        assert!(
            select_attr(&other, ".site-nav a", "href")
                .iter()
                .any(|h| h.ends_with("glossary.html")),
            "{p}"
        );
    }
    assert_eq!(
        select_attr(&page, ".site-nav a[aria-current=page]", "href"),
        ["glossary.html"]
    );
}

#[test]
fn the_first_use_of_each_term_on_a_module_page_links_to_its_entry_issue_19() {
    let t = course();
    t.run(&["build", "--deny-warnings"]).expect_code(0);
    let page = t.read("public/modules/04-terms.html");
    let html = Doc::parse(&page);
    assert_eq!(
        select_text(&page, "main a.term"),
        [
            "MENTEE",
            "DSL",
            "limits of confidentiality",
            "confidentiality",
            "Active listening"
        ]
    );
    assert_eq!(
        html.attr("main a.term", "href"),
        [
            "../glossary.html#term-mentee",
            "../glossary.html#term-designated-safeguarding-lead",
            "../glossary.html#term-limits-of-confidentiality",
            "../glossary.html#term-confidentiality",
            "../glossary.html#term-active-listening"
        ]
    );
    // The definition as plain text, variables filled in, is the link's description.
    assert_eq!(
        html.attr("main a.term", "title")[1],
        "The member of staff responsible for safeguarding: at Fixture <School>, Ms Lead."
    );
    assert!(
        select_text(&page, "main h2 a").is_empty(),
        "headings are not marked"
    );
    assert_eq!(select_text(&page, "main abbr"), ["DSL"]);
    // The facilitator edition: a note's words are not marked, so the two editions mark the same words.
    t.run(&["build", "--edition", "facilitator", "--out", "trainer-site"])
        .expect_code(0);
    let trainer = t.read("trainer-site/modules/04-terms.html");
    assert_eq!(select_text(&trainer, "main a.term").len(), 5);
    assert!(select_text(&trainer, ".facilitator-note a.term").is_empty());
    // Quiz fields are not marked ("A mentee asks you to promise…" in module 1).
    let welcome = t.read("public/modules/01-welcome.html");
    assert!(welcome.contains("A mentee asks you"));
    assert!(select_text(&welcome, "main a.term").is_empty());
    // Scenario pages are not marked.
    for file in t.files("public/scenarios") {
        let scenario = t.read(&format!("public/scenarios/{file}"));
        assert!(!scenario.contains("class=\"term\""), "{file}");
    }
}

#[test]
fn the_workbook_has_the_glossary_as_an_appendix_and_search_has_a_row_per_term_issue_19() {
    let t = course();
    t.run(&["build", "--deny-warnings"]).expect_code(0);
    let workbook = t.read("public/workbook.html");
    let html = Doc::parse(&workbook);
    assert_eq!(
        select_text(&workbook, "#document-glossary h2"),
        ["Glossary"]
    );
    assert_eq!(
        select_text(&workbook, "#document-glossary h3"),
        ["A", "C", "D", "L", "M"]
    );
    assert_eq!(select_text(&workbook, "#document-glossary dfn").len(), 5);
    assert!(
        html.attr(".document-contents a", "href")
            .contains(&"#document-glossary".to_owned())
    );
    // Printed modules link to no page: their terms are not marked.
    assert!(!workbook.contains("class=\"term\""));
    let index = t.search_index("public");
    let pages = index["pages"].as_array().unwrap();
    let glossary = pages
        .iter()
        .find(|p| p[1] == "glossary.html")
        .expect("the glossary is in the index");
    assert_eq!(glossary[0], "Glossary");
    let rows = glossary[2].as_array().unwrap();
    let row = rows
        .iter()
        .find(|r| r[0] == "Designated Safeguarding Lead")
        .expect("a row per term");
    assert_eq!(row[1], "term-designated-safeguarding-lead");
    assert!(
        row[3].as_str().unwrap().contains("dsl"),
        "aliases are searched: {row}"
    );
}

#[test]
fn a_course_without_a_glossary_has_no_glossary_page_and_no_marks_issue_19() {
    let t = CourseTest::fixture("minimal");
    t.write("course/04-terms.md", MODULE);
    t.edit(
        "course/course.yaml",
        "  - 03-trainer-only.md\n",
        "  - 03-trainer-only.md\n  - 04-terms.md\n",
    );
    t.run(&["build", "--deny-warnings"]).expect_code(0);
    assert!(!t.exists("public/glossary.html"));
    let page = t.read("public/modules/04-terms.html");
    assert!(!page.contains("class=\"term\""));
    assert!(!page.contains("glossary.html"));
    assert!(!t.read("public/workbook.html").contains("document-glossary"));
    let index = t.search_index("public");
    assert!(
        index["pages"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p[1] != "glossary.html")
    );
}

#[test]
fn the_bundled_course_has_a_glossary_of_its_terms_issue_19() {
    let t = CourseTest::bundled();
    t.run(&["build", "--deny-warnings"]).expect_code(0);
    let page = t.read("public/glossary.html");
    let terms = select_text(&page, ".glossary-list dt dfn");
    assert!(terms.len() >= 30, "{terms:?}");
    for term in [
        "Designated Safeguarding Lead",
        "Confidentiality",
        "Limits of confidentiality",
        "Disclosure",
        "Signposting",
        "Active listening",
    ] {
        assert!(terms.contains(&term.to_owned()), "{term} in {terms:?}");
    }
    // Never a promise of secrecy, never a number that belongs in course.yaml.
    let text = select_text(&page, ".glossary-list").join(" ");
    assert!(text.contains("never promise to keep everything secret"));
    for number in ["0800 1111", "116 123", "85258"] {
        assert!(!text.contains(number), "{number}");
    }
    let safeguarding = t.read("public/modules/04-safeguarding-and-signposting.html");
    assert!(
        select_attr(&safeguarding, "main a.term", "href")
            .contains(&"../glossary.html#term-designated-safeguarding-lead".to_owned())
    );
}
