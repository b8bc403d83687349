//! The slide decks of the facilitator edition: for each session in
//! `sessions:` with slides, `trainer/slides/<n>.html` (`n` counting the
//! sessions from 1, as the session plans do) holds the slides of its
//! modules in the session's order; `trainer/slides/all.html` holds every
//! slide in course order; `trainer/slides/index.html` lists the decks. A
//! course without slides has none of these pages. Each slide is compiled
//! again here for the deck's page ([`slides::compile`]), and shown through
//! the theme's `trainer/slides.html` and `partials/slide.html`.

use std::collections::HashMap;

use minijinja::{Value, context};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::compile::markdown::Mode;
use crate::compile::markdown::slides::{self, Slide};
use crate::compile::{self, CompiledModule, Lookups, Where};
use crate::edition::Edition;
use crate::load::Project;
use crate::load::module::Module;
use crate::load::sessions::ItemKind;
use crate::render::{Pages, RenderError};
use crate::ui::key;

/// Where the decks are, from the site root.
pub(crate) const FOLDER: &str = "trainer/slides";
/// The way from a deck back to the site root.
const ROOT: &str = "../../";

/// One slide in a deck.
#[derive(Debug)]
pub(crate) struct DeckSlide<'a> {
    /// Its place in the deck, from 1.
    number: usize,
    /// The module it comes from.
    module: &'a Module,
    /// The slide, compiled for the deck's page.
    slide: Slide,
}

impl Serialize for DeckSlide<'_> {
    /// What `partials/slide.html` sees as `slide`: `number`, `title`,
    /// `module` (`title`, `href`), `body` and `notes` (bodies as the
    /// facilitator edition prints them: `notes` is none without notes).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("DeckSlide", 5)?;
        out.serialize_field("number", &self.number)?;
        out.serialize_field("title", &self.slide.title)?;
        out.serialize_field(
            "module",
            &ModuleLink {
                title: &self.module.title,
                href: format!("{ROOT}modules/{}", compile::module_file(&self.module.slug)),
            },
        )?;
        out.serialize_field("body", &self.slide.body.view(Edition::Facilitator, false))?;
        let notes = self.slide.notes.as_ref();
        out.serialize_field("notes", &notes.map(|n| n.view(Edition::Facilitator, false)))?;
        out.end()
    }
}

/// The module a slide comes from, as templates see it.
#[derive(Debug, Serialize)]
struct ModuleLink<'a> {
    /// Its title.
    title: &'a str,
    /// Its page, from the deck.
    href: String,
}

/// A deck.
#[derive(Debug, Serialize)]
pub(crate) struct Deck<'a> {
    /// Its session's number (from 1), or none for the whole course.
    pub(crate) session: Option<usize>,
    /// Its file name in `trainer/slides/`.
    pub(crate) file: String,
    /// The session's title, or the whole course's deck's name.
    pub(crate) title: String,
    /// Its slides, in order.
    pub(crate) slides: Vec<DeckSlide<'a>>,
}

/// Every deck of the course: one per session with slides, then the whole
/// course's; none when the course has no slides.
pub(crate) fn decks<'a>(
    project: &'a Project,
    compiled: impl Iterator<Item = &'a CompiledModule>,
) -> Vec<Deck<'a>> {
    let by_path: HashMap<&str, (&Module, &CompiledModule)> = project
        .modules
        .iter()
        .zip(compiled)
        .filter(|(_, c)| !c.slides.is_empty())
        .map(|(m, c)| (m.path.as_str(), (m, c)))
        .collect();
    if by_path.is_empty() {
        return Vec::new();
    }
    let lookups = Lookups::new(project);
    let deck = |members: Vec<(&'a Module, &'a CompiledModule)>| {
        let mut out = Vec::new();
        for (m, c) in members {
            for (i, source) in c.slides.iter().enumerate() {
                // Ids in a slide's body are its own: `<slug>--slide-<i>--`.
                let at = Where {
                    prefix: format!("{}slide-{}--", compile::anchor_prefix(&m.slug), i + 1),
                    ..Where::page(ROOT)
                };
                let slide = lookups.with_context(&m.path, Mode::Slide, true, &at, |ctx| {
                    slides::compile(source, ctx).0
                });
                out.push(DeckSlide {
                    number: out.len() + 1,
                    module: m,
                    slide,
                });
            }
        }
        out
    };
    let mut decks = Vec::new();
    for (i, session) in project.config.sessions.iter().enumerate() {
        let members = session
            .items
            .iter()
            .filter_map(|item| match &item.kind {
                ItemKind::Module(path) => by_path.get(path.as_str()).copied(),
                ItemKind::Activity(_) => None,
            })
            .collect::<Vec<_>>();
        if members.is_empty() {
            continue;
        }
        decks.push(Deck {
            session: Some(i + 1),
            file: format!("{}.html", i + 1),
            title: session.title.clone(),
            slides: deck(members),
        });
    }
    let all = project
        .modules
        .iter()
        .filter_map(|m| by_path.get(m.path.as_str()).copied())
        .collect();
    decks.push(Deck {
        session: None,
        file: "all.html".to_owned(),
        title: project.config.ui.get(key!("slides_all")).to_owned(),
        slides: deck(all),
    });
    decks
}

/// A deck as the list of decks shows it.
#[derive(Debug, Serialize)]
struct DeckLink<'a> {
    /// Its session's number, or none for the whole course.
    session: Option<usize>,
    /// Its file name in `trainer/slides/`.
    file: &'a str,
    /// Its title.
    title: &'a str,
    /// How many slides it has.
    count: usize,
}

/// For each session, in order, its deck's file name in `trainer/slides/`,
/// or none when its modules have no slides.
pub(crate) fn session_decks(
    project: &Project,
    compiled: &compile::Compiled,
) -> Vec<Option<String>> {
    let with_slides: Vec<&str> = project
        .modules
        .iter()
        .zip(compiled.modules())
        .filter(|(_, c)| !c.slides.is_empty())
        .map(|(m, _)| m.path.as_str())
        .collect();
    project
        .config
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let has = s.items.iter().any(|item| {
                matches!(&item.kind, ItemKind::Module(path) if with_slides.contains(&path.as_str()))
            });
            has.then(|| format!("{}.html", i + 1))
        })
        .collect()
}

/// How many slides the course has, for the facilitator home (0: no decks).
pub(crate) fn count(compiled: &compile::Compiled) -> usize {
    compiled.modules().map(|c| c.slides.len()).sum()
}

/// Renders every deck and their list (the facilitator edition only).
pub(crate) fn render(pages: &Pages<'_>) -> Result<(), RenderError> {
    let site = pages.site;
    if site.edition != Edition::Facilitator {
        return Ok(());
    }
    let decks = decks(site.project, site.compiled.modules());
    if decks.is_empty() {
        return Ok(());
    }
    let links: Vec<DeckLink<'_>> = decks
        .iter()
        .map(|d| DeckLink {
            session: d.session,
            file: &d.file,
            title: &d.title,
            count: d.slides.len(),
        })
        .collect();
    let links = Value::from_serialize(&links);
    for deck in &decks {
        pages.page(
            "trainer/slides.html",
            &format!("{FOLDER}/{}", deck.file),
            ROOT,
            context! {
                page => context! { kind => "slides", title => deck.title.as_str() },
                deck => Value::from_serialize(deck),
                decks => links.clone(),
            },
        )?;
    }
    pages.page(
        "trainer/slides-index.html",
        &format!("{FOLDER}/index.html"),
        ROOT,
        context! {
            page => context! { kind => "slide-decks" },
            decks => links,
        },
    )
}
