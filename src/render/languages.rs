//! The language switcher: when `build --all-profiles` builds a course and
//! its translations together, every page links the same page in the other
//! languages, in the sibling output folders (`public/`, `public-cymraeg/`).
//! A page another language leaves out (a module or scenario its profile does
//! not include) links that language's home page instead.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::edition::Edition;
use crate::load::Project;
use crate::load::config::Config;

/// The modules (by slug) and scenarios (by id) one language's site has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Pages {
    modules: BTreeSet<String>,
    scenarios: BTreeSet<String>,
}

impl Pages {
    /// What `project` (loaded for one profile) builds.
    pub(crate) fn of(project: &Project) -> Self {
        Self {
            modules: project.modules.iter().map(|m| m.slug.clone()).collect(),
            scenarios: project.scenarios.iter().map(|s| s.id.clone()).collect(),
        }
    }
}

/// Each language's [`Pages`], by profile (None: the course as written).
pub(crate) type PagesByProfile = HashMap<Option<String>, Pages>;

/// One language of the course, as the switcher shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct LanguageLink {
    /// Its language tag, for `lang` and `hreflang`.
    pub(crate) language: String,
    /// Its name in itself (`Cymraeg`), or the tag when unknown.
    pub(crate) name: String,
    /// The output folder it is built into, beside this one.
    pub(crate) folder: String,
    /// Whether it is the language of the pages being built.
    pub(crate) current: bool,
    /// Slugs of this site's modules that language does not have.
    pub(crate) missing_modules: Vec<String>,
    /// Ids of this site's scenarios that language does not have.
    pub(crate) missing_scenarios: Vec<String>,
}

/// The profiles whose sites are languages of the course: None (the course
/// as written) and each translation profile (one whose language differs).
pub(crate) fn language_profiles(config: &Config) -> Vec<(Option<&str>, &str)> {
    let mut all = vec![(None, config.base_language.as_str())];
    for p in &config.profiles {
        if !p.language.eq_ignore_ascii_case(&config.base_language) {
            all.push((Some(p.id.as_str()), p.language.as_str()));
        }
    }
    all
}

/// The languages built together with `config`'s, with what each has
/// (`pages`; a language missing there is taken to have everything). Empty
/// when the course has no translation, or `config`'s profile is not one.
pub(crate) fn built_together(
    config: &Config,
    edition: Edition,
    pages: &PagesByProfile,
) -> Vec<LanguageLink> {
    let here = pages.get(&config.profile);
    let links: Vec<LanguageLink> = language_profiles(config)
        .into_iter()
        .map(|(profile, language)| {
            let there = pages.get(&profile.map(str::to_owned));
            let missing = |pick: fn(&Pages) -> &BTreeSet<String>| match (here, there) {
                (Some(here), Some(there)) => pick(here).difference(pick(there)).cloned().collect(),
                _ => Vec::new(),
            };
            LanguageLink {
                language: language.to_owned(),
                name: autonym(language),
                folder: edition.default_out_for(profile),
                current: config.profile.as_deref() == profile,
                missing_modules: missing(|p| &p.modules),
                missing_scenarios: missing(|p| &p.scenarios),
            }
        })
        .collect();
    if links.len() < 2 || !links.iter().any(|l| l.current) {
        return Vec::new();
    }
    links
}

/// A language's name in itself, from its primary subtag (ISO 639-1 or -3).
fn autonym(tag: &str) -> String {
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    let language = match primary.len() {
        2 => isolang::Language::from_639_1(&primary),
        3 => isolang::Language::from_639_3(&primary),
        _ => None,
    };
    language
        .and_then(|l| l.to_autonym())
        .map_or_else(|| tag.to_owned(), capitalised)
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_named_in_themselves() {
        assert_eq!(autonym("cy"), "Cymraeg");
        assert_eq!(autonym("en-GB"), "English");
        assert_eq!(autonym("ar"), "العربية");
        assert_eq!(autonym("zz-Unknown"), "zz-Unknown");
    }
}
