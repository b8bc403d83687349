//! The glossary page, `glossary.html`: written when the course has a
//! glossary, from the shared `glossary` value (which the workbook's appendix
//! and the navigation also read). Its search rows go into the search index
//! with the modules' ([`crate::render::search`]).

use minijinja::context;

use crate::render::{Pages, RenderError};
use crate::ui::key;

/// Writes `glossary.html`, if the course has a glossary.
pub(crate) fn render(pages: &Pages<'_>) -> Result<(), RenderError> {
    if pages.site.compiled.glossary.is_none() {
        return Ok(());
    }
    let ui = &pages.site.project.config.ui;
    pages.page(
        "glossary.html",
        crate::compile::glossary::PAGE,
        "",
        context! { page => context! { kind => "glossary", title => ui.get(key!("glossary")) } },
    )
}
