//! Hostile and broken input: each case gets its clear error (or builds
//! safely), and no field lets content run code in the built pages.

use crate::common::CourseTest;
use scraper::{Html, Selector};

/// Every HTML page under `dir` of the course, with its path.
fn pages(t: &CourseTest, dir: &str) -> Vec<(String, String)> {
    t.files(dir)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let text = t.read(&format!("{dir}/{f}"));
            (f, text)
        })
        .collect()
}

/// Problems that would let content run code: inline or outside scripts,
/// event-handler attributes, `javascript:`/`data:` URLs, frames and objects.
fn unsafe_markup(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let all = Selector::parse("*").expect("selector");
    let mut found = Vec::new();
    for el in doc.select(&all) {
        let name = el.value().name();
        if matches!(name, "iframe" | "object" | "embed" | "frame" | "base") {
            found.push(format!("<{name}> element"));
        }
        if name == "script" && el.value().attr("type") == Some("application/json") {
            // A data island: it must stay one valid JSON value.
            let text: String = el.text().collect();
            if serde_json::from_str::<serde_json::Value>(&text).is_err() {
                found.push("a JSON data block that is not JSON".into());
            }
            continue;
        }
        if name == "script" {
            let src = el.value().attr("src").unwrap_or("");
            let own = src.contains("assets/") && src.ends_with(".js") && !src.contains(':');
            if !own || el.text().any(|t| !t.trim().is_empty()) {
                found.push(format!("script {src:?}"));
            }
        }
        for (attr, value) in el.value().attrs() {
            if attr.to_ascii_lowercase().starts_with("on") {
                found.push(format!("{name} {attr}={value:?}"));
            }
            let v: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if matches!(
                attr,
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) && (v.starts_with("javascript:")
                || v.starts_with("data:")
                || v.starts_with("vbscript:"))
            {
                found.push(format!("{name} {attr}={value:?}"));
            }
        }
    }
    found
}

const XSS: &str = "<script>window.__pwned=1</script><img src=images/dot.svg onerror=alert(1)>\"'><svg onload=alert(1)>";

#[test]
fn no_field_lets_content_run_code() {
    let t = CourseTest::fixture("minimal");
    let quoted = XSS.replace('\\', "\\\\").replace('"', "\\\"");
    t.edit(
        "course/course.yaml",
        "subtitle: A fixture",
        &format!("subtitle: \"{quoted}\""),
    );
    t.edit(
        "course/course.yaml",
        "organisation: Fixture School",
        &format!("organisation: \"{quoted}\""),
    );
    t.edit(
        "course/course.yaml",
        "title: Test Course",
        &format!("title: \"Test {quoted}\""),
    );
    t.edit(
        "course/course.yaml",
        "  school: ",
        &format!("  evil: \"{quoted}\"\n  school: "),
    );
    t.edit(
        "course/course.yaml",
        "    - name: Childline\n      how: Call 0800 1111",
        &format!("    - name: \"{quoted}\"\n      how: \"{quoted}\""),
    );
    t.edit(
        "course/01-welcome.md",
        "title: Welcome",
        &format!("title: \"Welcome {quoted}\"\nsummary_x: 1"),
    );
    t.edit(
        "course/01-welcome.md",
        "summary_x: 1\nsummary: What this course is.",
        &format!("summary: \"{quoted}\""),
    );
    t.edit(
        "course/01-welcome.md",
        "  - Say what a mentor does",
        &format!("  - \"{quoted}\""),
    );
    t.edit(
        "course/01-welcome.md",
        "content_note: Mentions bullying.",
        &format!("content_note: \"Mentions bullying. {quoted}\""),
    );
    t.edit(
        "course/01-welcome.md",
        "## Limits",
        &format!(
            "Variable: {{{{ evil }}}}\n\n{XSS}\n\n<a href=\"javascript:alert(1)\">raw link</a> [md link](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>) <iframe src=\"https://example.org\"></iframe> <form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">b</button></form> <a href=\" JaVaScRiPt:alert(1)\">spaced</a>\n\n## Limits {XSS}\n\n## Limits"
        ),
    );
    t.edit(
        "course/01-welcome.md",
        "  prompt: A mentee asks you to **promise** not to tell. What do you say?",
        &format!("  prompt: \"{quoted} promise\""),
    );
    t.edit(
        "course/01-welcome.md",
        "    - text: I promise.",
        &format!("    - text: \"{quoted}\""),
    );
    t.edit(
        "course/01-welcome.md",
        "      feedback: You might have to break that promise.",
        &format!("      feedback: \"{quoted}\""),
    );
    t.edit(
        "scenarios/promise.yaml",
        "title: Promise you won't tell",
        &format!("title: \"{quoted}\""),
    );
    t.edit(
        "scenarios/promise.yaml",
        "summary: A mentee asks you to keep a secret.",
        &format!("summary: \"{quoted}\""),
    );
    t.edit(
        "scenarios/promise.yaml",
        "      - label: I promise.",
        &format!("      - label: \"{quoted}\""),
    );
    t.edit(
        "scenarios/promise.yaml",
        "        feedback: Nobody can help if nobody knows.",
        &format!("        feedback: \"{quoted} [x](javascript:alert(1))\""),
    );
    t.edit(
        "scenarios/promise.yaml",
        "    speaker: Sam (Year 9)",
        &format!("    speaker: \"{quoted}\""),
    );

    for (edition, out) in [("mentor", "public"), ("facilitator", "facilitator")] {
        let run = t.run(&["build", "--edition", edition]);
        run.expect_code(0);
        let built = pages(&t, out);
        assert!(built.len() > 15, "{edition}: {} pages", built.len());
        for (page, html) in &built {
            let found = unsafe_markup(html);
            assert!(found.is_empty(), "{edition} {page}: {found:?}");
        }
        // The payload is shown as text where it was written.
        let home = t.read(&format!("{out}/index.html"));
        assert!(
            home.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"),
            "{edition}: the title is not escaped text"
        );
        // The search index is data, never markup.
        t.search_index(out);
    }
    // A `javascript:` helpline link is refused outright.
    t.edit(
        "course/course.yaml",
        "url: https://www.childline.org.uk/",
        "url: \"javascript:alert(1)\"",
    );
    let run = t.run(&["build"]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[E004]"), "{}", run.stderr);
}

crate::cases::cases! {
    alias_bomb,
    duplicate_title,
    list_for_a_number,
    empty_module,
    front_matter_never_closes,
    empty_course_yaml,
    bom_and_crlf,
    huge_line => write_huge_line,
    too_large => write_too_large,
    deep_quotes => write_deep_quotes,
    deep_lists => write_deep_lists,
    deep_raw_html => write_deep_raw_html,
    emphasis_runs => write_emphasis_runs,
    link_brackets => write_link_brackets,
    traversal_slug,
    traversal_module_path,
}

/// The fixture's second module with `front` added to its front matter and `body` as its text.
fn module(front: &str, body: &str) -> String {
    format!("---\ntitle: Features\noutcomes: [x]\n{front}---\n## A table\n\n{body}\n")
}

fn features(t: &CourseTest, body: &str) {
    t.write("course/02-features.md", module("", body));
}

fn write_huge_line(t: &CourseTest) {
    features(t, &"word ".repeat(400_000));
}

fn write_too_large(t: &CourseTest) {
    features(t, &"x".repeat(5 * 1024 * 1024));
}

fn write_deep_quotes(t: &CourseTest) {
    features(t, &format!("{} deep", ">".repeat(50_000)));
}

fn write_deep_lists(t: &CourseTest) {
    let lists: String = (0..2000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    features(t, &lists);
}

fn write_deep_raw_html(t: &CourseTest) {
    features(
        t,
        &format!("{}x{}", "<div>".repeat(50_000), "</div>".repeat(50_000)),
    );
}

fn write_emphasis_runs(t: &CourseTest) {
    features(
        t,
        &format!("{}x{}", "*".repeat(100_000), "_".repeat(100_000)),
    );
}

fn write_link_brackets(t: &CourseTest) {
    features(
        t,
        &format!("{}{}", "[".repeat(100_000), "](#a-table)".repeat(10_000)),
    );
}

#[test]
fn deep_markdown_is_flattened_not_dropped() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "course/02-features.md",
        module("", &format!("{} the deepest words", ">".repeat(5000))),
    );
    t.run(&["build"]).expect_code(0);
    let page = t.read("public/modules/02-features.html");
    assert!(page.contains("the deepest words"));
    assert!(page.matches("<blockquote>").count() <= 32);
}

#[test]
fn names_with_spaces_and_unicode_and_symlink_loops_are_handled() {
    let t = CourseTest::fixture("minimal");
    t.write(
        "course/03 Über uns.md",
        "---\ntitle: Über uns\noutcomes: [x]\n---\nHallo.\n",
    );
    t.edit(
        "course/course.yaml",
        "  - 02-features.md",
        "  - 02-features.md\n  - 03 Über uns.md",
    );
    std::os::unix::fs::symlink("loop", t.path().join("course/images/loop")).expect("symlink");
    std::os::unix::fs::symlink(".", t.path().join("course/images/self")).expect("symlink");
    let run = t.run(&["build"]);
    run.expect_code(0);
    let made: Vec<String> = t.files("public/modules");
    // The name is spelled in a–z (see `languages` for more).
    assert!(
        made.iter().any(|f| f.ends_with("03-uber-uns.html")),
        "{made:?}"
    );
    t.edit(
        "course/03 Über uns.md",
        "title: Über uns",
        "title: Über uns\nslug: ueber-uns",
    );
    t.run(&["build"]).expect_code(0);
    assert!(t.path().join("public/modules/ueber-uns.html").is_file());
    t.write(
        "scenarios/Ünicode name.yaml",
        t.read("scenarios/promise.yaml"),
    );
    let run = t.run(&["build"]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[E010]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("scenarios/Ünicode name.yaml"),
        "{}",
        run.stderr
    );
}

/// Text that made the rest of a page part of a `<script>` data block (after `<!--<script>`, a
/// browser reads `</script>` as text) before every JSON block was escaped (issue 15).
pub(crate) const SCRIPT_OPENER: &str = "A <!--<script> B & C";

/// Text that ended a `<script>` data block early.
pub(crate) const SCRIPT_CLOSER: &str = "D </script> E";

/// The fixture course with [`SCRIPT_OPENER`] in every title and label that a page carries as
/// JSON (the module's title, quiz options and short answers, a reflection prompt, a competency,
/// a self-assessment statement, the scenario's title, speaker and first choice label, and an
/// interface string) and [`SCRIPT_CLOSER`] in the course title and the second choice label.
pub(crate) fn script_breaking_course() -> CourseTest {
    let t = CourseTest::fixture("minimal");
    let json = |s: &str| serde_json::to_string(s).expect("a JSON string, which YAML reads too");
    let (p, q) = (json(SCRIPT_OPENER), json(SCRIPT_CLOSER));
    t.edit(
        "course/course.yaml",
        "title: Test Course",
        &format!("title: {q}"),
    )
    .edit(
        "course/course.yaml",
        "title: Active listening",
        &format!("title: {p}"),
    )
    .edit(
        "course/course.yaml",
        "statement: I can listen without jumping in.",
        &format!("statement: {p}"),
    )
    .edit(
        "course/course.yaml",
        "modules:\n",
        &format!("ui:\n  continue: {p}\nmodules:\n"),
    )
    .edit(
        "course/01-welcome.md",
        "title: Welcome",
        &format!("title: {p}"),
    )
    .edit(
        "course/01-welcome.md",
        "    - text: I promise.",
        &format!("    - text: {p}"),
    )
    .edit(
        "course/01-welcome.md",
        "accept: [Ms Lead, \"  ms lead \"]",
        &format!("accept: [Ms Lead, {p}]"),
    )
    .edit(
        "course/02-features.md",
        "- What would you say first?",
        &format!("- {p}"),
    )
    .edit(
        "scenarios/promise.yaml",
        "title: Promise you won't tell",
        &format!("title: {p}"),
    )
    .edit(
        "scenarios/promise.yaml",
        "speaker: Sam (Year 9)",
        &format!("speaker: {p}"),
    )
    .edit(
        "scenarios/promise.yaml",
        "      - label: I promise.",
        &format!("      - label: {p}"),
    )
    .edit(
        "scenarios/promise.yaml",
        "      - label: I can't promise that, but I'll listen.",
        &format!("      - label: {q}"),
    );
    t
}

/// The JSON in every `<script type="application/json">` of `html`, parsed; panics when one is
/// not JSON.
fn json_blocks(page: &str, html: &str) -> Vec<serde_json::Value> {
    let doc = Html::parse_document(html);
    let blocks = Selector::parse("script[type='application/json']").expect("selector");
    doc.select(&blocks)
        .map(|el| {
            let text: String = el.text().collect();
            serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{page}: a data block is not JSON ({e}): {text}"))
        })
        .collect()
}

/// What a page holds after its data block: the footer, every script element (each an asset or a
/// data block), and the text of `selector`.
fn assert_page_intact(page: &str, html: &str, blocks: usize) {
    let doc = Html::parse_document(html);
    let count = |s: &str| doc.select(&Selector::parse(s).expect("selector")).count();
    assert_eq!(
        count("footer.site-footer"),
        1,
        "{page}: the footer was swallowed"
    );
    assert_eq!(
        count("footer .made-with"),
        1,
        "{page}: the footer is not whole"
    );
    assert_eq!(
        count("script[type='application/json']"),
        blocks,
        "{page}: data blocks"
    );
    assert_eq!(
        count("script"),
        html.matches("<script").count(),
        "{page}: a <script> in the page is not an element of its own"
    );
    assert!(
        !html.contains("<!--<script>") && !html.contains("D </script>"),
        "{page}: the raw text is in the page"
    );
}

#[test]
fn json_in_pages_survives_text_that_would_end_its_script_issue_15() {
    let t = script_breaking_course();
    t.run(&["build", "--edition", "facilitator"]).expect_code(0);
    let (p, q) = (SCRIPT_OPENER, SCRIPT_CLOSER);

    let progress = t.read("facilitator/progress.html");
    let data = json_blocks("progress.html", &progress).remove(0);
    assert_eq!(data["title"], q);
    assert_eq!(data["modules"][0]["title"], p);
    assert_eq!(data["competencies"][0]["title"], p);
    assert_eq!(data["self_assessment"][1]["statement"], p);
    assert_eq!(data["scenarios"][0]["title"], p);
    assert!(
        data["reflections"]
            .as_array()
            .expect("reflections")
            .iter()
            .any(|r| r["prompt"] == p),
        "{data}"
    );
    assert_page_intact("progress.html", &progress, 1);
    // The self-assessment statements after the data block are still on the page.
    assert!(crate::common::select_text(&progress, ".statement-text").contains(&p.to_owned()));

    let certificate = t.read("facilitator/certificate.html");
    assert_eq!(
        json_blocks("certificate.html", &certificate)[0]["modules"][0]["title"],
        p
    );
    assert_page_intact("certificate.html", &certificate, 1);

    let start = t.read("facilitator/scenarios/promise/index.html");
    let player = json_blocks("scenarios/promise/index.html", &start).remove(0);
    assert_eq!(player["nodes"]["opening"]["speaker"], p);
    assert_eq!(player["nodes"]["opening"]["choices"][0]["label"], p);
    assert_eq!(player["nodes"]["opening"]["choices"][1]["label"], q);
    assert_eq!(player["competencies"]["listening"], p);
    assert_eq!(player["ui"]["continue"], p);
    assert_page_intact("scenarios/promise/index.html", &start, 1);
    // The facilitator notes come after the data block.
    assert!(start.contains("SCENARIO-FACILITATOR-NOTE"));
    assert_eq!(
        crate::common::select_text(&start, "aside.facilitator-note p:first-child"),
        ["Facilitator notes"]
    );

    // Short answers are JSON in an attribute: HTML-escaped like any attribute.
    let module = t.read("facilitator/modules/01-welcome.html");
    let accept = crate::common::select_attr(&module, "input[data-accept]", "data-accept");
    let accepted: Vec<String> = serde_json::from_str(&accept[0]).expect("data-accept is JSON");
    assert!(accepted.contains(&p.to_lowercase()), "{accepted:?}");
    assert!(
        crate::common::select_text(&module, ".option label").contains(&p.to_owned()),
        "the quiz option"
    );
    assert_page_intact("modules/01-welcome.html", &module, 0);
}
