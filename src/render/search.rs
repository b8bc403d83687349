//! The search page and its index: `search.html` lists every module with its
//! headings and every scenario (all that shows without JavaScript), and
//! `assets/search-index.js` holds the index `assets/search.js` searches.

use minijinja::{Value, context};
use serde::Serialize;

use crate::compile::Compiled;
use crate::edition::Edition;
use crate::project::Project;
use crate::render::{Pages, RenderError};
use crate::search::{self, Section};

/// Heading levels listed on the search page (deeper ones are searched, not listed).
const LISTED_LEVELS: std::ops::RangeInclusive<u8> = 2..=3;

#[derive(Serialize)]
struct Listed<'a> {
    title: &'a str,
    url: String,
    headings: Vec<&'a Section>,
}

/// Writes the index and the search page; returns the index's size in bytes.
pub fn render(
    project: &Project,
    compiled: &Compiled,
    edition: Edition,
    pages: &Pages<'_>,
) -> Result<usize, RenderError> {
    let shown: Vec<(&crate::module::Module, &[Section])> = project
        .modules
        .iter()
        .zip(&compiled.modules)
        .filter(|(m, _)| m.edition.appears_in(edition))
        .map(|(m, r)| (m, r.sections.as_slice()))
        .collect();
    let mut indexed: Vec<search::Page<'_>> = shown
        .iter()
        .map(|(m, sections)| search::Page {
            title: &m.title,
            href: format!("modules/{}", crate::compile::module_file(&m.slug)),
            sections,
            summary: m.summary.as_deref(),
        })
        .collect();
    indexed.extend(project.scenarios.iter().map(|s| search::Page {
        title: &s.title,
        href: format!("scenarios/{}/index.html", s.id),
        sections: &[],
        summary: s.summary.as_deref(),
    }));
    let script = search::index_script(&indexed, pages.cache);
    pages.file("assets/search-index.js", script.as_bytes())?;
    let listed: Vec<Listed<'_>> = shown
        .iter()
        .map(|(m, sections)| Listed {
            title: &m.title,
            url: format!("modules/{}", crate::compile::module_file(&m.slug)),
            headings: sections
                .iter()
                .filter(|s| LISTED_LEVELS.contains(&s.level) && !s.id.is_empty())
                .collect(),
        })
        .collect();
    pages.page(
        "search.html",
        "search.html",
        "",
        context! {
            page => context! { kind => "search", title => project.config.ui.get("search") },
            listed => Value::from_serialize(&listed),
        },
    )?;
    Ok(script.len())
}
