//! The printed documents of a course longer than one batch: the workbook's
//! and the guide's bodies are compiled a batch at a time while the template
//! prints them (`render/ahead.rs`), so a course of several batches must print
//! every module once, in course order, with links between modules kept
//! inside the document across batch boundaries.

use crate::common::{CourseTest, main_html, select_attr, select_text};

/// More modules than two batches of 128.
const MODULES: usize = 300;

/// The minimal fixture with `MODULES` more modules, each linking to the
/// next; every tenth is for facilitators only (the guide).
fn long_course() -> CourseTest {
    let t = CourseTest::fixture("minimal");
    let mut list =
        String::from("modules:\n  - 01-welcome.md\n  - 02-features.md\n  - 03-trainer-only.md\n");
    for i in 0..MODULES {
        list.push_str(&format!("  - m{i:03}.md\n"));
        let edition = if i % 10 == 9 {
            "edition: facilitator\n"
        } else {
            ""
        };
        let next = i + 1 + usize::from((i + 1) % 10 == 9);
        let link = if next < MODULES {
            format!("Go on to [the next one](m{next:03}.md#part-two).")
        } else {
            String::new()
        };
        t.write(
            &format!("course/m{i:03}.md"),
            format!(
                "---\ntitle: Module {i}\n{edition}---\nBody of module {i}. {link}\n\n## Part two\n\nMore of module {i}.\n"
            ),
        );
    }
    t.set_modules(&list);
    t
}

#[test]
fn a_workbook_of_several_batches_prints_every_module_once_in_order_issue_20() {
    let t = long_course();
    t.run(&["build"]).expect_code(0);
    let html = t.read("public/workbook.html");
    let shown: Vec<usize> = (0..MODULES).filter(|i| i % 10 != 9).collect();
    let slugs: Vec<String> = shown.iter().map(|i| format!("m{i:03}")).collect();
    let mut printed = select_attr(&html, ".document-module", "id");
    assert_eq!(
        printed.drain(..2).collect::<Vec<_>>(),
        ["01-welcome", "02-features"]
    );
    assert_eq!(printed, slugs);
    let main = main_html(&html);
    let mut from = 0;
    for &i in &shown {
        let body = format!("Body of module {i}.");
        assert_eq!(main.matches(&body).count(), 1, "{body}");
        from = main[from..].find(&body).expect("in course order") + from;
    }
    // Every link into the next module stays in the page, across the batch
    // boundaries too (members 128 and 256 of the document).
    for &i in &shown {
        let next = i + 1 + usize::from((i + 1) % 10 == 9);
        if next < MODULES {
            let href = format!(r##"href="#m{next:03}--part-two""##);
            assert_eq!(main.matches(&href).count(), 1, "module {i}: {href}");
        }
    }
}

#[test]
fn a_guide_of_several_batches_prints_every_facilitator_module_issue_20() {
    let t = long_course();
    t.run(&["build", "--edition", "facilitator"]).expect_code(0);
    let html = t.read("facilitator/trainer/guide.html");
    let mut slugs = vec!["03-trainer-only".to_owned()];
    slugs.extend(
        (0..MODULES)
            .filter(|i| i % 10 == 9)
            .map(|i| format!("m{i:03}")),
    );
    slugs.sort();
    let mut printed = select_attr(&html, ".document-module", "id");
    printed.sort();
    assert_eq!(printed, slugs);
    // Each body once, in course order.
    let text = select_text(&html, "main").join(" ");
    let mut from = 0;
    for i in (0..MODULES).filter(|i| i % 10 == 9) {
        let body = format!("Body of module {i}.");
        assert_eq!(text.matches(&body).count(), 1, "{body}");
        from = text[from..].find(&body).expect("in course order") + from;
    }
}
