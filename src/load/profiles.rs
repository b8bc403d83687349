//! Profiles: one course source, several settings (`profiles:` in course.yaml).
//!
//! A profile overrides the course's own fields for an audience or a nation
//! (`title`, `subtitle`, `organisation`, `language`, `support`, `brand`,
//! `scheme`, `sessions`, `self_assessment`; `variables` and `ui` merge key by
//! key). Modules and scenarios choose their profiles with `profiles:` /
//! `not_profiles:` ([`Audience`]), and Markdown with ```` ```only ```` blocks
//! ([`OnlyFilter`]). A profile whose language differs from the course's is a
//! translation: its files sit beside the originals (`02-listening.cy.md`).

use serde::Deserialize;

use crate::diagnostic::codes::Code;
use crate::diagnostic::suggest;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::yaml::{self, OrderedMap, Spanned};
use crate::source::SourceFile;

/// A declared profile, as the rest of the pipeline sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProfileInfo {
    /// Its id (`university`), also the suffix of its output folders.
    pub(crate) id: String,
    /// Its language: the course's unless it overrides `language:`.
    pub(crate) language: String,
}

/// Which profiles a module or scenario is built in (`profiles:` and `not_profiles:`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Audience {
    /// Built only in these profiles (not in the base course).
    #[serde(default)]
    pub(crate) profiles: Option<Vec<Spanned<String>>>,
    /// Built everywhere but in these profiles.
    #[serde(default)]
    pub(crate) not_profiles: Option<Vec<Spanned<String>>>,
}

impl Audience {
    /// Whether the file is built in `profile` (None: the base course).
    pub(crate) fn includes(&self, profile: Option<&str>) -> bool {
        let named = |list: &Option<Vec<Spanned<String>>>| {
            profile.is_some_and(|p| list.iter().flatten().any(|id| id.value == p))
        };
        (self.profiles.is_none() || named(&self.profiles)) && !named(&self.not_profiles)
    }

    /// E022 for every profile named that course.yaml does not declare.
    pub(crate) fn check(
        &self,
        declared: &[ProfileInfo],
        source: &SourceFile,
        line_offset: usize,
        out: &mut Diagnostics,
    ) {
        for id in self.profiles.iter().chain(&self.not_profiles).flatten() {
            if let Some(d) = unknown_profile(&id.value, declared) {
                out.push(yaml::locate_str(d, source, id, line_offset));
            }
        }
    }
}

/// The E022 error for a profile id course.yaml does not declare, not yet located.
pub(crate) fn unknown_profile(id: &str, declared: &[ProfileInfo]) -> Option<Diagnostic> {
    if declared.iter().any(|p| p.id == id) {
        return None;
    }
    let ids = declared.iter().map(|p| p.id.as_str());
    let help = match suggest::did_you_mean(id, ids) {
        Some(known) => format!("did you mean \"{known}\"?"),
        None if declared.is_empty() => {
            "declare it under `profiles:` in course.yaml (this course has none)".to_owned()
        }
        None => format!(
            "declare it under `profiles:` in course.yaml; this course has {}",
            declared
                .iter()
                .map(|p| format!("\"{}\"", p.id))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Some(
        Diagnostic::error(
            Code::UnknownProfile,
            format!("profile \"{id}\" is not declared in course.yaml"),
        )
        .with_help(help),
    )
}

/// The filter of a ```` ```only a b !c ```` block: shown in `a` or `b`, or
/// (with `!`) everywhere but `c`. Plain and negated ids together: shown
/// where a plain one matches and no negated one does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OnlyFilter {
    /// The ids named without `!`.
    pub(crate) shown: Vec<String>,
    /// The ids named with `!`.
    pub(crate) hidden: Vec<String>,
}

impl OnlyFilter {
    /// The filter from a fence's info string after `only`; None when it names nothing.
    pub(crate) fn parse(words: &str) -> Option<Self> {
        let mut filter = Self {
            shown: Vec::new(),
            hidden: Vec::new(),
        };
        for word in words.split_whitespace() {
            match word.strip_prefix('!') {
                Some(id) => filter.hidden.push(id.to_owned()),
                None => filter.shown.push(word.to_owned()),
            }
        }
        (!filter.shown.is_empty() || !filter.hidden.is_empty()).then_some(filter)
    }

    /// Whether the block is shown in `profile` (None: the base course).
    pub(crate) fn shows(&self, profile: Option<&str>) -> bool {
        let named = |list: &[String]| profile.is_some_and(|p| list.iter().any(|id| id == p));
        (self.shown.is_empty() || named(&self.shown)) && !named(&self.hidden)
    }

    /// Every id it names.
    pub(crate) fn ids(&self) -> impl Iterator<Item = &str> {
        self.shown.iter().chain(&self.hidden).map(String::as_str)
    }
}

/// The declared profiles (each id, and its `language:` if it sets one),
/// checking their ids; `base_language` is the course's.
pub(crate) fn declared<'p>(
    profiles: impl Iterator<Item = (&'p Spanned<String>, Option<&'p str>)>,
    base_language: &str,
    source: &SourceFile,
    out: &mut Diagnostics,
) -> Vec<ProfileInfo> {
    let mut list = Vec::new();
    for (id, language) in profiles {
        if !crate::slug::is_valid_id(&id.value) {
            out.push(
                yaml::locate_str(
                    Diagnostic::error(
                        Code::InvalidId,
                        format!("\"{}\" is not a valid profile id", id.value),
                    ),
                    source,
                    id,
                    0,
                )
                .with_help(
                    "use lowercase letters, digits and dashes, e.g. `university` or `wales`",
                ),
            );
        }
        list.push(ProfileInfo {
            id: id.value.clone(),
            language: language.unwrap_or(base_language).to_owned(),
        });
    }
    list
}

/// Merges `overrides` into `base` key by key (a key given again replaces its value).
pub(crate) fn merge_map(base: &mut OrderedMap<String>, overrides: OrderedMap<String>) {
    for (key, value) in overrides.0 {
        match base.0.iter_mut().find(|(k, _)| k.value == key.value) {
            Some(entry) => *entry = (key, value),
            None => base.0.push((key, value)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_filter_shows_named_profiles_and_hides_negated_ones() {
        let f = OnlyFilter::parse("university wales").unwrap();
        assert!(f.shows(Some("wales")) && f.shows(Some("university")));
        assert!(!f.shows(None) && !f.shows(Some("scotland")));
        let not = OnlyFilter::parse("!university").unwrap();
        assert!(not.shows(None) && not.shows(Some("wales")) && !not.shows(Some("university")));
        assert_eq!(OnlyFilter::parse("  "), None);
    }

    #[test]
    fn audience_includes_by_profiles_and_not_profiles() {
        let parse = |text: &str| -> Audience {
            serde_saphyr::from_str_with_options(text, yaml::options()).unwrap()
        };
        let only = parse("profiles: [university]");
        assert!(only.includes(Some("university")) && !only.includes(None));
        let not = parse("not_profiles: [university]");
        assert!(not.includes(None) && !not.includes(Some("university")));
        assert!(Audience::default().includes(Some("wales")));
    }
}
