//! Cross-file validation: the checks that need the whole course at once.
//!
//! Input: the loaded [`Project`] and its [`Compiled`] bodies. Output:
//! diagnostics for unknown variables, links to missing modules, headings,
//! images and files, links that leave `course/`, and mentor content that links
//! to facilitator-only content; plus the set of course files the site needs
//! copied. `build` and `check` run the same checks.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::codes::Code;
use crate::compile::Compiled;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::edition::{Edition, ModuleEdition};
use crate::markdown::{Heading, Link, Target};
use crate::module::Module;
use crate::project::Project;
use crate::source;
use crate::suggest;

/// What validation found.
#[derive(Debug, Default)]
pub struct Checked {
    /// Files under `course/` that the built edition links to (paths relative to `course/`).
    pub files: BTreeSet<String>,
}

/// Runs every cross-file check, pushing problems into `out`.
pub fn validate(
    project: &Project,
    compiled: &Compiled,
    edition: Edition,
    out: &mut Diagnostics,
) -> Checked {
    let headings: HashMap<&str, &[Heading]> = project
        .modules
        .iter()
        .zip(&compiled.modules)
        .map(|(m, r)| (m.path.as_str(), r.headings.as_slice()))
        .collect();
    let variable_names: Vec<&str> = project
        .config
        .variables
        .keys()
        .map(String::as_str)
        .collect();
    let mut checked = Checked::default();
    for (module, rendered) in project.modules.iter().zip(&compiled.modules) {
        for unknown in &rendered.unknown_variables {
            out.push(
                Diagnostic::error(
                    Code::UndefinedVariable,
                    format!("variable \"{}\" is not defined", unknown.name),
                )
                .at_offset(&module.source, unknown.range.start, unknown.range.len())
                .with_help(
                    match suggest::did_you_mean(&unknown.name, variable_names.iter().copied()) {
                        Some(name) => format!("did you mean \"{name}\"?"),
                        None => format!(
                            "define `{}:` under `variables:` in course.yaml",
                            unknown.name
                        ),
                    },
                ),
            );
        }
        for (id, range) in &rendered.duplicate_ids {
            out.push(
                Diagnostic::warning(
                    Code::DuplicateHeadingId,
                    format!("heading id \"{id}\" is used twice on this page"),
                )
                .at_offset(&module.source, range.start, range.len())
                .with_help("links to it reach only the first heading; give this one another id"),
            );
        }
        for link in &rendered.links {
            check_link(project, module, link, &headings, edition, out, &mut checked);
        }
    }
    checked
}

fn check_link(
    project: &Project,
    module: &Module,
    link: &Link,
    headings: &HashMap<&str, &[Heading]>,
    edition: Edition,
    out: &mut Diagnostics,
    checked: &mut Checked,
) {
    let mentor_content = !link.facilitator_only && module.edition == ModuleEdition::All;
    let at = |d: Diagnostic| d.at_offset(&module.source, link.range.start, link.range.len());
    match &link.target {
        Target::External | Target::Empty => {}
        Target::SamePage(fragment) => {
            check_anchor(&module.path, fragment, headings, mentor_content, out, &at);
        }
        Target::Markdown { path, fragment } => {
            let Some(target) = project.module_by_path(path) else {
                let listed = project.config.modules.iter().any(|e| &e.path == path);
                if listed && !project.drafts.contains(path) {
                    // Listed but missing or unreadable: already reported there.
                    return;
                }
                let exists = project.course_dir().join(path).is_file();
                let paths: Vec<&str> = project.modules.iter().map(|m| m.path.as_str()).collect();
                let help = if exists {
                    format!(
                        "course/{path} is not listed in `modules:` (or is a draft); list it or link to a module"
                    )
                } else {
                    match suggest::did_you_mean(path, paths.iter().copied()) {
                        Some(p) => format!("did you mean \"{p}\"?"),
                        None => "link to a module file listed in course.yaml".to_owned(),
                    }
                };
                out.push(at(Diagnostic::error(
                    Code::BrokenModuleLink,
                    format!("link to \"{path}\", which is not a module of this course"),
                )
                .with_help(help)));
                return;
            };
            if mentor_content && target.edition == ModuleEdition::Facilitator {
                out.push(at(Diagnostic::error(
                    Code::LinkToFacilitatorContent,
                    format!("mentor content links to the facilitator-only module \"{path}\""),
                )
                .with_help("this link would be broken in the mentor site; move it into a ```facilitator block")));
                return;
            }
            if let Some(fragment) = fragment {
                check_anchor(path, fragment, headings, mentor_content, out, &at);
            }
        }
        Target::File { path, .. } => {
            let relative = Path::new("course").join(path);
            if !project.root.join(&relative).is_file() {
                let what = if link.is_image { "image" } else { "file" };
                out.push(at(Diagnostic::error(
                    Code::MissingFile,
                    format!("{what} \"{path}\" not found under course/"),
                )
                .with_help(
                    "check the spelling and that the file is inside the course folder",
                )));
                return;
            }
            if let Err(d) = source::check_inside(&project.root, &relative) {
                out.push(at(Diagnostic::error(d.code, d.message)).with_help_opt(d.help));
                return;
            }
            let shown = !link.facilitator_only || edition.shows_facilitator_content();
            if shown && module.edition.appears_in(edition) {
                checked.files.insert(path.clone());
            }
        }
        Target::Outside => {
            out.push(at(Diagnostic::error(
                Code::LinkOutsideCourse,
                format!("link \"{}\" leaves the course folder", link.dest),
            )
            .with_help(
                "put the file under course/ and link to it with a relative path",
            )));
        }
    }
}

fn check_anchor(
    path: &str,
    fragment: &str,
    headings: &HashMap<&str, &[Heading]>,
    mentor_content: bool,
    out: &mut Diagnostics,
    at: &dyn Fn(Diagnostic) -> Diagnostic,
) {
    let list = headings.get(path).copied().unwrap_or_default();
    match list.iter().find(|h| h.id == fragment) {
        Some(h) if mentor_content && h.facilitator_only => {
            out.push(at(Diagnostic::error(
                Code::LinkToFacilitatorContent,
                format!("mentor content links to \"#{fragment}\", a heading in facilitator notes"),
            )
            .with_help(
                "this link would be broken in the mentor site; link to another heading",
            )));
        }
        Some(_) => {}
        None => {
            let ids: Vec<&str> = list.iter().map(|h| h.id.as_str()).collect();
            out.push(at(Diagnostic::error(
                Code::BrokenAnchor,
                format!("no heading \"#{fragment}\" in course/{path}"),
            )
            .with_help(
                match suggest::did_you_mean(fragment, ids.iter().copied()) {
                    Some(id) => format!("did you mean \"#{id}\"?"),
                    None => "heading ids are the heading text in lowercase with spaces as dashes"
                        .to_owned(),
                },
            )));
        }
    }
}
