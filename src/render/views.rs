//! The data templates see, built once per build and shared by every page.
//!
//! Template variables (documented in the README for theme authors):
//! `course`, `support`, `competencies`, `modules`, `ui`, `edition`,
//! `total_minutes`, and per page `root`, `page`, `module`, `prev`, `next`,
//! `contents`.

use serde::Serialize;

use crate::config::{Config, Support};
use crate::edition::{Edition, ModuleEdition};
use crate::module::Module;

/// `course`: the course's own fields.
#[derive(Debug, Serialize)]
pub struct CourseView<'a> {
    /// Stable id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Subtitle.
    pub subtitle: Option<&'a str>,
    /// Organisation.
    pub organisation: Option<&'a str>,
    /// BCP 47 language tag.
    pub language: &'a str,
}

/// `support`: the support block.
#[derive(Debug, Serialize)]
pub struct SupportView<'a> {
    /// Heading.
    pub heading: Option<&'a str>,
    /// People in school.
    pub contacts: &'a [crate::config::Contact],
    /// Helplines.
    pub services: Vec<ServiceView<'a>>,
    /// The emergency line.
    pub emergency: Option<&'a str>,
    /// When last checked.
    pub checked: Option<&'a str>,
}

/// One helpline.
#[derive(Debug, Serialize)]
pub struct ServiceView<'a> {
    /// Name.
    pub name: &'a str,
    /// How to reach it.
    pub how: Option<&'a str>,
    /// When and for whom.
    pub when: Option<&'a str>,
    /// Website (already checked to be http, https, tel or mailto).
    pub url: Option<&'a str>,
}

/// A competency as templates see it.
#[derive(Debug, Serialize)]
pub struct CompetencyView<'a> {
    /// Id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Description.
    pub description: Option<&'a str>,
}

impl<'a> From<&'a crate::config::Competency> for CompetencyView<'a> {
    fn from(c: &'a crate::config::Competency) -> Self {
        Self {
            id: &c.id,
            title: &c.title,
            description: c.description.as_deref(),
        }
    }
}

/// A module in lists and navigation.
#[derive(Debug, Serialize)]
pub struct ModuleView<'a> {
    /// 1-based position in the course.
    pub number: usize,
    /// Title.
    pub title: &'a str,
    /// Slug.
    pub slug: &'a str,
    /// Path from the site root, e.g. `modules/intro.html`.
    pub url: String,
    /// Summary.
    pub summary: Option<&'a str>,
    /// Minutes.
    pub duration: Option<u32>,
    /// Outcomes.
    pub outcomes: &'a [String],
    /// Competencies (id and title).
    pub competencies: Vec<CompetencyView<'a>>,
    /// Content note.
    pub content_note: Option<&'a str>,
    /// Whether only the facilitator edition has it.
    pub facilitator_only: bool,
}

impl<'a> SupportView<'a> {
    /// The view of the configured support block.
    pub fn new(support: &'a Support) -> Self {
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

/// The course's own fields.
pub fn course(config: &Config) -> CourseView<'_> {
    CourseView {
        id: &config.id,
        title: &config.title,
        subtitle: config.subtitle.as_deref(),
        organisation: config.organisation.as_deref(),
        language: &config.language,
    }
}

/// Every declared competency.
pub fn competencies(config: &Config) -> Vec<CompetencyView<'_>> {
    config
        .competencies
        .iter()
        .map(CompetencyView::from)
        .collect()
}

/// The modules that appear in `edition`, numbered in course order.
pub fn modules<'a>(
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
        })
        .collect()
}

/// A scenario in lists.
#[derive(Debug, Serialize)]
pub struct ScenarioView<'a> {
    /// Id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Summary.
    pub summary: Option<&'a str>,
    /// Content note.
    pub content_note: Option<&'a str>,
    /// Competencies (id and title).
    pub competencies: Vec<CompetencyView<'a>>,
    /// Whether it is a safeguarding (disclosure) scenario.
    pub safeguarding: bool,
    /// Path from the site root to its start page.
    pub url: String,
    /// Number of nodes.
    pub steps: usize,
}

/// Every scenario, in file order.
pub fn scenarios<'a>(
    config: &'a Config,
    scenarios: &'a [crate::scenario::Scenario],
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
        })
        .collect()
}

/// A list handed to templates without copying it: each item becomes a
/// template value only when a template reads it. For the documents that
/// hold every module (the workbook), a full copy would double their memory.
#[derive(Debug)]
pub struct LazySeq<T>(pub Vec<T>);

impl<T: Serialize + std::fmt::Debug + Send + Sync + 'static> minijinja::value::Object
    for LazySeq<T>
{
    fn repr(self: &std::sync::Arc<Self>) -> minijinja::value::ObjectRepr {
        minijinja::value::ObjectRepr::Seq
    }

    fn get_value(self: &std::sync::Arc<Self>, key: &minijinja::Value) -> Option<minijinja::Value> {
        let item = self.0.get(key.as_usize()?)?;
        Some(minijinja::Value::from_serialize(item))
    }

    fn enumerate(self: &std::sync::Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Seq(self.0.len())
    }
}

impl<T: Serialize + std::fmt::Debug + Send + Sync + 'static> LazySeq<T> {
    /// The list as a template value.
    pub fn value(items: Vec<T>) -> minijinja::Value {
        minijinja::Value::from_object(Self(items))
    }
}
