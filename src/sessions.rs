//! Session plans (`sessions:` in course.yaml) and the scheme details
//! (`scheme:`) that fill the facilitator's templates.
//!
//! Input: the raw YAML structs. Output: validated [`Session`]s whose items are
//! modules (by file) or activities with minutes, and a [`Scheme`]. The
//! running order with each item's start time is worked out by [`plan`] once
//! the modules (and their `duration`) are loaded.

use serde::{Deserialize, Serialize};

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::project::Project;
use crate::source::SourceFile;
use crate::suggest;
use crate::yaml::{self, Spanned};

/// One session as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSession {
    title: Spanned<String>,
    date: Option<Spanned<String>>,
    start: Option<Spanned<String>>,
    #[serde(default)]
    materials: Vec<String>,
    #[serde(default)]
    items: Vec<Spanned<RawItem>>,
}

/// One item of a session's running order, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    module: Option<Spanned<String>>,
    activity: Option<Spanned<String>>,
    minutes: Option<u32>,
    notes: Option<String>,
}

/// What an item is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// A module, by path relative to `course/`.
    Module(String),
    /// An activity: icebreaker, role-play round, break, debrief …
    Activity(String),
}

/// One item of a session's running order.
#[derive(Debug, Clone)]
pub struct Item {
    /// A module or an activity.
    pub kind: ItemKind,
    /// Minutes given on the item (a module's `duration` otherwise).
    pub minutes: Option<u32>,
    /// Notes for the facilitator.
    pub notes: Option<String>,
    /// Where the item is written in course.yaml.
    pub at: Spanned<String>,
}

/// A validated session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Title.
    pub title: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Start time as minutes after midnight.
    pub start: Option<u32>,
    /// What to bring.
    pub materials: Vec<String>,
    /// The running order.
    pub items: Vec<Item>,
}

/// `scheme:`: the details that fill the recruitment form, poster and certificates.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    /// The scheme's name, e.g. "Peer Mentors".
    pub name: Option<String>,
    /// Who to ask.
    pub contact: Option<String>,
    /// How to apply.
    pub apply_how: Option<String>,
    /// Closing date, `YYYY-MM-DD`.
    pub apply_by: Option<Spanned<String>>,
    /// Start date, `YYYY-MM-DD`.
    pub starts: Option<Spanned<String>>,
}

/// Whether `s` is a date written `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && num(5..7).is_some_and(|m| (1..=12).contains(&m))
        && num(8..10).is_some_and(|d| (1..=31).contains(&d))
}

/// A `YYYY-MM-DD` date as people write it, e.g. "15 January 2027", with
/// month names from the `months` interface string; other text is kept as it is.
pub fn display_date(date: &str, months: &str) -> String {
    let names: Vec<&str> = months.split_whitespace().collect();
    if !is_date(date) || names.len() != 12 {
        return date.to_owned();
    }
    let month: usize = date[5..7].parse().unwrap_or(1);
    let day: u32 = date[8..10].parse().unwrap_or(1);
    format!("{day} {} {}", names[month - 1], &date[..4])
}

/// `HH:MM` as minutes after midnight.
pub fn parse_time(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Minutes after midnight as `HH:MM` (wrapping past midnight).
pub fn format_time(minutes: u32) -> String {
    format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60)
}

fn bad_value(source: &SourceFile, at: &Spanned<String>, message: &str, help: &str) -> Diagnostic {
    yaml::locate_str(
        Diagnostic::error(Code::InvalidValue, message.to_owned()),
        source,
        at,
        0,
    )
    .with_help(help)
}

/// Checks the dates of `scheme:`.
pub fn check_scheme(scheme: &Scheme, source: &SourceFile, out: &mut Diagnostics) {
    for (field, value) in [("apply_by", &scheme.apply_by), ("starts", &scheme.starts)] {
        if let Some(v) = value.as_ref().filter(|v| !is_date(&v.value)) {
            out.push(bad_value(
                source,
                v,
                &format!("`{field}` is not a date"),
                "write dates as YYYY-MM-DD, e.g. 2027-01-15",
            ));
        }
    }
}

/// Validates `sessions:` against the listed modules.
pub fn validate(
    raw: Vec<RawSession>,
    listed: &[&str],
    source: &SourceFile,
    out: &mut Diagnostics,
) -> Vec<Session> {
    let mut sessions = Vec::with_capacity(raw.len());
    for s in raw {
        if let Some(d) = s.date.as_ref().filter(|d| !is_date(&d.value)) {
            out.push(bad_value(
                source,
                d,
                "the session date is not a date",
                "write dates as YYYY-MM-DD, e.g. 2027-01-15",
            ));
        }
        let start = s.start.as_ref().and_then(|t| {
            let parsed = parse_time(t.value.trim());
            if parsed.is_none() {
                out.push(bad_value(
                    source,
                    t,
                    "the session start is not a time",
                    "write times as HH:MM in quotes, e.g. start: \"09:00\"",
                ));
            }
            parsed
        });
        let mut items = Vec::with_capacity(s.items.len());
        for item in s.items {
            let pos = Spanned {
                value: String::new(),
                referenced: item.referenced,
                defined: item.defined,
            };
            let raw = item.value;
            let (kind, at) = match (raw.module, raw.activity) {
                (Some(m), None) => {
                    let path = m.value.trim().replace('\\', "/");
                    if !listed.contains(&path.as_str()) {
                        let help = suggest::did_you_mean(&path, listed.iter().copied())
                            .map_or_else(
                                || {
                                    "list the module under `modules:` first, or check the file name"
                                        .to_owned()
                                },
                                |k| format!("did you mean \"{k}\"?"),
                            );
                        out.push(
                            yaml::locate_str(
                                Diagnostic::error(
                                    Code::UnknownSessionModule,
                                    format!("session item names \"{path}\", which `modules:` does not list"),
                                ),
                                source,
                                &m,
                                0,
                            )
                            .with_help(help),
                        );
                        continue;
                    }
                    (ItemKind::Module(path), m)
                }
                (None, Some(a)) => {
                    if raw.minutes.is_none() {
                        out.push(
                            yaml::locate_str(
                                Diagnostic::error(
                                    Code::SessionTiming,
                                    format!("activity \"{}\" has no `minutes`", a.value),
                                ),
                                source,
                                &a,
                                0,
                            )
                            .with_help("give every activity its length, e.g. `minutes: 15`"),
                        );
                    }
                    (ItemKind::Activity(a.value.trim().to_owned()), a)
                }
                (Some(m), Some(_)) => {
                    out.push(bad_value(
                        source,
                        &m,
                        "a session item is a module or an activity, not both",
                        "split it into two items",
                    ));
                    continue;
                }
                (None, None) => {
                    out.push(bad_value(
                        source,
                        &pos,
                        "a session item needs `module:` or `activity:`",
                        "e.g. `- module: 01-welcome.md` or `- activity: Break` with `minutes: 15`",
                    ));
                    continue;
                }
            };
            items.push(Item {
                kind,
                minutes: raw.minutes,
                notes: raw.notes,
                at,
            });
        }
        sessions.push(Session {
            title: s.title.value.trim().to_owned(),
            date: s.date.map(|d| d.value),
            start,
            materials: s.materials,
            items,
        });
    }
    sessions
}

/// One row of a session plan.
#[derive(Debug, Serialize)]
pub struct PlanRow {
    /// Start time, when the session has one.
    pub time: Option<String>,
    /// The module's title or the activity.
    pub title: String,
    /// The module's page (relative to the site root), for module items.
    pub href: Option<String>,
    /// Whether this is a module.
    pub is_module: bool,
    /// Minutes.
    pub minutes: Option<u32>,
    /// Notes, or the module's summary.
    pub notes: Option<String>,
}

/// A session with its running order worked out.
#[derive(Debug, Serialize)]
pub struct Plan {
    /// Title.
    pub title: String,
    /// Date.
    pub date: Option<String>,
    /// Start time.
    pub start: Option<String>,
    /// End time (start plus every item's minutes).
    pub end: Option<String>,
    /// Total minutes.
    pub minutes: u32,
    /// What to bring.
    pub materials: Vec<String>,
    /// The running order.
    pub rows: Vec<PlanRow>,
}

/// Every session's plan; item lengths missing everywhere are reported by [`check_timing`].
pub fn plan(project: &Project) -> Vec<Plan> {
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
                    .as_deref()
                    .map(|d| display_date(d, project.config.ui.get("months"))),
                start: s.start.map(format_time),
                end: clock.filter(|_| s.start.is_some()).map(format_time),
                minutes: total,
                materials: s.materials.clone(),
                rows,
            }
        })
        .collect()
}

/// Errors for module items whose length is unknown (no `minutes`, no `duration`).
pub fn check_timing(project: &Project, out: &mut Diagnostics) {
    let source = &project.config.source;
    for item in project.config.sessions.iter().flat_map(|s| &s.items) {
        let ItemKind::Module(path) = &item.kind else {
            continue;
        };
        let Some(module) = project.module_by_path(path) else {
            continue;
        };
        if item.minutes.is_none() && module.duration.is_none() {
            out.push(
                yaml::locate_str(
                    Diagnostic::error(
                        Code::SessionTiming,
                        format!("module \"{path}\" has no `duration`, so the plan cannot time it"),
                    ),
                    source,
                    &item.at,
                    0,
                )
                .with_help(
                    "add `minutes:` to this item, or `duration:` to the module's front matter",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        assert!(is_date("2027-01-15"));
        assert!(!is_date("2027-13-01"));
        assert!(!is_date("15/01/2027"));
        assert_eq!(parse_time("09:00"), Some(540));
        assert_eq!(parse_time("9:05"), Some(545));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("09:0"), None);
        assert_eq!(format_time(540 + 75), "10:15");
        let months = crate::ui::Ui::with_overrides([]).get("months").to_owned();
        assert_eq!(display_date("2027-01-15", &months), "15 January 2027");
        assert_eq!(display_date("2027-12-01", &months), "1 December 2027");
        assert_eq!(display_date("soon", &months), "soon");
    }
}
