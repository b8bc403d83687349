//! A translated scenario must keep its original's shape: the same start,
//! node ids, choices and where each choice goes (learners' progress and the
//! scenario maps are kept by these ids, shared by every language).

use std::path::Path;

use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::load::scenario::{Scenario, load};

/// E023 for each way the translation `translated` differs from the original
/// at `original` (relative to `root`); nothing when the original does not
/// load (its own problems are reported by the course's other builds).
pub(crate) fn compare_with_original(
    root: &Path,
    original: &Path,
    stem: &str,
    translated: &Scenario,
    config: &Config,
    out: &mut Diagnostics,
) {
    let Ok(source) = crate::load::read::read_source(root, original) else {
        return;
    };
    let mut ignored = Diagnostics::new();
    let Some(first) = load(stem, source, config, &mut ignored) else {
        return;
    };
    let shown = original.display();
    let differs = |message: String, help: String| {
        Diagnostic::error(Code::TranslationDiffers, message).with_help(help)
    };
    if first.start != translated.start {
        out.push(
            differs(
                format!(
                    "the translation starts at \"{}\", the original at \"{}\"",
                    translated.start, first.start
                ),
                format!("keep `start: {}` as in {shown}", first.start),
            )
            .in_file(&translated.source.path),
        );
    }
    for node in &first.nodes {
        let Some(other) = translated.node(&node.id) else {
            out.push(
                differs(
                    format!("the translation has no node \"{}\"", node.id),
                    format!(
                        "translate node \"{}\" of {shown} under the same id",
                        node.id
                    ),
                )
                .in_file(&translated.source.path),
            );
            continue;
        };
        let at = |d: Diagnostic| crate::load::yaml::locate_str(d, &translated.source, &other.at, 0);
        let targets = |n: &crate::load::scenario::Node| -> Vec<String> {
            n.choices.iter().map(|c| c.goto.value.clone()).collect()
        };
        if targets(node) != targets(other) {
            out.push(at(differs(
                format!(
                    "node \"{}\" has choices going to [{}]; in the original, [{}]",
                    node.id,
                    targets(other).join(", "),
                    targets(node).join(", ")
                ),
                format!("keep the original's choices, in its order, each with the same `goto:` ({shown})"),
            )));
        }
        if node.ending.is_some() != other.ending.is_some() {
            out.push(at(differs(
                format!(
                    "node \"{}\" is an ending in one file and not in the other",
                    node.id
                ),
                format!("keep `ending:` as in {shown}"),
            )));
        }
    }
    for other in &translated.nodes {
        if first.node(&other.id).is_none() {
            out.push(crate::load::yaml::locate_str(
                differs(
                    format!("node \"{}\" is not in the original", other.id),
                    format!("use the node ids of {shown}"),
                ),
                &translated.source,
                &other.at,
                0,
            ));
        }
    }
}
