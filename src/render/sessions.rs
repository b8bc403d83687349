//! Session plans as templates see them: each session's running order with
//! every item's start time, worked out from the items' minutes and the
//! modules' `duration`.

use serde::Serialize;

use crate::load::Project;
use crate::load::sessions::{ItemKind, format_time};
use crate::ui::key;

/// One row of a session plan.
#[derive(Debug, Serialize)]
pub(crate) struct PlanRow {
    /// Start time, when the session has one.
    pub(crate) time: Option<String>,
    /// The module's title or the activity.
    pub(crate) title: String,
    /// The module's page (relative to the site root), for module items.
    pub(crate) href: Option<String>,
    /// Whether this is a module.
    pub(crate) is_module: bool,
    /// Minutes.
    pub(crate) minutes: Option<u32>,
    /// Notes, or the module's summary.
    pub(crate) notes: Option<String>,
}

/// A session with its running order worked out.
#[derive(Debug, Serialize)]
pub(crate) struct Plan {
    /// Title.
    pub(crate) title: String,
    /// Date.
    pub(crate) date: Option<String>,
    /// Start time.
    pub(crate) start: Option<String>,
    /// End time (start plus every item's minutes).
    pub(crate) end: Option<String>,
    /// Total minutes.
    pub(crate) minutes: u32,
    /// What to bring.
    pub(crate) materials: Vec<String>,
    /// The running order.
    pub(crate) rows: Vec<PlanRow>,
    /// The session's slide deck, its file in `trainer/slides/` (set by the
    /// facilitator pack when the session has slides).
    pub(crate) slides: Option<String>,
}

/// Every session's plan; item lengths missing everywhere are reported by `check::sessions`.
pub(crate) fn plan(project: &Project) -> Vec<Plan> {
    project
        .config
        .sessions
        .iter()
        .map(|s| {
            let mut clock = s.start;
            let mut total = 0;
            let rows = s
                .items
                .iter()
                .map(|item| {
                    let module = match &item.kind {
                        ItemKind::Module(path) => project.module_by_path(path),
                        ItemKind::Activity(_) => None,
                    };
                    let minutes = item.minutes.or(module.and_then(|m| m.duration));
                    let row = PlanRow {
                        time: clock.map(format_time),
                        title: match (&item.kind, module) {
                            (_, Some(m)) => m.title.clone(),
                            (ItemKind::Module(p) | ItemKind::Activity(p), None) => p.clone(),
                        },
                        href: module
                            .map(|m| format!("modules/{}", crate::compile::module_file(&m.slug))),
                        is_module: module.is_some(),
                        minutes,
                        notes: item
                            .notes
                            .clone()
                            .or_else(|| module.and_then(|m| m.summary.clone())),
                    };
                    total += minutes.unwrap_or(0);
                    clock = clock.zip(minutes).map(|(c, m)| c + m);
                    row
                })
                .collect();
            Plan {
                title: s.title.clone(),
                date: s
                    .date
                    .map(|d| crate::date::display(d, project.config.ui.get(key!("months")))),
                start: s.start.map(format_time),
                end: clock.filter(|_| s.start.is_some()).map(format_time),
                minutes: total,
                materials: s.materials.clone(),
                rows,
                slides: None,
            }
        })
        .collect()
}
