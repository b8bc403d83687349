//! Links and the files they point at: every link relative, nothing loaded
//! from another host, and the author's raw HTML treated like Markdown.

use crate::common::{CourseTest, select_attr};

#[test]
fn nothing_loads_from_another_host_and_links_are_relative() {
    let t = CourseTest::bundled();
    t.run(&["build"]).expect_code(0);
    let selector = |s: &str| scraper::Selector::parse(s).expect("selector");
    let loads: Vec<(&str, scraper::Selector, &str)> = [
        ("script", "src"),
        ("link", "href"),
        ("img", "src"),
        ("source", "src"),
        ("iframe", "src"),
    ]
    .into_iter()
    .map(|(s, attr)| (s, selector(s), attr))
    .collect();
    let (links, styled, csp_meta) = (
        selector("a"),
        selector("[style]"),
        selector("meta[http-equiv=Content-Security-Policy]"),
    );
    for file in t.files("public").iter().filter(|f| f.ends_with(".html")) {
        let html = t.read(&format!("public/{file}"));
        // Parsed once per page: the bundled course has hundreds.
        let doc = scraper::Html::parse_document(&html);
        let attrs = |sel: &scraper::Selector, attr: &str| -> Vec<String> {
            doc.select(sel)
                .filter_map(|e| e.value().attr(attr).map(str::to_owned))
                .collect()
        };
        for (name, sel, attr) in &loads {
            for url in attrs(sel, attr) {
                assert!(
                    !url.contains("//") && !url.contains(':') && !url.starts_with('/'),
                    "{file}: {name} loads {url}"
                );
            }
        }
        for href in attrs(&links, "href") {
            let external = href.starts_with("https://")
                || href.starts_with("http://")
                || href.starts_with("tel:")
                || href.starts_with("mailto:");
            assert!(
                external || !href.starts_with('/'),
                "{file}: absolute link {href}"
            );
        }
        assert!(!html.contains("<style"), "{file}: inline style");
        assert!(
            attrs(&styled, "style").is_empty(),
            "{file}: style attribute"
        );
        let csp = attrs(&csp_meta, "content");
        assert_eq!(csp.len(), 1, "{file}");
        assert!(
            csp[0].contains("default-src 'none'") && !csp[0].contains("unsafe-inline"),
            "{file}"
        );
    }
}

/// Issue 15: a relative path in raw HTML (`<img src="images/dot.svg">`) was
/// neither rewritten nor copied, so the image was broken on the page.
#[test]
fn relative_urls_in_raw_html_are_rewritten_and_their_files_copied() {
    let t = CourseTest::fixture("minimal");
    t.edit(
        "course/01-welcome.md",
        "Welcome to {{ school }}.",
        "<img src=\"images/dot.svg\" alt=\"A dot\">\n\n<p><a href=\"02-features.md#a-table\">Tables</a></p>\n\nWelcome to {{ school }}.",
    );
    t.run(&["build"]).expect_code(0);
    let page = t.read("public/modules/01-welcome.html");
    assert!(
        select_attr(&page, "main img", "src")
            .contains(&"../assets/course/images/dot.svg".to_owned()),
        "{:?}",
        select_attr(&page, "main img", "src")
    );
    assert!(
        select_attr(&page, "main a", "href").contains(&"02-features.html#a-table".to_owned()),
        "{:?}",
        select_attr(&page, "main a", "href")
    );
    assert!(t.exists("public/assets/course/images/dot.svg"));
}
