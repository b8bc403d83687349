//! Checking the links of the built pages, for `check`: every relative
//! `href`, `src` and `action` must lead to a file of the site, and every
//! `#anchor` to an id on that page. Content links are checked earlier, with
//! their lines, by [`crate::check`]; what this finds comes from theme
//! templates, so each problem is located in the course's own template that
//! holds the link when there is one.

/// A built site in memory: file contents by path relative to the site root.
pub(crate) type Files = std::collections::HashMap<String, std::sync::Arc<Vec<u8>>>;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use percent_encoding::percent_decode_str;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::Code;
use crate::source::SourceFile;

/// A broken link: the page it is on, the link as written, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Broken {
    /// The page, relative to the site root.
    pub(crate) page: String,
    /// The attribute value as written.
    pub(crate) link: String,
    /// What is wrong.
    pub(crate) reason: String,
}

/// Every broken relative link in the HTML pages of `files`.
pub(crate) fn broken_links(files: &Files) -> Vec<Broken> {
    let mut ids: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut pages: Vec<&String> = files.keys().filter(|k| k.ends_with(".html")).collect();
    pages.sort();
    let mut out = Vec::new();
    for page in pages {
        let html = String::from_utf8_lossy(&files[page]);
        for link in attribute_values(&html, &["href", "src", "action"]) {
            if let Some(reason) = problem(page, &link, files, &mut ids) {
                out.push(Broken {
                    page: page.clone(),
                    link,
                    reason,
                });
            }
        }
    }
    out
}

fn problem<'a>(
    page: &str,
    link: &str,
    files: &'a Files,
    ids: &mut HashMap<&'a str, HashSet<String>>,
) -> Option<String> {
    if link.is_empty() || is_external(link) {
        return None;
    }
    if link.starts_with('/') {
        return Some(
            "an absolute path does not work when the site is opened from disk; use a relative link"
                .into(),
        );
    }
    let link = link.split('?').next().unwrap_or(link);
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link, None),
    };
    let target = if path.is_empty() {
        page.to_string()
    } else {
        let decoded = percent_decode_str(path).decode_utf8_lossy();
        match resolve(page, &decoded) {
            Some(t) => t,
            None => return Some("it leads outside the site".into()),
        }
    };
    let (key, file) = match files.get_key_value(&target) {
        Some(found) => found,
        None => return Some(format!("there is no {target} in the site")),
    };
    let fragment = fragment.filter(|f| !f.is_empty())?;
    if !key.ends_with(".html") {
        return None;
    }
    let known = ids.entry(key.as_str()).or_insert_with(|| {
        attribute_values(&String::from_utf8_lossy(file), &["id", "name"])
            .into_iter()
            .collect()
    });
    let fragment = percent_decode_str(fragment).decode_utf8_lossy();
    (!known.contains(fragment.as_ref()))
        .then(|| format!("{target} has no heading or element with id \"{fragment}\""))
}

fn is_external(link: &str) -> bool {
    let scheme_end = link.find(':');
    let path_start = link.find(['/', '?', '#']).unwrap_or(link.len());
    scheme_end.is_some_and(|i| i < path_start)
}

/// `link` (relative to the page at `page`) from the site root; None when it climbs out.
fn resolve(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in link.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut resolved = parts.join("/");
    if link.ends_with('/') {
        resolved.push_str("/index.html");
    }
    Some(resolved)
}

/// The values of the named attributes in `html`, unescaped.
fn attribute_values(html: &str, names: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for name in names {
        let needle = format!(" {name}=\"");
        let mut rest = html;
        while let Some(i) = rest.find(&needle) {
            rest = &rest[i + needle.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(
                rest[..end]
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&"),
            );
            rest = &rest[end..];
        }
    }
    out
}

/// One diagnostic per broken link as written, located in the course's own
/// template that holds it (by the link's text without leading `../`), or
/// naming the first page it is on.
pub(crate) fn diagnostics(broken: &[Broken], templates: &[(PathBuf, String)]) -> Vec<Diagnostic> {
    let mut grouped: BTreeMap<String, (usize, &Broken)> = BTreeMap::new();
    for b in broken {
        let tail = b.link.trim_start_matches("../").to_string();
        grouped.entry(tail).or_insert((0, b)).0 += 1;
    }
    grouped
        .into_iter()
        .map(|(tail, (count, b))| {
            let pages = if count == 1 {
                format!("on {}", b.page)
            } else {
                let others = count - 1;
                let noun = if others == 1 { "page" } else { "pages" };
                format!("on {} and {others} other {noun}", b.page)
            };
            let d = Diagnostic::error(
                Code::BrokenThemeLink,
                format!("broken link \"{}\" {pages}: {}", b.link, b.reason),
            );
            let found = templates.iter().find_map(|(path, text)| {
                let at = text.find(&tail)?;
                let source = SourceFile::new(path.clone(), text.clone());
                let (line, column) = source.line_col(at);
                Some(d.clone().at(&source, line, column, tail.chars().count()))
            });
            found
                .unwrap_or(d)
                .with_help("fix the link in the template, or add the page it should lead to")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(pages: &[(&str, &str)]) -> Files {
        pages
            .iter()
            .map(|(k, v)| (k.to_string(), std::sync::Arc::new(v.as_bytes().to_vec())))
            .collect()
    }

    #[test]
    fn relative_links_and_anchors_must_resolve() {
        let files = site(&[
            (
                "index.html",
                "<a href=\"modules/a.html#top\">a</a> <a href=\"missing.html\">m</a> <a href=\"#main\">skip</a><main id=\"main\"></main>",
            ),
            (
                "modules/a.html",
                "<h1 id=\"top\">A</h1><a href=\"../index.html#nope\">x</a><img src=\"../assets/x.png\"><a href=\"https://example.org/\">e</a><a href=\"mailto:a@b\">m</a><a href=\"../../up.html\">up</a><a href=\"/abs.html\">abs</a><a href=\"../scenarios/\">s</a>",
            ),
            ("assets/x.png", ""),
            ("scenarios/index.html", "<p></p>"),
        ]);
        let broken = broken_links(&files);
        let found: Vec<(&str, &str)> = broken
            .iter()
            .map(|b| (b.page.as_str(), b.link.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("index.html", "missing.html"),
                ("modules/a.html", "../index.html#nope"),
                ("modules/a.html", "../../up.html"),
                ("modules/a.html", "/abs.html"),
            ]
        );
    }

    #[test]
    fn problems_are_found_in_the_course_templates() {
        let broken = vec![
            Broken {
                page: "index.html".into(),
                link: "supprt.html".into(),
                reason: "r".into(),
            },
            Broken {
                page: "modules/a.html".into(),
                link: "../supprt.html".into(),
                reason: "r".into(),
            },
        ];
        let templates = vec![(
            PathBuf::from("themes/default/page.html"),
            "<p>\n<a href=\"{{ root }}supprt.html\">".to_string(),
        )];
        let found = diagnostics(&broken, &templates);
        assert_eq!(found.len(), 1);
        let text = found[0].render_human();
        assert!(text.contains("E045"), "{text}");
        assert!(text.contains("themes/default/page.html:2:20"), "{text}");
        assert!(text.contains("and 1 other page:"), "{text}");
    }
}
