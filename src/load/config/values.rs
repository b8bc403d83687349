//! Checks of single values in course.yaml: ids, language tags, variable
//! and theme names, and the `modules:` list.

use std::collections::HashSet;
use std::path::{Component, Path};

use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::config::ModuleEntry;
use crate::load::yaml::{self, Spanned};
use crate::slug;
use crate::source::SourceFile;

pub(super) fn module_entries(
    source: &SourceFile,
    listed: Vec<Spanned<String>>,
    out: &mut Diagnostics,
) -> Vec<ModuleEntry> {
    let mut seen = HashSet::new();
    let mut entries = Vec::new();
    if listed.is_empty() {
        out.push(
            Diagnostic::error(Code::NoModules, "`modules:` lists no modules")
                .in_file(&source.path)
                .with_help("list your module files in course order, e.g. `- 01-welcome.md`"),
        );
    }
    for item in listed {
        let path = item.value.trim().replace('\\', "/");
        let p = Path::new(&path);
        let escapes = p.is_absolute() || p.components().any(|c| !matches!(c, Component::Normal(_)));
        if escapes || path.is_empty() {
            out.push(
                yaml::locate_str(
                    Diagnostic::error(
                        Code::LinkOutsideCourse,
                        "a module path must stay inside course/",
                    ),
                    source,
                    &item,
                    0,
                )
                .with_help("give the path relative to course/, e.g. `01-welcome.md`"),
            );
            continue;
        }
        if !path.ends_with(".md") {
            out.push(yaml::locate_str(
                Diagnostic::error(
                    Code::InvalidValue,
                    "a module is a Markdown file ending in .md",
                ),
                source,
                &item,
                0,
            ));
            continue;
        }
        if !seen.insert(path.clone()) {
            out.push(
                yaml::locate_str(
                    Diagnostic::error(
                        Code::ModuleListedTwice,
                        format!("\"{path}\" is listed twice"),
                    ),
                    source,
                    &item,
                    0,
                )
                .with_help("remove one of the two entries"),
            );
            continue;
        }
        entries.push(ModuleEntry {
            path,
            listed_at: item,
        });
    }
    entries
}

pub(super) fn check_id(
    source: &SourceFile,
    id: &Spanned<String>,
    what: &str,
    out: &mut Diagnostics,
) {
    if !slug::is_valid_id(&id.value) {
        out.push(
            yaml::locate_str(
                Diagnostic::error(
                    Code::InvalidId,
                    format!("\"{}\" is not a valid {what}", id.value),
                ),
                source,
                id,
                0,
            )
            .with_help("use lowercase letters, digits and dashes, starting with a letter or digit"),
        );
    }
}

pub(crate) fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

pub(super) fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

pub(super) fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
}
