//! The course configuration, `course/course.yaml`.
//!
//! Input: the file's text. Output: a validated [`Config`], plus diagnostics for
//! every problem found (unknown keys, bad ids, unknown `ui:` keys, unsafe URLs,
//! module paths listed twice). Parsing is two steps: serde into the raw
//! structs below, then `validate` into the model the renderer uses.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::codes::Code;
use crate::diagnostic::suggest;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::brand::{self, Brand, RawBrand};
pub(crate) use crate::load::config::support::{Contact, Support};
use crate::load::profiles::{self, ProfileInfo};
use crate::load::scorm::{self, RawScorm, Scorm};
use crate::load::sessions::{self, RawSession, Scheme, Session};
use crate::load::yaml::{self, OrderedMap, Spanned};
use crate::slug;
use crate::source::SourceFile;
use crate::ui::Ui;
use overrides::RawProfile;
use values::{check_id, is_language_tag, is_plain_name, is_variable_name, module_entries};

/// Where the configuration lives, relative to the project folder.
pub(crate) const CONFIG_PATH: &str = "course/course.yaml";

/// `course.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    id: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    subtitle: Option<String>,
    language: Option<Spanned<String>>,
    organisation: Option<String>,
    #[serde(default)]
    variables: OrderedMap<String>,
    #[serde(default)]
    support: Support,
    #[serde(default)]
    competencies: OrderedMap<RawCompetency>,
    theme: Option<Spanned<String>>,
    #[serde(default)]
    ui: OrderedMap<String>,
    modules: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    self_assessment: Vec<SelfAssessment>,
    #[serde(default)]
    sessions: Vec<RawSession>,
    #[serde(default)]
    scheme: Scheme,
    paper: Option<Spanned<String>>,
    #[serde(default)]
    brand: RawBrand,
    #[serde(default)]
    scorm: RawScorm,
    #[serde(default)]
    profiles: OrderedMap<RawProfile>,
}

/// A statement learners rate 1–5 at the start and the end (`self_assessment:`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SelfAssessment {
    /// Stable id: ratings are saved under it.
    pub(crate) id: String,
    /// The statement, e.g. "I know what to do if someone tells me they are being hurt."
    pub(crate) statement: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCompetency {
    title: String,
    #[serde(default)]
    description: Option<String>,
}

/// A skill the course tracks, declared under `competencies:`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Competency {
    /// The id modules refer to.
    pub(crate) id: String,
    /// Its display title.
    pub(crate) title: String,
    /// One sentence about it.
    pub(crate) description: Option<String>,
}

/// A module file listed under `modules:`, with where it is listed.
#[derive(Debug, Clone)]
pub(crate) struct ModuleEntry {
    /// Path relative to `course/`, with forward slashes.
    pub(crate) path: String,
    /// Its position in course.yaml.
    pub(crate) listed_at: Spanned<String>,
}

/// The validated course configuration.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// Stable id: namespaces learner data.
    pub(crate) id: String,
    /// Course title.
    pub(crate) title: String,
    /// Optional subtitle.
    pub(crate) subtitle: Option<String>,
    /// BCP 47 language tag for `<html lang>`.
    pub(crate) language: String,
    /// The school or university.
    pub(crate) organisation: Option<String>,
    /// Variables for `{{ name }}` in content.
    pub(crate) variables: HashMap<String, String>,
    /// The support block.
    pub(crate) support: Support,
    /// Declared competencies, in order.
    pub(crate) competencies: Vec<Competency>,
    /// Theme folder under `themes/`.
    pub(crate) theme: String,
    /// Interface strings in force.
    pub(crate) ui: Ui,
    /// Module files in course order.
    pub(crate) modules: Vec<ModuleEntry>,
    /// Self-assessment statements.
    pub(crate) self_assessment: Vec<SelfAssessment>,
    /// Session plans.
    pub(crate) sessions: Vec<Session>,
    /// The scheme's details for the facilitator's templates.
    pub(crate) scheme: Scheme,
    /// Printed page size: `A4` or `letter`.
    pub(crate) paper: &'static str,
    /// Logo, cover and colours.
    pub(crate) brand: Brand,
    /// The SCORM packages' settings.
    pub(crate) scorm: Scorm,
    /// The profile built (None: the course as written, without a profile).
    pub(crate) profile: Option<String>,
    /// Every profile course.yaml declares, in order.
    pub(crate) profiles: Vec<ProfileInfo>,
    /// The course's own language (a translation profile changes `language`).
    pub(crate) base_language: String,
    /// The configuration file itself, for locating later problems.
    pub(crate) source: SourceFile,
}

impl Config {
    /// An error when `id` (written at its place in `source`) names no declared competency.
    pub(crate) fn check_competency(
        &self,
        id: &Spanned<String>,
        source: &SourceFile,
        line_offset: usize,
    ) -> Option<Diagnostic> {
        if self.competency(&id.value).is_some() {
            return None;
        }
        let declared = self.competencies.iter().map(|c| c.id.as_str());
        let help = suggest::did_you_mean(&id.value, declared).map_or_else(
            || "declare it under `competencies:` in course.yaml".to_owned(),
            |k| format!("did you mean \"{k}\"?"),
        );
        Some(
            yaml::locate_str(
                Diagnostic::error(
                    Code::UnknownCompetency,
                    format!("competency \"{}\" is not declared in course.yaml", id.value),
                ),
                source,
                id,
                line_offset,
            )
            .with_help(help),
        )
    }

    /// The E020 error for `{{ name }}` with no such variable, not yet located.
    pub(crate) fn undefined_variable(&self, name: &str) -> Diagnostic {
        let names = self.variables.keys().map(String::as_str);
        Diagnostic::error(
            Code::UndefinedVariable,
            format!("variable \"{name}\" is not defined"),
        )
        .with_help(match suggest::did_you_mean(name, names) {
            Some(known) => format!("did you mean \"{known}\"?"),
            None => format!("define `{name}:` under `variables:` in course.yaml"),
        })
    }

    /// The competency with this id.
    pub(crate) fn competency(&self, id: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.id == id)
    }
}

/// Parses and validates course.yaml with `profile`'s overrides (None: the
/// course as written), pushing every problem found.
pub(crate) fn load(
    source: SourceFile,
    profile: Option<&str>,
    diagnostics: &mut Diagnostics,
) -> Option<Config> {
    if source
        .text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        diagnostics.push(
            Diagnostic::error(Code::MissingField, "course.yaml is empty")
                .in_file(&source.path)
                .with_help("it needs at least `title:` and `modules:`, and should have `support:`; `peerprep init new-folder` writes an example with every field explained"),
        );
        return None;
    }
    // A field in error is left out and reported, so that modules and
    // scenarios are still checked in the same run.
    let parsed = yaml::parse_all::<RawConfig>(&source, &source.text, 0, diagnostics);
    let mut raw = parsed.value?;
    let base_language = raw
        .language
        .as_ref()
        .map_or_else(|| "en".to_owned(), |l| l.value.clone());
    let ids = raw
        .profiles
        .0
        .iter()
        .map(|(id, p)| (id, p.language.as_ref().map(|l| l.value.as_str())));
    let declared = profiles::declared(ids, &base_language, &source, diagnostics);
    if let Some(id) = profile {
        // The course id stays the course's own (learners' progress is kept
        // under it), even when the profile changes the title it comes from.
        if raw.id.is_none()
            && let Some(title) = &raw.title
            && !slug::slugify(&title.value).is_empty()
        {
            let mut from_title = title.clone();
            from_title.value = slug::slugify(&title.value);
            raw.id = Some(from_title);
        }
        let chosen = std::mem::take(&mut raw.profiles)
            .0
            .into_iter()
            .find(|(key, _)| key.value == id);
        match chosen {
            Some((_, overrides)) => apply(&mut raw, overrides),
            None => {
                let d = profiles::unknown_profile(id, &declared)?;
                diagnostics.push(d.in_file(&source.path));
                return None;
            }
        }
    }
    let mut config = validate(raw, &parsed.unread, source, diagnostics);
    config.profile = profile.map(str::to_owned);
    config.profiles = declared;
    config.base_language = base_language;
    Some(config)
}

/// The ids of the profiles the course at `root` declares, in order (none
/// when its course.yaml cannot be read: building it reports why).
pub(crate) fn profile_ids(root: &Path) -> Vec<String> {
    let Ok(source) = crate::load::read::read_source(root, Path::new(CONFIG_PATH)) else {
        return Vec::new();
    };
    let mut ignored = Diagnostics::new();
    load(source, None, &mut ignored)
        .map(|c| c.profiles.into_iter().map(|p| p.id).collect())
        .unwrap_or_default()
}

/// The course's fields with a profile's overrides in place.
fn apply(raw: &mut RawConfig, profile: RawProfile) {
    let RawProfile {
        title,
        subtitle,
        organisation,
        language,
        support,
        brand,
        scheme,
        sessions,
        self_assessment,
        variables,
        ui,
    } = profile;
    raw.title = title.or(raw.title.take());
    raw.subtitle = subtitle.or(raw.subtitle.take());
    raw.organisation = organisation.or(raw.organisation.take());
    raw.language = language.or(raw.language.take());
    raw.support = support.unwrap_or(std::mem::take(&mut raw.support));
    raw.brand = brand.unwrap_or(std::mem::take(&mut raw.brand));
    raw.scheme = scheme.unwrap_or(std::mem::take(&mut raw.scheme));
    raw.sessions = sessions.unwrap_or(std::mem::take(&mut raw.sessions));
    raw.self_assessment = self_assessment.unwrap_or(std::mem::take(&mut raw.self_assessment));
    profiles::merge_map(&mut raw.variables, variables);
    profiles::merge_map(&mut raw.ui, ui);
}

/// The model from the raw file; `unread` names fields written but not read
/// (already reported), which are not reported again as missing.
fn validate(
    raw: RawConfig,
    unread: &[String],
    source: SourceFile,
    out: &mut Diagnostics,
) -> Config {
    let missing = |field: &str, help: &str, out: &mut Diagnostics| {
        if !unread.iter().any(|d| d == field) {
            out.push(
                Diagnostic::error(Code::MissingField, format!("course.yaml has no `{field}:`"))
                    .in_file(&source.path)
                    .with_help(help),
            );
        }
    };
    let title = match &raw.title {
        Some(title) => {
            let text = title.value.trim().to_owned();
            if text.is_empty() {
                out.push(yaml::locate(
                    Diagnostic::error(Code::InvalidValue, "the course title is empty"),
                    &source,
                    &title.referenced,
                    0,
                    1,
                ));
            }
            text
        }
        None => {
            missing(
                "title",
                "add the course's title, e.g. `title: Peer mentor training`",
                out,
            );
            String::new()
        }
    };
    let id = match &raw.id {
        Some(id) => {
            check_id(&source, id, "course id", out);
            id.value.clone()
        }
        None => {
            let id = slug::slugify(&title);
            if id.is_empty() && !title.is_empty() {
                out.push(
                    yaml::locate_str(
                        Diagnostic::error(
                            Code::InvalidId,
                            "cannot make a course id from this title",
                        ),
                        &source,
                        raw.title.as_ref().expect("a title, as it is not empty"),
                        0,
                    )
                    .with_help(
                        "add `id:` with letters, digits and dashes, e.g. `id: peer-mentors`",
                    ),
                );
            }
            id
        }
    };
    let language = match &raw.language {
        Some(lang) => {
            if !is_language_tag(&lang.value) {
                out.push(
                    yaml::locate_str(
                        Diagnostic::error(Code::InvalidValue, "not a language tag"),
                        &source,
                        lang,
                        0,
                    )
                    .with_help("use a BCP 47 tag such as `en-GB`, `cy` or `fr`"),
                );
            }
            lang.value.clone()
        }
        None => "en".to_owned(),
    };
    let mut variables = HashMap::new();
    for (name, value) in raw.variables.0 {
        if !is_variable_name(&name.value) {
            out.push(
                yaml::locate_str(
                    Diagnostic::error(
                        Code::InvalidId,
                        format!("\"{}\" is not a usable variable name", name.value),
                    ),
                    &source,
                    &name,
                    0,
                )
                .with_help("use letters, digits and underscores, starting with a letter"),
            );
        }
        variables.insert(name.value, value.replace(['\n', '\r'], " "));
    }
    let mut competencies: Vec<Competency> = Vec::new();
    for (cid, comp) in raw.competencies.0 {
        check_id(&source, &cid, "competency id", out);
        competencies.push(Competency {
            id: cid.value,
            title: comp.title,
            description: comp.description,
        });
    }
    raw.support.check(&source, out);
    let theme = match &raw.theme {
        Some(t) => {
            if !is_plain_name(&t.value) {
                out.push(
                    yaml::locate_str(
                        Diagnostic::error(
                            Code::InvalidValue,
                            "a theme is a folder name under themes/",
                        ),
                        &source,
                        t,
                        0,
                    )
                    .with_help("use a plain name such as `default`, without slashes"),
                );
            }
            t.value.clone()
        }
        None => "default".to_owned(),
    };
    let keys = Ui::keys();
    let mut overrides = Vec::new();
    for (key, value) in &raw.ui.0 {
        if Ui::is_known(&key.value) {
            overrides.push((key.value.as_str(), value.as_str()));
        } else {
            out.push(
                yaml::locate_str(
                    Diagnostic::error(
                        Code::UnknownField,
                        format!("unknown interface string \"{}\"", key.value),
                    ),
                    &source,
                    key,
                    0,
                )
                .with_help_opt(
                    suggest::did_you_mean(&key.value, keys.iter().copied())
                        .map(|k| format!("did you mean \"{k}\"?"))
                        .or_else(|| Some("see the list of `ui:` keys in the README".to_owned())),
                ),
            );
        }
    }
    let ui = Ui::with_overrides(overrides);
    let modules = match raw.modules {
        Some(listed) => module_entries(&source, listed, out),
        None => {
            missing(
                "modules",
                "list your module files in course order under `modules:`, e.g. `- 01-welcome.md`",
                out,
            );
            Vec::new()
        }
    };
    let mut statement_ids = HashSet::new();
    for s in &raw.self_assessment {
        if !slug::is_valid_id(&s.id)
            || !statement_ids.insert(s.id.as_str())
            || s.statement.trim().is_empty()
        {
            out.push(
                Diagnostic::error(Code::InvalidId, format!("self-assessment \"{}\" needs a unique id (letters, digits, dashes) and a statement", s.id))
                    .in_file(&source.path),
            );
        }
    }
    let listed: Vec<&str> = modules.iter().map(|m| m.path.as_str()).collect();
    let sessions = sessions::validate(raw.sessions, &listed, &source, out);
    sessions::check_scheme(&raw.scheme, &source, out);
    let brand = brand::validate(raw.brand, &source, out);
    let scorm = scorm::validate(raw.scorm, &source, out);
    let paper = match raw
        .paper
        .as_ref()
        .map(|p| p.value.trim().to_ascii_lowercase())
    {
        None => "A4",
        Some(p) if p == "a4" => "A4",
        Some(p) if p == "letter" => "letter",
        Some(_) => {
            if let Some(p) = &raw.paper {
                out.push(
                    yaml::locate_str(
                        Diagnostic::error(Code::InvalidValue, "`paper` is A4 or letter"),
                        &source,
                        p,
                        0,
                    )
                    .with_help("write `paper: A4` or `paper: letter`"),
                );
            }
            "A4"
        }
    };
    Config {
        id,
        title,
        subtitle: raw.subtitle,
        language,
        organisation: raw.organisation,
        variables,
        support: raw.support,
        competencies,
        theme,
        ui,
        modules,
        self_assessment: raw.self_assessment,
        sessions,
        scheme: raw.scheme,
        paper,
        brand,
        scorm,
        profile: None,
        profiles: Vec::new(),
        base_language: String::new(),
        source,
    }
}

/// A configuration from `course.yaml` text that must be valid (for tests).
#[cfg(test)]
pub(crate) fn from_yaml(text: &str) -> Config {
    let mut d = Diagnostics::new();
    let config = load(SourceFile::new(CONFIG_PATH, text), None, &mut d);
    assert!(!d.has_errors(), "{}", d.render_human());
    config.expect("a valid test configuration")
}

mod overrides;
pub(crate) mod support;
#[cfg(test)]
mod tests;
mod values;
