//! Language packs: a theme's `i18n/<language>.yaml`, the interface strings
//! in one language.
//!
//! Input: the course's final `language:` (after any profile) and its theme.
//! Output: the course's [`Ui`] with the chosen pack under `ui:`,
//! and diagnostics: the pack's YAML problems and unknown keys (errors at their
//! line), each key it lacks that English fills in (W018, once per key), and a
//! pack nobody fluent has checked (`reviewed: false`, W019).
//!
//! The pack is the first of the full tag (`pt-BR`), its primary subtag
//! (`pt`) and `en` that the theme has, the course's own file before the
//! built-in one, file names matched without regard to case.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Location;

use crate::diagnostic::codes::Code;
use crate::diagnostic::suggest;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::load::yaml::{self, OrderedMap, Spanned};
use crate::render::theme::Theme;
use crate::source::SourceFile;

use super::Ui;

/// A pack as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    /// `false` until someone fluent in the language has checked every string.
    reviewed: Option<Spanned<bool>>,
    /// The strings, by key.
    strings: Spanned<OrderedMap<String>>,
}

/// A pack as read: its known strings, and what the checks need.
#[derive(Debug)]
pub(crate) struct Pack {
    /// The strings it sets, by key (unknown keys left out, and reported).
    pub(crate) strings: BTreeMap<String, String>,
    /// `reviewed: false`, where it is written.
    unreviewed: Option<Spanned<bool>>,
    /// Where its strings start.
    strings_at: Location,
}

/// Reads the pack in `source`, pushing its problems: YAML errors, unknown
/// fields and unknown interface-string keys, each at its line.
pub(crate) fn parse(source: &SourceFile, out: &mut Diagnostics) -> Option<Pack> {
    let raw = yaml::parse_all::<RawPack>(source, &source.text, 0, out).value?;
    let keys = Ui::keys();
    // (`is_key` is for the compiler's checks: it reads the English text once per key.)
    let known: std::collections::HashSet<&str> = keys.iter().copied().collect();
    let mut strings = BTreeMap::new();
    for (key, value) in raw.strings.value.0 {
        if known.contains(key.value.as_str()) {
            strings.insert(key.value, value);
            continue;
        }
        out.push(
            yaml::locate_str(
                Diagnostic::error(
                    Code::UnknownField,
                    format!("unknown interface string \"{}\"", key.value),
                ),
                source,
                &key,
                0,
            )
            .with_help(
                suggest::did_you_mean(&key.value, keys.iter().copied()).map_or_else(
                    || "use a key from the README's table of interface strings".to_owned(),
                    |k| format!("did you mean \"{k}\"?"),
                ),
            ),
        );
    }
    Some(Pack {
        strings,
        unreviewed: raw.reviewed.filter(|r| !r.value),
        strings_at: raw.strings.referenced,
    })
}

/// The primary subtag of a language tag, lowercased (`pt` for `pt-BR`).
fn primary(language: &str) -> String {
    language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The pack names to try for `language`, in order: the tag, its primary
/// subtag, then `en`. A tag that could not be a file name is skipped.
fn candidates(language: &str) -> Vec<String> {
    let mut names = Vec::new();
    let usable =
        |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    for name in [language.to_owned(), primary(language), "en".to_owned()] {
        if usable(&name) && !names.iter().any(|n: &String| n.eq_ignore_ascii_case(&name)) {
            names.push(name);
        }
    }
    names
}

/// Chooses the pack for `config.language` from `theme`, reads it, and puts
/// it under the course's `ui:`. Call once the language is final.
pub(crate) fn apply(theme: &Theme, config: &mut Config, out: &mut Diagnostics) {
    let names = candidates(&config.language);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let source = match theme.language_pack(&names) {
        Some(Ok(source)) => source,
        Some(Err(problem)) => {
            out.push(problem);
            return;
        }
        None => return,
    };
    let parsed;
    let pack = if *source.text == *super::ENGLISH_TEXT {
        super::english_pack()
    } else {
        match parse(&source, out) {
            Some(p) => {
                parsed = p;
                &parsed
            }
            None => return,
        }
    };
    let language = source
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(flag) = &pack.unreviewed {
        out.push(
            yaml::locate(
                Diagnostic::warning(
                    Code::UnreviewedPack,
                    format!(
                        "the \"{language}\" interface strings have not been checked by someone fluent in the language"
                    ),
                ),
                &source,
                &flag.referenced,
                0,
                5,
            )
            .with_help(
                "have a fluent speaker read every string, then set `reviewed: true`; until then, learners may see mistakes",
            ),
        );
    }
    let wanted = primary(&config.language);
    if primary(&language) != wanted {
        // English, for want of a pack in the course's language.
        let missing = Ui::keys()
            .into_iter()
            .filter(|k| !config.ui.is_overridden(k))
            .count();
        if wanted != "en" && missing > 0 {
            out.push(no_pack(config, theme, missing));
        }
    } else if wanted != "en" {
        for key in Ui::keys() {
            if !pack.strings.contains_key(key) && !config.ui.is_overridden(key) {
                out.push(missing_key(&source, pack.strings_at, key));
            }
        }
    }
    config.ui = config.ui.with_pack(&pack.strings);
}

/// W018 for a key the pack in `source` lacks, at its strings.
fn missing_key(source: &SourceFile, strings_at: Location, key: &str) -> Diagnostic {
    yaml::locate(
        Diagnostic::warning(
            Code::PackKeyMissing,
            format!("this pack has no interface string \"{key}\": it is shown in English"),
        ),
        source,
        &strings_at,
        0,
        1,
    )
    .with_help(format!(
        "add `{key}:` under `strings:`, or set it under `ui:` in course.yaml"
    ))
}

/// W018 for a language with no pack, where `missing` strings are English.
fn no_pack(config: &Config, theme: &Theme, missing: usize) -> Diagnostic {
    let d = Diagnostic::warning(
        Code::PackKeyMissing,
        format!(
            "no interface strings for \"{}\": {missing} of them are shown in English",
            config.language
        ),
    )
    .with_help(format!(
        "add {}/i18n/{}.yaml (copy the built-in en.yaml: `peerprep theme`), or set every string under `ui:`",
        theme.folder_name(),
        primary(&config.language)
    ));
    match config.source.text.find("language:") {
        Some(at) => d.at_offset(&config.source, at, "language".len()),
        None => d.in_file(&config.source.path),
    }
}

/// Whether text in `language` runs right to left: by its script subtag when
/// it has one (`az-Arab`), else by its primary subtag (`ar`, `he`, `fa`…).
pub(crate) fn is_rtl(language: &str) -> bool {
    const RTL_SCRIPTS: &[&str] = &[
        "arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr",
    ];
    const RTL_LANGUAGES: &[&str] = &["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"];
    let mut subtags = language.split(['-', '_']);
    let first = subtags.next().unwrap_or("").to_ascii_lowercase();
    if let Some(script) =
        subtags.find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()))
    {
        return RTL_SCRIPTS.contains(&script.to_ascii_lowercase().as_str());
    }
    RTL_LANGUAGES.contains(&first.as_str())
}

/// `rtl` or `ltr`, for `<html dir>`.
pub(crate) fn direction(language: &str) -> &'static str {
    if is_rtl(language) { "rtl" } else { "ltr" }
}

#[cfg(test)]
mod tests;
