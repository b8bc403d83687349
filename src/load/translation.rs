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

/// The ids of a module's quiz questions and reflection prompts, in order
/// (`#3` for a prompt written as plain text, by its place in its block).
pub(crate) fn block_ids(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Item {
        Map { id: Option<String> },
        Text(#[allow(dead_code)] String),
    }
    /// A block: a list, or a quiz's `{pool, questions}`.
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Block {
        List(Vec<Item>),
        Pool { questions: Vec<Item> },
    }
    let mut ids = Vec::new();
    let mut open: Option<String> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if matches!(info.split_whitespace().next(), Some("quiz" | "reflection")) =>
            {
                open = Some(String::new());
            }
            Event::Text(text) => {
                if let Some(block) = &mut open {
                    block.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some(block) = open.take() else { continue };
                let items = match serde_saphyr::from_str_with_options::<Block>(
                    &block,
                    crate::load::yaml::options(),
                ) {
                    Ok(Block::List(items) | Block::Pool { questions: items }) => items,
                    Err(_) => Vec::new(),
                };
                for (i, item) in items.into_iter().enumerate() {
                    ids.push(match item {
                        Item::Map { id: Some(id) } => id,
                        _ => format!("#{}", i + 1),
                    });
                }
            }
            _ => {}
        }
    }
    ids
}

/// E023 when a translated module's question and prompt ids differ from its
/// original's (`original` and `translated` are the two files' texts).
pub(crate) fn compare_module(
    original: &str,
    translated: &str,
    translated_path: &Path,
    original_path: &Path,
) -> Option<Diagnostic> {
    let (before, after) = (block_ids(original), block_ids(translated));
    if before == after {
        return None;
    }
    Some(
        Diagnostic::error(
            Code::TranslationDiffers,
            format!(
                "the translation's quiz questions and reflection prompts are [{}]; the original's, [{}]",
                after.join(", "),
                before.join(", ")
            ),
        )
        .in_file(translated_path)
        .with_help(format!(
            "keep the questions and prompts of {}, in its order, with the same `id:`s",
            original_path.display()
        )),
    )
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

    #[test]
    fn block_ids_lists_questions_and_prompts_in_order() {
        let md = "Text\n\n```quiz\n- id: a\n  type: truefalse\n  answer: true\n- id: b\n```\n\n```reflection\n- Plain prompt\n- id: own\n  prompt: Mine\n```\n\n```yaml\n- id: not-a-quiz\n```\n";
        assert_eq!(block_ids(md), ["a", "b", "#1", "own"]);
    }

    #[test]
    fn block_ids_reads_a_pooled_quiz_issue_19() {
        let md = "```quiz\npool: 1\nquestions:\n  - id: a\n    type: truefalse\n  - id: b\n```\n";
        assert_eq!(block_ids(md), ["a", "b"]);
    }
}
