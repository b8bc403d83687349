//! Session plans (`sessions:` in course.yaml) and the scheme details
//! (`scheme:`) that fill the facilitator's templates.
//!
//! Input: the raw YAML structs. Output: validated [`Session`]s whose items are
//! modules (by file) or activities with minutes, and a [`Scheme`]. Whether
//! every item can be timed is checked once the modules are loaded
//! (`check::sessions`); the running order is worked out when the plan is
//! rendered (`render::sessions`).

use serde::{Deserialize, Serialize};

use crate::diagnostic::codes::Code;
use crate::diagnostic::suggest;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::yaml::{self, Spanned};
use crate::source::SourceFile;

/// One session as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSession {
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
pub(crate) struct RawItem {
    module: Option<Spanned<String>>,
    activity: Option<Spanned<String>>,
    minutes: Option<u32>,
    notes: Option<String>,
}

/// What an item is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ItemKind {
    /// A module, by path relative to `course/`.
    Module(String),
    /// An activity: icebreaker, role-play round, break, debrief …
    Activity(String),
}

/// One item of a session's running order.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// A module or an activity.
    pub(crate) kind: ItemKind,
    /// Minutes given on the item (a module's `duration` otherwise).
    pub(crate) minutes: Option<u32>,
    /// Notes for the facilitator.
    pub(crate) notes: Option<String>,
    /// Where the item is written in course.yaml.
    pub(crate) at: Spanned<String>,
}

/// A validated session.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    /// Title.
    pub(crate) title: String,
    /// `YYYY-MM-DD`.
    pub(crate) date: Option<crate::date::Date>,
    /// Start time as minutes after midnight.
    pub(crate) start: Option<u32>,
    /// What to bring.
    pub(crate) materials: Vec<String>,
    /// The running order.
    pub(crate) items: Vec<Item>,
}

/// `scheme:`: the details that fill the recruitment form, poster and certificates.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Scheme {
    /// The scheme's name, e.g. "Peer Mentors".
    pub(crate) name: Option<String>,
    /// Who to ask.
    pub(crate) contact: Option<String>,
    /// How to apply.
    pub(crate) apply_how: Option<String>,
    /// Closing date, `YYYY-MM-DD`.
    pub(crate) apply_by: Option<Spanned<String>>,
    /// Start date, `YYYY-MM-DD`.
    pub(crate) starts: Option<Spanned<String>>,
    /// Who signs the certificates.
    pub(crate) signatory: Option<Signatory>,
}

/// `scheme.signatory`: the person whose name and role are printed under the
/// signature line of every certificate.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Signatory {
    /// Their name, e.g. "Ms A. Example".
    pub(crate) name: String,
    /// Their role, e.g. "Headteacher".
    pub(crate) role: Option<String>,
}

/// `HH:MM` as minutes after midnight.
pub(crate) fn parse_time(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// Minutes after midnight as `HH:MM` (wrapping past midnight).
pub(crate) fn format_time(minutes: u32) -> String {
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
pub(crate) fn check_scheme(scheme: &Scheme, source: &SourceFile, out: &mut Diagnostics) {
    for (field, value) in [("apply_by", &scheme.apply_by), ("starts", &scheme.starts)] {
        if let Some(v) = value
            .as_ref()
            .filter(|v| crate::date::parse(&v.value).is_none())
        {
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
pub(crate) fn validate(
    raw: Vec<RawSession>,
    listed: &[&str],
    source: &SourceFile,
    out: &mut Diagnostics,
) -> Vec<Session> {
    let mut sessions = Vec::with_capacity(raw.len());
    for s in raw {
        if let Some(d) = s
            .date
            .as_ref()
            .filter(|d| crate::date::parse(&d.value).is_none())
        {
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
            date: s.date.and_then(|d| crate::date::parse(&d.value)),
            start,
            materials: s.materials,
            items,
        });
    }
    sessions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        assert_eq!(parse_time("09:00"), Some(540));
        assert_eq!(parse_time("9:05"), Some(545));
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("09:0"), None);
        assert_eq!(format_time(540 + 75), "10:15");
    }
}
