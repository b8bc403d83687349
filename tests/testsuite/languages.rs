//! Courses in more than one language (issue 18): page names and ids made from
//! names in any alphabet are spelled in a–z (`03 Über uns.md` →
//! `modules/03-uber-uns.html`), W012 for a name of which nothing could be
//! spelled, and a search index whose words are folded (`uber` finds
//! "Über") in every script. The search page itself is driven in Chromium
//! by `browser.rs` (`search.mjs`).

use crate::common::{CourseTest, select_attr};

/// Words of many scripts, with accents composed and decomposed (`Ame\u{301}lie`), each of
/// which `search.mjs` types as written and expects to find this section by.
const MANY_SCRIPTS: &str = "Tiếng Việt; Zażółć gęślą jaźń; Εμπιστοσύνη, ΐ; שָׁלוֹם; हिन्दी भाषा; \
    한국어 공부; ガイドとダンス; İstanbul'da; Йога и ёлка; ﬁnd; Ame\u{301}lie; Ǆungla; ١٢٣; \
    Ça; Ørsted Åland; naïve coöperate; ᏣᎳᎩ.";

/// The minimal fixture with the modules `03 Über uns.md` (German, with
/// Arabic words carrying harakat, and a section of [`MANY_SCRIPTS`]) and `04 Ymddiriedaeth ŵyr.md` (Welsh)
/// after its own; `browser.rs` searches the same course.
pub(crate) fn course_in_three_languages() -> CourseTest {
    let t = CourseTest::fixture("minimal");
    t.write(
        "course/03 Über uns.md",
        format!(
            "---\ntitle: Über uns\noutcomes: [Wissen, wer wir sind]\n---\n\
         ## Wer wir sind\n\nWir sind Mentorinnen und Mentoren im Café.\n\n\
         ## بالعربية\n\nنَحْنُ نَسْتَمِعُ: مَرْحَبًا بِكُمْ.\n\n\
         ## Viele Sprachen\n\n{MANY_SCRIPTS}\n"
        ),
    );
    t.write(
        "course/04 Ymddiriedaeth ŵyr.md",
        "---\ntitle: Ymddiriedaeth\noutcomes: [Gwrando]\n---\nMae ŵyr yn gwrando.\n",
    );
    t.edit(
        "course/course.yaml",
        "  - 03-trainer-only.md\n",
        "  - 03-trainer-only.md\n  - 03 Über uns.md\n  - 04 Ymddiriedaeth ŵyr.md\n",
    );
    t
}

#[test]
fn module_names_in_other_alphabets_are_spelled_in_a_to_z_and_linked() {
    let t = course_in_three_languages();
    t.edit(
        "course/course.yaml",
        "title: Test Course",
        "title: Cwrs Ŵyr Über",
    );
    let run = t.run(&["build", "--deny-warnings"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("W012"), "{}", run.stderr);
    for page in [
        "public/modules/03-uber-uns.html",
        "public/modules/04-ymddiriedaeth-wyr.html",
    ] {
        assert!(
            t.exists(page),
            "{page} missing: {:?}",
            t.files("public/modules")
        );
    }
    let home = t.read("public/index.html");
    let links = select_attr(&home, "main a", "href");
    assert!(
        links.iter().any(|l| l == "modules/03-uber-uns.html")
            && links
                .iter()
                .any(|l| l == "modules/04-ymddiriedaeth-wyr.html"),
        "{links:?}"
    );
    // The module before links on to it.
    let before = t.read("public/modules/02-features.html");
    assert!(
        select_attr(&before, "a", "href")
            .iter()
            .any(|l| l == "../modules/03-uber-uns.html"),
        "no link from 02-features to 03-uber-uns"
    );
    // The course id from the title is spelled the same way.
    assert_eq!(select_attr(&home, "body", "data-course"), ["cwrs-wyr-uber"]);
}

#[test]
fn a_name_with_nothing_to_spell_is_pointed_out() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "course/04 🌱🌿.md",
        "---\ntitle: Growing\noutcomes: [x]\n---\nText.\n",
    );
    t.edit(
        "course/course.yaml",
        "  - 03-trainer-only.md\n",
        "  - 03-trainer-only.md\n  - 04 🌱🌿.md\n",
    );
    let run = t.run(&["build"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[W012]")
            && run.stderr.contains("course/04 🌱🌿.md")
            && run.stderr.contains("modules/04.html")
            && run.stderr.contains("\"🌱🌿\" has no spelling")
            && run.stderr.contains("add `slug:`"),
        "{}",
        run.stderr
    );
    assert!(t.exists("public/modules/04.html"));
    t.run(&["build", "--deny-warnings"]).expect_code(1);
    // With nothing at all left, there is no page name: an error.
    t.write(
        "course/🌱.md",
        "---\ntitle: Seedling\noutcomes: [x]\n---\nText.\n",
    );
    t.edit(
        "course/course.yaml",
        "  - 04 🌱🌿.md\n",
        "  - 04 🌱🌿.md\n  - 🌱.md\n",
    );
    let run = t.run(&["build"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[E010]: cannot make a slug from this file name: \"🌱\" has no spelling"
        ) && run.stderr.contains("course/🌱.md"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_search_index_folds_words_and_keeps_the_text() {
    let t = course_in_three_languages();
    t.run(&["build"]).expect_code(0);
    let index = t.search_index("public");
    let page = index["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .find(|p| p[1] == "modules/03-uber-uns.html")
        .expect("the Über page is indexed");
    assert_eq!(page[0], "Über uns");
    let rows = page[2].as_array().expect("rows");
    let words = |heading: &str| {
        rows.iter()
            .find(|r| r[0] == heading)
            .and_then(|r| r[3].as_str())
            .unwrap_or_else(|| panic!("no row {heading}: {rows:?}"))
            .to_owned()
    };
    // The test helper lists a row's words sorted.
    let lead = rows[0][3].as_str().unwrap_or("");
    assert!(
        lead.split(' ').any(|w| w == "uber") && lead.split(' ').any(|w| w == "uns"),
        "{rows:?}"
    );
    assert!(words("Wer wir sind").contains("cafe"), "{rows:?}");
    assert_eq!(words("بالعربية"), "بالعربية بكم مرحبا نحن نستمع");
    let arabic = rows.iter().find(|r| r[0] == "بالعربية").expect("row");
    assert!(
        arabic[2].as_str().unwrap_or("").contains("مَرْحَبًا"),
        "the snippet keeps the harakat: {arabic:?}"
    );
    assert!(
        !t.read("public/assets/search-index.js").contains("\\u"),
        "non-ASCII text is written as UTF-8, not escaped"
    );
}
