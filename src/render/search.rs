//! The search page and its index: `search.html` lists every module with its
//! headings and every scenario (all that shows without JavaScript), and
//! `assets/search-index.js` holds the index `assets/search.js` searches:
//! the modules, the glossary (a row per term) and the scenarios.

use minijinja::{Value, context};
use serde::Serialize;

use crate::compile::search::{self, Entry};
use crate::render::{Pages, RenderError};
use crate::ui::key;

/// The index script, relative to the site root.
const INDEX: &str = "assets/search-index.js";

#[derive(Serialize)]
struct ListedModule<'a> {
    title: &'a str,
    url: String,
    headings: &'a [search::Listed],
}

/// A module shown: its title, page, search entry and body key.
type Shown<'a> = (&'a str, String, &'a Entry, u64);

/// The modules the edition shows.
fn shown<'a>(pages: &Pages<'a>) -> Vec<Shown<'a>> {
    let crate::render::Site {
        project,
        compiled,
        edition,
        ..
    } = pages.site;
    project
        .modules
        .iter()
        .zip(compiled.modules().zip(compiled.keys()))
        .filter(|(m, _)| m.edition.appears_in(edition))
        .map(|(m, (r, key))| {
            let url = format!("modules/{}", crate::compile::module_file(&m.slug));
            (
                m.title.as_str(),
                url,
                r.search(edition.shows_facilitator_content()),
                key,
            )
        })
        .collect()
}

/// Writes the search page and, unless the site leaves it for later
/// (`documents_on_request`), the index; returns the index's size in bytes
/// (0 when left).
pub(crate) fn render(pages: &Pages<'_>) -> Result<usize, RenderError> {
    let shown = shown(pages);
    let size = if pages.site.documents_on_request {
        0
    } else {
        write_index(pages, &shown)?
    };
    // The search page lists headings only: an edit that keeps them keeps it
    // (a key only `serve`'s cache reads).
    let listed_key = pages.cache.map_or(0, |_| {
        crate::cache::hash_of(&shown.iter().map(|s| &s.2.listed).collect::<Vec<_>>())
    });
    pages.page_keyed("search.html", "search.html", "", listed_key, || {
        let listed: Vec<ListedModule<'_>> = shown
            .iter()
            .map(|(title, url, entry, _)| ListedModule {
                title,
                url: url.clone(),
                headings: &entry.listed,
            })
            .collect();
        context! {
            page => context! { kind => "search", title => pages.site.project.config.ui.get(key!("search")) },
            listed => Value::from_serialize(&listed),
        }
    })?;
    Ok(size)
}

/// Writes the index alone (what [`render`] left for later); returns its size.
pub(crate) fn index(pages: &Pages<'_>) -> Result<usize, RenderError> {
    write_index(pages, &shown(pages))
}

/// Writes the index of `shown`, the glossary and the scenarios.
fn write_index(pages: &Pages<'_>, shown: &[Shown<'_>]) -> Result<usize, RenderError> {
    let crate::render::Site {
        project, compiled, ..
    } = pages.site;
    // Beside the shared values (titles, scenarios), the index is made from
    // the bodies of the modules shown.
    let key = crate::cache::hash_of(&shown.iter().map(|s| s.3).collect::<Vec<_>>());
    let scenarios: Vec<(&str, String, Entry)> = project
        .scenarios
        .iter()
        .map(|s| {
            let url = format!("scenarios/{}/index.html", s.id);
            (
                s.title.as_str(),
                url,
                Entry::new(&s.title, s.summary.as_deref(), &[], false),
            )
        })
        .collect();
    let glossary = compiled.glossary.as_ref().map(|g| {
        (
            project.config.ui.get(key!("glossary")),
            crate::compile::glossary::PAGE,
            &g.search,
        )
    });
    let indexed: Vec<(&str, &str, &Entry)> = shown
        .iter()
        .map(|(title, url, entry, _)| (*title, url.as_str(), *entry))
        .chain(glossary)
        .chain(scenarios.iter().map(|(t, u, e)| (*t, u.as_str(), e)))
        .collect();
    pages.file_keyed(INDEX, key, &mut |out| {
        crate::render::search_index::write_index(out, &indexed)
    })
}
