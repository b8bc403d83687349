//! Sanitising the HTML of each rendered Markdown fragment with ammonia: no
//! script, iframe, event attribute, style or `javascript:` URL survives, while
//! the markup the Markdown renderer writes (heading ids, footnote references,
//! task lists) does. peerprep's own blocks are never sanitised: the theme
//! renders them (`compile::body`).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::Builder;

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::default();
    builder.add_generic_attributes(["id"]);
    builder.link_rel(None);
    builder.add_tag_attributes("span", ["aria-hidden"]);
    builder.add_tags(["section"]);
    // Only what the Markdown renderer itself writes: table alignment,
    // footnote references (and, in quiz fields, definitions), task lists.
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
    ]);
    builder.allowed_classes(classes);
    builder
});

/// Cleans one fragment of HTML.
pub(super) fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_scripts_events_and_javascript_urls() {
        let dirty = r#"<p onclick="x()">Hi<script>alert(1)</script><iframe src="x"></iframe>
<a href="javascript:alert(1)">a</a><img src="x.png" onerror="alert(1)" alt="ok"></p>"#;
        let clean = clean(dirty);
        for bad in ["onclick", "<script", "<iframe", "javascript:", "onerror"] {
            assert!(!clean.contains(bad), "{bad} survived in {clean}");
        }
        assert!(clean.contains("alt=\"ok\""));
    }

    #[test]
    fn keeps_generated_markup() {
        let html = r#"<h2 id="x">T</h2><table><tr><td class="align-center">1</td></tr></table><aside class="facilitator-note"><p class="facilitator-label">N</p></aside>"#;
        let clean = clean(html);
        assert!(clean.contains(r#"<h2 id="x">"#));
        assert!(clean.contains(r#"class="align-center""#));
        // Our own blocks' markup is not the author's to write.
        assert!(!clean.contains("facilitator-note"), "{clean}");
    }
}
