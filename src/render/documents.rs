//! The printable documents and the facilitator pack.
//!
//! Every edition gets `workbook.html` (the mentor workbook) and
//! `assets/paper.css` (the course's page size for printing). The
//! facilitator edition adds `trainer/index.html` (the facilitator home),
//! `trainer/guide.html`, `trainer/answers.html`, `trainer/sessions.html` and
//! the printable templates under `trainer/templates/` (and the slide decks,
//! [`crate::render::slides`]).

use minijinja::{Value, context};
use serde::Serialize;

use crate::edition::Edition;
use crate::render::document;
use crate::render::sessions::plan;
use crate::render::views::LazySeq;
use crate::render::{Pages, RenderError};
use crate::ui::key;

/// The templates under `trainer/templates/`, by output name.
pub(crate) const TEMPLATES: &[&str] = &[
    "application-form",
    "poster",
    "register",
    "supervision-log",
    "certificate",
];

/// `scheme` as templates see it: every field filled, falling back to the course's.
#[derive(Debug, Serialize)]
pub(crate) struct SchemeView<'a> {
    /// The scheme's name (default: the course title).
    pub(crate) name: &'a str,
    /// Who to ask.
    pub(crate) contact: Option<&'a str>,
    /// How to apply.
    pub(crate) apply_how: Option<&'a str>,
    /// Closing date, as people write it.
    pub(crate) apply_by: Option<String>,
    /// Start date, as people write it.
    pub(crate) starts: Option<String>,
    /// Who signs the certificates (name, role).
    pub(crate) signatory: Option<&'a crate::load::sessions::Signatory>,
}

impl<'a> SchemeView<'a> {
    /// The scheme of `project`'s course.
    pub(crate) fn new(config: &'a crate::load::config::Config) -> Self {
        let s = &config.scheme;
        let date = |d: &str| crate::date::display_text(d, config.ui.get(key!("months")));
        Self {
            name: s.name.as_deref().unwrap_or(&config.title),
            contact: s.contact.as_deref(),
            apply_how: s.apply_how.as_deref(),
            apply_by: s.apply_by.as_ref().map(|d| date(&d.value)),
            starts: s.starts.as_ref().map(|d| date(&d.value)),
            signatory: s.signatory.as_ref(),
        }
    }
}

/// The print rules made from course.yaml: the page size (`paper:`) and the
/// footer on every printed page ("Page 3 of 12", in the words of
/// `ui.page_footer`). The footer's look is in the theme's stylesheet.
pub(crate) fn paper_css(paper: &str, ui: &crate::ui::Ui) -> String {
    format!(
        "/* The course's printed page size (`paper:` in course.yaml) and page footer (`ui.page_footer`); certificates print across the page, with no footer. */\n@page {{ size: {paper}; }}\n@page {{ @bottom-center {{ content: {}; }} }}\n@page certificate {{ size: {paper} landscape; @bottom-center {{ content: none; }} }}\n",
        footer_content(ui.get(key!("page_footer")))
    )
}

/// `Page {page} of {pages}` as a CSS `content` value: quoted text and page counters.
fn footer_content(words: &str) -> String {
    let mut parts = Vec::new();
    let mut rest = words;
    while let Some(at) = rest.find('{') {
        let counter = ["{pages}", "{page}"]
            .into_iter()
            .find(|token| rest[at..].starts_with(token));
        let Some(token) = counter else {
            parts.push(css_string(&rest[..=at]));
            rest = &rest[at + 1..];
            continue;
        };
        if at > 0 {
            parts.push(css_string(&rest[..at]));
        }
        parts.push(format!("counter({})", &token[1..token.len() - 1]));
        rest = &rest[at + token.len()..];
    }
    if !rest.is_empty() {
        parts.push(css_string(rest));
    }
    // Neighbouring pieces of text are written as they come: CSS joins them.
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(" ")
    }
}

/// `text` as a quoted CSS string.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes the print stylesheet every page links to.
pub(crate) fn paper(pages: &Pages<'_>) -> Result<(), RenderError> {
    let config = &pages.site.project.config;
    pages.file(
        "assets/paper.css",
        paper_css(config.paper, &config.ui).as_bytes(),
    )
}

/// Renders the workbook and, for the facilitator edition, the facilitator pack.
pub(crate) fn render(pages: &Pages<'_>) -> Result<(), RenderError> {
    let project = pages.site.project;
    let workbook = document::workbook_modules(project);
    document::with_sections(
        project,
        &workbook,
        Edition::Mentor,
        "",
        pages.cache,
        |sections| {
            pages.page(
            "workbook.html",
            "workbook.html",
            "",
            context! {
                page => context! { kind => "workbook" },
                sections => LazySeq::value(sections),
                scenario_sheets => Value::from_serialize(document::scenario_sheets(project, "")),
            },
        )
        },
    )?;
    if pages.site.edition != Edition::Facilitator {
        return Ok(());
    }
    let guide = document::guide_modules(project);
    document::with_sections(
        project,
        &guide,
        Edition::Facilitator,
        "../",
        pages.cache,
        |sections| facilitator_pack(pages, LazySeq::value(sections)),
    )
}

/// Renders the facilitator pack, `guide` being the guide's sections.
fn facilitator_pack(pages: &Pages<'_>, guide: Value) -> Result<(), RenderError> {
    let crate::render::Site {
        project,
        compiled,
        edition,
        ..
    } = pages.site;
    let keys = document::answer_keys(project, compiled.modules(), edition);
    let mut plans = plan(project);
    for (plan, deck) in plans
        .iter_mut()
        .zip(crate::render::slides::session_decks(project, compiled))
    {
        plan.slides = deck;
    }
    let plans = Value::from_serialize(plans);
    let scheme = Value::from_serialize(SchemeView::new(&project.config));
    pages.page(
        "trainer/index.html",
        "trainer/index.html",
        "../",
        context! {
            page => context! { kind => "trainer-home" },
            guide => guide.clone(),
            plans => plans.clone(),
            answer_count => keys.iter().map(|k| k.questions).sum::<usize>(),
            slide_count => crate::render::slides::count(compiled),
        },
    )?;
    pages.page(
        "trainer/guide.html",
        "trainer/guide.html",
        "../",
        context! { page => context! { kind => "guide" }, sections => guide },
    )?;
    pages.page(
        "trainer/answers.html",
        "trainer/answers.html",
        "../",
        context! { page => context! { kind => "answers" }, keys => Value::from_serialize(&keys) },
    )?;
    pages.page(
        "trainer/sessions.html",
        "trainer/sessions.html",
        "../",
        context! { page => context! { kind => "sessions" }, plans => plans.clone() },
    )?;
    for name in TEMPLATES {
        pages.page(
            &format!("trainer/templates/{name}.html"),
            &format!("trainer/templates/{name}.html"),
            "../../",
            context! {
                page => context! { kind => "template" },
                scheme => scheme.clone(),
                plans => plans.clone(),
                cert => context! { kind => "attendance", name => (), date => () },
            },
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_footer_is_text_and_page_counters_issue_16() {
        assert_eq!(
            footer_content("Page {page} of {pages}"),
            r#""Page " counter(page) " of " counter(pages)"#
        );
        assert_eq!(
            footer_content("{page}/{pages} \"x\\"),
            r#"counter(page) "/" counter(pages) " \"x\\""#
        );
        assert_eq!(
            footer_content("{odd} {page}"),
            r#""{" "odd} " counter(page)"#
        );
        assert_eq!(footer_content(""), "none");
    }
}
