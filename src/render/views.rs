//! The data templates see, built once per build and shared by every page.
//!
//! Template variables (documented in the README for theme authors):
//! `course`, `brand`, `support`, `competencies`, `modules`, `ui`, `edition`,
//! `total_minutes`, and per page `root`, `page`, `module`, `prev`, `next`,
//! `contents`.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::edition::{Edition, ModuleEdition};
use crate::load::brand::{Brand, Colours};
use crate::load::config::{Config, Support};
use crate::load::module::Module;
use crate::load::yaml::Spanned;

/// `course`: the course's own fields.
#[derive(Debug, Serialize)]
pub(crate) struct CourseView<'a> {
    /// Stable id.
    pub(crate) id: &'a str,
    /// Title.
    pub(crate) title: &'a str,
    /// Subtitle.
    pub(crate) subtitle: Option<&'a str>,
    /// Organisation.
    pub(crate) organisation: Option<&'a str>,
    /// BCP 47 language tag.
    pub(crate) language: &'a str,
    /// The language the course is written in (differs from `language` in a
    /// translation profile: untranslated pages are in this one).
    pub(crate) original_language: &'a str,
    /// The profile built, if any.
    pub(crate) profile: Option<&'a str>,
    /// Its writing direction, for `<html dir>`: `rtl` or `ltr`.
    pub(crate) dir: &'static str,
}

/// `support`: the support block.
#[derive(Debug, Serialize)]
pub(crate) struct SupportView<'a> {
    /// Heading.
    pub(crate) heading: Option<&'a str>,
    /// People in school.
    pub(crate) contacts: &'a [crate::load::config::Contact],
    /// Helplines.
    pub(crate) services: Vec<ServiceView<'a>>,
    /// The emergency line.
    pub(crate) emergency: Option<&'a str>,
    /// When last checked.
    pub(crate) checked: Option<&'a str>,
}

/// One helpline.
#[derive(Debug, Serialize)]
pub(crate) struct ServiceView<'a> {
    /// Name.
    pub(crate) name: &'a str,
    /// How to reach it.
    pub(crate) how: Option<&'a str>,
    /// When and for whom.
    pub(crate) when: Option<&'a str>,
    /// Website (already checked to be http, https, tel or mailto).
    pub(crate) url: Option<&'a str>,
}

/// A competency as templates see it.
#[derive(Debug, Serialize)]
pub(crate) struct CompetencyView<'a> {
    /// Id.
    pub(crate) id: &'a str,
    /// Title.
    pub(crate) title: &'a str,
    /// Description.
    pub(crate) description: Option<&'a str>,
}

impl<'a> From<&'a crate::load::config::Competency> for CompetencyView<'a> {
    fn from(c: &'a crate::load::config::Competency) -> Self {
        Self {
            id: &c.id,
            title: &c.title,
            description: c.description.as_deref(),
        }
    }
}

/// A module in lists and navigation.
#[derive(Debug, Serialize)]
pub(crate) struct ModuleView<'a> {
    /// 1-based position in the course.
    pub(crate) number: usize,
    /// Title.
    pub(crate) title: &'a str,
    /// Slug.
    pub(crate) slug: &'a str,
    /// Path from the site root, e.g. `modules/intro.html`.
    pub(crate) url: String,
    /// Summary.
    pub(crate) summary: Option<&'a str>,
    /// Minutes.
    pub(crate) duration: Option<u32>,
    /// Outcomes.
    pub(crate) outcomes: &'a [String],
    /// Competencies (id and title).
    pub(crate) competencies: Vec<CompetencyView<'a>>,
    /// Content note.
    pub(crate) content_note: Option<&'a str>,
    /// Whether only the facilitator edition has it.
    pub(crate) facilitator_only: bool,
    /// Shown in the original language: a translation profile with no translation of it.
    pub(crate) untranslated: bool,
}

impl<'a> SupportView<'a> {
    /// The view of the configured support block.
    pub(crate) fn new(support: &'a Support) -> Self {
        Self {
            heading: support.heading.as_deref(),
            contacts: &support.contacts,
            services: support
                .services
                .iter()
                .map(|s| ServiceView {
                    name: &s.name.value,
                    how: s.how.as_deref(),
                    when: s.when.as_deref(),
                    url: s.url.as_ref().map(|u| u.value.as_str()),
                })
                .collect(),
            emergency: support.emergency.as_deref(),
            checked: support.checked.as_deref(),
        }
    }
}

/// The course's branding as the theme uses it (`brand`): a file only when it passed the checks
/// (so it is published), as a link from the site's root.
#[derive(Debug, Serialize)]
pub(crate) struct BrandView<'a> {
    /// The logo.
    pub(crate) logo: Option<String>,
    /// The home page's cover image.
    pub(crate) cover: Option<String>,
    /// The cover's text alternative.
    pub(crate) cover_alt: Option<&'a str>,
    /// The colours for `brand.css`, when the course sets any.
    pub(crate) colours: Option<Colours>,
}

impl<'a> BrandView<'a> {
    /// The view of `brand`, given the files that will be published.
    pub(crate) fn new(brand: &'a Brand, published: &BTreeSet<&str>) -> Self {
        let file = |at: &Option<Spanned<String>>| {
            at.as_ref()
                .filter(|at| published.contains(at.value.as_str()))
                .map(|at| crate::compile::markdown::course_file_href(&at.value))
        };
        Self {
            logo: file(&brand.logo),
            cover: file(&brand.cover),
            cover_alt: brand.cover_alt.as_deref(),
            colours: brand.colours(),
        }
    }
}

/// The course's own fields.
pub(crate) fn course(config: &Config) -> CourseView<'_> {
    CourseView {
        id: &config.id,
        title: &config.title,
        subtitle: config.subtitle.as_deref(),
        organisation: config.organisation.as_deref(),
        language: &config.language,
        original_language: &config.base_language,
        profile: config.profile.as_deref(),
        dir: crate::ui::pack::direction(&config.language),
    }
}

/// Every declared competency.
pub(crate) fn competencies(config: &Config) -> Vec<CompetencyView<'_>> {
    config
        .competencies
        .iter()
        .map(CompetencyView::from)
        .collect()
}

/// The modules that appear in `edition`, numbered in course order.
pub(crate) fn modules<'a>(
    config: &'a Config,
    modules: &'a [Module],
    edition: Edition,
) -> Vec<ModuleView<'a>> {
    modules
        .iter()
        .filter(|m| m.edition.appears_in(edition))
        .enumerate()
        .map(|(i, m)| ModuleView {
            number: i + 1,
            title: &m.title,
            slug: &m.slug,
            url: format!("modules/{}", crate::compile::module_file(&m.slug)),
            summary: m.summary.as_deref(),
            duration: m.duration,
            outcomes: &m.outcomes,
            competencies: m
                .competencies
                .iter()
                .filter_map(|id| config.competency(id))
                .map(CompetencyView::from)
                .collect(),
            content_note: m.content_note.as_deref(),
            facilitator_only: m.edition == ModuleEdition::Facilitator,
            untranslated: m.untranslated,
        })
        .collect()
}

/// A scenario in lists.
#[derive(Debug, Serialize)]
pub(crate) struct ScenarioView<'a> {
    /// Id.
    pub(crate) id: &'a str,
    /// Title.
    pub(crate) title: &'a str,
    /// Summary.
    pub(crate) summary: Option<&'a str>,
    /// Content note.
    pub(crate) content_note: Option<&'a str>,
    /// Competencies (id and title).
    pub(crate) competencies: Vec<CompetencyView<'a>>,
    /// Whether it is a safeguarding (disclosure) scenario.
    pub(crate) safeguarding: bool,
    /// Path from the site root to its start page.
    pub(crate) url: String,
    /// Number of nodes.
    pub(crate) steps: usize,
    /// Shown in the original language: a translation profile with no translation of it.
    pub(crate) untranslated: bool,
}

/// Every scenario, in file order.
pub(crate) fn scenarios<'a>(
    config: &'a Config,
    scenarios: &'a [crate::load::scenario::Scenario],
) -> Vec<ScenarioView<'a>> {
    scenarios
        .iter()
        .map(|s| ScenarioView {
            id: &s.id,
            title: &s.title,
            summary: s.summary.as_deref(),
            content_note: s.content_note.as_deref(),
            competencies: s
                .competencies
                .iter()
                .filter_map(|id| config.competency(id))
                .map(CompetencyView::from)
                .collect(),
            safeguarding: s.safeguarding,
            url: format!("scenarios/{}/index.html", s.id),
            steps: s.nodes.len(),
            untranslated: s.untranslated,
        })
        .collect()
}

/// A list handed to templates without copying it: each item is an object
/// whose fields become template values only when a template reads them. For
/// the documents that hold every module (the workbook), a full copy would
/// double their memory.
#[derive(Debug)]
pub(crate) struct LazySeq<T>(pub(crate) Vec<std::sync::Arc<T>>);

impl<T: minijinja::value::Object + 'static> minijinja::value::Object for LazySeq<T> {
    fn repr(self: &std::sync::Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Seq
    }

    fn get_value(self: &std::sync::Arc<Self>, key: &minijinja::Value) -> Option<minijinja::Value> {
        let item = self.0.get(key.as_usize()?)?;
        Some(minijinja::Value::from_dyn_object(item.clone()))
    }

    fn enumerate(self: &std::sync::Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Seq(self.0.len())
    }
}

impl<T: minijinja::value::Object + 'static> LazySeq<T> {
    /// The list as a template value.
    pub(crate) fn value(items: Vec<T>) -> minijinja::Value {
        minijinja::Value::from_object(Self(items.into_iter().map(std::sync::Arc::new).collect()))
    }
}
