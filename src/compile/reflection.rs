//! Reflections: ```` ```reflection ```` blocks in modules, a YAML list of
//! prompts (each a string, or `{id, prompt}`; the default id is
//! `<module slug>-<n>`). The theme's `partials/reflection.html` makes each a
//! labelled text area whose text `assets/progress.js` saves in the learner's
//! browser as they type; `reflection-print.html` gives it ruled space on paper.

use serde::Deserialize;

use crate::compile::body::{DataBlock, Prompt};
use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::load::plain_text::Filler;
use crate::load::yaml::{self, Spanned};
use crate::slug;
use crate::source::SourceFile;

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawPrompt {
    Plain(String),
    Named(NamedPrompt),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedPrompt {
    id: String,
    prompt: Spanned<String>,
}

/// Parses a reflection block; `count` numbers the module's prompts across blocks.
pub(crate) fn parse(
    block: &DataBlock,
    source: &SourceFile,
    config: &Config,
    module_slug: &str,
    count: &mut usize,
    out: &mut Diagnostics,
) -> Vec<Prompt> {
    let line_offset = source.line_col(block.offset).0 - 1;
    let Some(raw) = yaml::parse_block::<Vec<Spanned<RawPrompt>>>(
        source,
        &block.yaml,
        line_offset,
        "a ```reflection block holds a YAML list of prompts: strings, or `{id: …, prompt: …}`",
        out,
    ) else {
        return Vec::new();
    };
    let fill = Filler::new(config, source, line_offset);
    let mut prompts = Vec::new();
    for item in raw {
        *count += 1;
        let (id, prompt) = match item.value {
            RawPrompt::Plain(prompt) => (
                format!("{module_slug}-{count}"),
                Spanned::new(prompt, item.referenced, item.defined),
            ),
            RawPrompt::Named(named) => (named.id, named.prompt),
        };
        let prompt = fill.field(&prompt, out);
        if !slug::is_valid_id(&id) || prompt.trim().is_empty() {
            out.push(
                yaml::locate(
                    Diagnostic::error(
                        Code::InvalidQuiz,
                        format!("reflection \"{id}\" needs a valid id and a prompt"),
                    ),
                    source,
                    &item.referenced,
                    line_offset,
                    1,
                )
                .with_help("ids use lowercase letters, digits and dashes"),
            );
            continue;
        }
        prompts.push(Prompt { id, prompt });
    }
    prompts
}
