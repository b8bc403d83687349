//! Sanitising the HTML of each rendered Markdown fragment with ammonia: no
//! script, iframe, event attribute, style or `javascript:` URL survives, while
//! the markup the Markdown renderer writes (heading ids, footnote references,
//! task lists) does. peerprep's own blocks are never sanitised: the theme
//! renders them (`compile::body`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, Mutex};

use ammonia::{Builder, UrlRelative, UrlRelativeEvaluate};

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(builder);

/// The rules: what the Markdown renderer writes, and no more.
fn builder<'a>() -> Builder<'a> {
    let mut builder = Builder::default();
    builder.add_generic_attributes(["id"]);
    builder.link_rel(None);
    builder.add_tag_attributes("span", ["aria-hidden"]);
    builder.add_tags(["section"]);
    // Only what the Markdown renderer itself writes: table alignment,
    // footnote references (and, in quiz fields, definitions), task lists,
    // glossary term links.
    let classes: HashMap<&str, HashSet<&str>> = HashMap::from([
        (
            "th",
            HashSet::from(["align-left", "align-center", "align-right"]),
        ),
        (
            "td",
            HashSet::from(["align-left", "align-center", "align-right"]),
        ),
        (
            "sup",
            HashSet::from(["footnote-ref", "footnote-definition-label"]),
        ),
        ("div", HashSet::from(["footnote-definition"])),
        ("span", HashSet::from(["task", "visually-hidden"])),
        ("li", HashSet::from(["task-item"])),
        ("ul", HashSet::from(["task-list"])),
        // The first use of a glossary term on a module page (`terms.rs`).
        ("a", HashSet::from(["term"])),
    ]);
    builder.allowed_classes(classes);
    builder
}

/// Whether `url` is one the sanitiser keeps as it is and no browser runs:
/// printable ASCII without spaces, and either no scheme (relative, or a
/// fragment) or `http:`, `https:`, `mailto:` or `tel:`. Anything else goes
/// through the sanitiser.
pub(super) fn is_plain_url(url: &str) -> bool {
    if !url.bytes().all(|b| b.is_ascii_graphic()) {
        return false;
    }
    let before_path = url.split(['/', '?', '#']).next().unwrap_or("");
    match before_path.split_once(':') {
        None => true,
        Some((scheme, _)) => ["http", "https", "mailto", "tel"]
            .iter()
            .any(|s| scheme.eq_ignore_ascii_case(s)),
    }
}

/// Cleans one fragment of HTML; relative URLs in raw HTML the author wrote
/// (`<img src="images/a.png">`) become the URLs in `rewrites`, as Markdown
/// links and images do.
pub(super) fn clean(html: &str, rewrites: &HashMap<String, String>) -> String {
    if rewrites.is_empty() {
        return CLEANER.clean(html).to_string();
    }
    let mut builder = builder();
    builder.url_relative(UrlRelative::Custom(Box::new(Rewrite(rewrites))));
    builder.clean(html).to_string()
}

/// Rewrites relative URLs found in a map, and keeps the rest.
struct Rewrite<'r>(&'r HashMap<String, String>);

impl<'r> UrlRelativeEvaluate<'r> for Rewrite<'r> {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        Some(match self.0.get(url) {
            Some(to) => Cow::Owned(to.clone()),
            None => Cow::Borrowed(url),
        })
    }
}

/// Notes every relative URL, and keeps it.
struct Collect<'f>(&'f Mutex<Vec<String>>);

impl<'f> UrlRelativeEvaluate<'f> for Collect<'f> {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        if let Ok(mut found) = self.0.lock() {
            found.push(url.to_owned());
        }
        Some(Cow::Borrowed(url))
    }
}

/// The relative URLs (`src`, `href` …) in a piece of raw HTML the author
/// wrote, as the sanitiser reads them.
pub(super) fn relative_urls(html: &str) -> Vec<String> {
    let found = Mutex::new(Vec::new());
    let mut builder = builder();
    builder.url_relative(UrlRelative::Custom(Box::new(Collect(&found))));
    let _ = builder.clean(html);
    drop(builder);
    found.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_scripts_events_and_javascript_urls() {
        let dirty = r#"<p onclick="x()">Hi<script>alert(1)</script><iframe src="x"></iframe>
<a href="javascript:alert(1)">a</a><img src="x.png" onerror="alert(1)" alt="ok"></p>"#;
        let clean = clean(dirty, &HashMap::new());
        for bad in ["onclick", "<script", "<iframe", "javascript:", "onerror"] {
            assert!(!clean.contains(bad), "{bad} survived in {clean}");
        }
        assert!(clean.contains("alt=\"ok\""));
    }

    #[test]
    fn only_relative_and_web_urls_are_plain() {
        for plain in [
            "a.html",
            "02-b.md#c",
            "#top",
            "/x",
            "https://e.org/a:b",
            "HTTP://E.ORG",
            "mailto:a@b.c",
            "tel:+441234",
            "x?y=a:b",
        ] {
            assert!(is_plain_url(plain), "{plain}");
        }
        for not in [
            "javascript:alert(1)",
            "JAVASCRIPT:x",
            "data:text/html,x",
            "vbscript:x",
            "java\tscript:x",
            " javascript:x",
            "file:///etc",
            "a b",
        ] {
            assert!(!is_plain_url(not), "{not}");
        }
    }

    #[test]
    fn keeps_generated_markup() {
        let html = r#"<h2 id="x">T</h2><table><tr><td class="align-center">1</td></tr></table><aside class="facilitator-note"><p class="facilitator-label">N</p></aside>"#;
        let clean = clean(html, &HashMap::new());
        assert!(clean.contains(r#"<h2 id="x">"#));
        assert!(clean.contains(r#"class="align-center""#));
        // Our own blocks' markup is not the author's to write.
        assert!(!clean.contains("facilitator-note"), "{clean}");
    }

    #[test]
    fn relative_urls_in_raw_html_are_found_and_rewritten() {
        let html = r#"<p><img src="images/a.png" alt="A"> <a href="https://example.org/">x</a> <a href="02-b.md#c">b</a></p>"#;
        assert_eq!(relative_urls(html), ["images/a.png", "02-b.md#c"]);
        let rewrites = HashMap::from([(
            "images/a.png".to_owned(),
            "../assets/course/images/a.png".to_owned(),
        )]);
        let clean = clean(html, &rewrites);
        assert!(
            clean.contains(r#"src="../assets/course/images/a.png""#),
            "{clean}"
        );
        assert!(clean.contains(r#"href="02-b.md#c""#), "{clean}");
    }
}
