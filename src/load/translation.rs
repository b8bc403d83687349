//! Translations: a profile whose `language` differs from the course's reads
//! each module and scenario from a translated file beside the original when
//! there is one (`02-listening.cy.md`, `scenarios/fallout.cy.yaml`), and the
//! original otherwise (W025, with a note on the page).

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::Code;
use crate::load::config::Config;

/// The language of the translation being built, when the profile is one:
/// its tag as written and its primary subtag (`pt-BR`, `pt`).
pub(crate) fn active(config: &Config) -> Option<(String, String)> {
    let tag = &config.language;
    if config.profile.is_none() || tag.eq_ignore_ascii_case(&config.base_language) {
        return None;
    }
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    Some((tag.clone(), primary))
}

/// Every language suffix a translated file of this course may carry: the
/// tags of its translation profiles, as written and as primary subtags.
pub(crate) fn suffixes(config: &Config) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in &config.profiles {
        if p.language.eq_ignore_ascii_case(&config.base_language) {
            continue;
        }
        let primary = p.language.split('-').next().unwrap_or(&p.language);
        for tag in [p.language.as_str(), primary] {
            if !out.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                out.push(tag.to_owned());
            }
        }
    }
    out
}

/// The original a translated file's name stands for (`02-listening.cy.md` →
/// `02-listening.md`), when its language suffix is one of `suffixes`.
pub(crate) fn original_of(name: &str, suffixes: &[String]) -> Option<String> {
    let (stem, ext) = name.rsplit_once('.')?;
    let (original, tag) = stem.rsplit_once('.')?;
    suffixes
        .iter()
        .any(|t| t.eq_ignore_ascii_case(tag))
        .then(|| format!("{original}.{ext}"))
}

/// The translated file for `original` (a path relative to the project), if
/// it exists: `<stem>.<tag>.<ext>`, then `<stem>.<primary>.<ext>`.
pub(crate) fn translated(
    root: &Path,
    original: &Path,
    language: &(String, String),
) -> Option<PathBuf> {
    let stem = original.file_stem()?.to_str()?;
    let ext = original.extension()?.to_str()?;
    [&language.0, &language.1].into_iter().find_map(|tag| {
        let candidate = original.with_file_name(format!("{stem}.{tag}.{ext}"));
        root.join(&candidate).is_file().then_some(candidate)
    })
}

/// W025 for `original` (relative to the project), which has no translation into `language`.
pub(crate) fn missing(original: &Path, language: &(String, String)) -> Diagnostic {
    let stem = original
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let ext = original
        .extension()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    Diagnostic::warning(
        Code::TranslationMissing,
        format!(
            "no \"{}\" translation of this file: the original is used, with a note on the page",
            language.0
        ),
    )
    .in_file(original)
    .with_help(format!(
        "translate it into {}",
        original
            .with_file_name(format!("{stem}.{}.{ext}", language.1))
            .display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translated_name_stands_for_its_original() {
        let suffixes = vec!["cy".to_owned(), "pt-BR".to_owned(), "pt".to_owned()];
        assert_eq!(
            original_of("02-listening.cy.md", &suffixes).as_deref(),
            Some("02-listening.md")
        );
        assert_eq!(
            original_of("fallout.pt-br.yaml", &suffixes).as_deref(),
            Some("fallout.yaml")
        );
        assert_eq!(original_of("02-listening.md", &suffixes), None);
        assert_eq!(original_of("v1.2.md", &suffixes), None);
    }
}
