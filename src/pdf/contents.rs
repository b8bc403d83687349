//! Page numbers in a printed document's contents list.
//!
//! Chromium cannot print the page an element lands on (CSS `target-counter()`
//! is not supported), so the document is printed twice: the first print is
//! read with poppler's `pdfinfo -dests`, which lists the page of every named
//! destination (Chromium makes one for every element a link in the document
//! points at: each contents entry links to its section); then each entry's
//! `<span class="toc-page" data-section="ID">` is given its page by a rule
//! added to `assets/paper.css` for the second print. The entries keep their
//! width in both prints, so the numbers do not move the pages; if they ever
//! do, the print is repeated (at most [`PASSES`] times in all). Afterwards
//! `paper.css` is put back as it was: the numbers belong to this PDF, not to
//! whatever another browser prints from the page.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::pdf::{PdfError, print};

/// Prints at most this many times in all.
const PASSES: usize = 3;

/// What numbering the contents did.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Numbered {
    /// The contents show the page of every entry.
    Done,
    /// The page has no contents list to number.
    NoContents,
    /// `pdfinfo` is not installed: the PDF was printed without page numbers.
    NoPdfinfo,
}

/// The `data-section` of every `toc-page` in `html`, in order.
pub(crate) fn sections(html: &str) -> Vec<String> {
    const MARK: &str = "class=\"toc-page\" data-section=\"";
    html.match_indices(MARK)
        .filter_map(|(at, _)| {
            let rest = &html[at + MARK.len()..];
            rest.find('"').map(|end| rest[..end].to_owned())
        })
        .collect()
}

/// The page of every named destination in `pdf` (`pdfinfo -dests`).
fn destinations(pdfinfo: &Path, pdf: &Path) -> Result<BTreeMap<String, usize>, String> {
    let out = Command::new(pdfinfo)
        .arg("-dests")
        .arg(pdf)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", pdfinfo.display()))?;
    if !out.status.success() {
        return Err(format!(
            "{} -dests failed: {}",
            pdfinfo.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(parse_destinations(&String::from_utf8_lossy(&out.stdout)))
}

/// Reads `pdfinfo -dests` output: `   3 [ XYZ 0 832 null ] "name"` lines.
fn parse_destinations(text: &str) -> BTreeMap<String, usize> {
    text.lines()
        .filter_map(|line| {
            let page: usize = line.split_whitespace().next()?.parse().ok()?;
            let name = line.trim_end().strip_suffix('"')?;
            let name = &name[name.rfind('"')? + 1..];
            Some((name.to_owned(), page))
        })
        .collect()
}

/// CSS that writes each section's page into its contents entry.
fn numbers_css(pages: &[(String, usize)]) -> String {
    let mut css = String::from("\n/* Page numbers of this print (peerprep pdf). */\n");
    for (id, page) in pages {
        // Ids are made of [a-z0-9-] (slugs and the document's own ids).
        if id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            css.push_str(&format!(
                ".toc-page[data-section=\"{id}\"]::after {{ content: \"{page}\"; }}\n"
            ));
        }
    }
    css
}

/// Prints `site/<page>` to `site/pdf/<name>` with page numbers in its
/// contents list (the first print already made by the caller).
pub(crate) fn number(
    browser: &Path,
    site: &Path,
    page: &str,
    name: &str,
) -> Result<Numbered, PdfError> {
    let failed = |why: String| {
        PdfError::Failed(format!(
            "error: could not number the contents of {page}: {why}"
        ))
    };
    let html = std::fs::read_to_string(site.join(page)).map_err(|e| failed(e.to_string()))?;
    let ids = sections(&html);
    if ids.is_empty() {
        return Ok(Numbered::NoContents);
    }
    let Ok(pdfinfo) = which::which("pdfinfo") else {
        return Ok(Numbered::NoPdfinfo);
    };
    let paper = site.join("assets/paper.css");
    let original = std::fs::read(&paper).map_err(|e| failed(e.to_string()))?;
    let pdf = site.join("pdf").join(name);
    let mut shown: Option<Vec<(String, usize)>> = None;
    let mut result = Ok(Numbered::Done);
    for _ in 1..PASSES {
        let found = match destinations(&pdfinfo, &pdf) {
            Ok(found) => found,
            Err(why) => {
                result = Err(failed(why));
                break;
            }
        };
        let pages: Vec<(String, usize)> = ids
            .iter()
            .filter_map(|id| found.get(id).map(|&p| (id.clone(), p)))
            .collect();
        if shown.as_ref() == Some(&pages) {
            break;
        }
        let mut css = original.clone();
        css.extend_from_slice(numbers_css(&pages).as_bytes());
        if let Err(e) = std::fs::write(&paper, css) {
            result = Err(failed(e.to_string()));
            break;
        }
        if let Err(e) = print(browser, site, page, name) {
            result = Err(e);
            break;
        }
        shown = Some(pages);
    }
    std::fs::write(&paper, &original).map_err(|e| failed(e.to_string()))?;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sections_of_a_contents_list() {
        let html = r##"<li><a href="#a">A</a><span class="toc-page" data-section="01-a"></span></li><span class="toc-page" data-section="document-notes"></span>"##;
        assert_eq!(sections(html), ["01-a", "document-notes"]);
    }

    #[test]
    fn reads_the_pages_of_named_destinations() {
        let text = "Page  Destination                 Name\n   1 [ XYZ    0  829 null      ] \"main\"\n  12 [ XYZ    0  832 null      ] \"02-listening\"\n";
        let found = parse_destinations(text);
        assert_eq!(found.get("main"), Some(&1));
        assert_eq!(found.get("02-listening"), Some(&12));
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn numbers_become_css_for_safe_ids_only() {
        let css = numbers_css(&[("01-a".into(), 3), ("x\"]{}".into(), 4)]);
        assert!(css.contains(".toc-page[data-section=\"01-a\"]::after { content: \"3\"; }"));
        assert!(!css.contains("x\""));
    }
}
