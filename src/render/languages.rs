//! The language switcher: when `build --all-profiles` builds a course and
//! its translations together, every page links the same page in the other
//! languages, in the sibling output folders (`public/`, `public-cymraeg/`).

use serde::Serialize;

use crate::edition::Edition;
use crate::load::config::Config;

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
}

/// The languages built together with `config`'s: the course as written and
/// each translation profile (one whose language differs). Empty when the
/// course has no translation, or `config`'s profile is not one of them.
pub(crate) fn built_together(config: &Config, edition: Edition) -> Vec<LanguageLink> {
    let mut links = vec![link(&config.base_language, None, config, edition)];
    for p in &config.profiles {
        if !p.language.eq_ignore_ascii_case(&config.base_language) {
            links.push(link(&p.language, Some(&p.id), config, edition));
        }
    }
    if links.len() < 2 || !links.iter().any(|l| l.current) {
        return Vec::new();
    }
    links
}

fn link(language: &str, profile: Option<&str>, config: &Config, edition: Edition) -> LanguageLink {
    LanguageLink {
        language: language.to_owned(),
        name: autonym(language),
        folder: edition.default_out_for(profile),
        current: config.profile.as_deref() == profile,
    }
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
