//! Cross-file validation: the checks that need the whole course at once.
//!
//! Input: the loaded [`Project`] and its [`Compiled`] module bodies. Output:
//! diagnostics for unknown variables, links to missing modules, headings,
//! images and files, links that leave `course/`, mentor content that links to
//! facilitator-only content, and ```` ```scenario ```` blocks naming no
//! scenario, in modules, scenario Markdown and glossary definitions alike; the
//! glossary's own rules ([`glossary`]); plus the set of course
//! files the site needs copied. `build` and `check` run the same checks.

pub(crate) mod brand;
mod captions;
pub(crate) mod glossary;
pub(crate) mod pages;
pub(crate) mod review;
pub(crate) mod sessions;

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::Path;

use crate::compile::Compiled;
use crate::compile::markdown::{Heading, Link, Rendered, Target};
use crate::diagnostic::codes::Code;
use crate::diagnostic::suggest;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::edition::{Edition, ModuleEdition};
use crate::load::Project;
use crate::load::profiles;
use crate::load::scenario::Scenario;
use crate::load::yaml::{self, Spanned};

/// What validation found.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    /// Files under `course/` that mentor content links to (paths relative to `course/`).
    pub(crate) mentor_files: BTreeSet<String>,
    /// Files under `course/` that only facilitator content links to.
    pub(crate) facilitator_files: BTreeSet<String>,
}

impl Checked {
    /// The files under `course/` an edition's site needs copied.
    pub(crate) fn files(&self, edition: Edition) -> BTreeSet<&str> {
        let mut files: BTreeSet<&str> = self.mentor_files.iter().map(String::as_str).collect();
        if edition.shows_facilitator_content() {
            files.extend(self.facilitator_files.iter().map(String::as_str));
        }
        files
    }
}

/// Where a rendered fragment came from, for locating its problems.
struct Site<'a> {
    /// Path relative to `course/` that same-page `#anchors` refer to (None: no page of its own).
    path: Option<&'a str>,
    /// Whether it is mentor content (shown in the mentor edition).
    mentor: bool,
    /// Points a diagnostic at a byte range of the fragment.
    locate: &'a dyn Fn(Diagnostic, Range<usize>) -> Diagnostic,
}

struct Checker<'a> {
    project: &'a Project,
    headings: HashMap<&'a str, &'a [Heading]>,
    checked: Checked,
    /// Captions files already checked (each is reported once).
    captions_checked: BTreeSet<String>,
}

/// Runs every cross-file check, for both editions at once, pushing
/// problems into `out`.
pub(crate) fn validate(project: &Project, compiled: &Compiled, out: &mut Diagnostics) -> Checked {
    let mut checker = Checker {
        project,
        headings: project
            .modules
            .iter()
            .zip(compiled.modules())
            .map(|(m, c)| (m.path.as_str(), c.rendered.headings.as_slice()))
            .collect(),
        checked: Checked::default(),
        captions_checked: BTreeSet::new(),
    };
    sessions::check_timing(project, out);
    sessions::check_slides(project, compiled, out);
    brand::check(project, &mut checker.checked.mentor_files, out);
    crate::check::review::review(project, out);
    for (module, compiled) in project.modules.iter().zip(compiled.modules()) {
        let rendered = &compiled.rendered;
        let locate = |d: Diagnostic, r: Range<usize>| d.at_offset(&module.source, r.start, r.len());
        let site = Site {
            path: Some(&module.path),
            mentor: module.edition == ModuleEdition::All,
            locate: &locate,
        };
        for (id, range) in &rendered.duplicate_ids {
            out.push(locate(
                Diagnostic::warning(
                    Code::DuplicateHeadingId,
                    format!("heading id \"{id}\" is used twice on this page"),
                )
                .with_help("links to it reach only the first heading; give this one another id"),
                range.clone(),
            ));
        }
        checker.fragment(rendered, &site, out);
    }
    checker.quizzes(compiled, out);
    let lookups = crate::compile::Lookups::new(project);
    for s in &project.scenarios {
        for (field, facilitator) in scenario_fields(s) {
            let rendered =
                crate::compile::scenario_text::render(&lookups, field, "../../", facilitator);
            let locate = |d: Diagnostic, r: Range<usize>| {
                crate::compile::scenario_text::locate(d, s, field, r)
            };
            let site = Site {
                path: None,
                mentor: !facilitator,
                locate: &locate,
            };
            checker.fragment(&rendered, &site, out);
        }
    }
    if let (Some(g), Some(compiled_glossary)) = (&project.glossary, &compiled.glossary) {
        for (t, rendered) in g.terms.iter().zip(&compiled_glossary.definitions) {
            let locate = |d: Diagnostic, r: Range<usize>| {
                let (line, column) = yaml::position(&g.source, &t.definition, 0, r.start);
                d.at(&g.source, line, column, r.len().max(1))
            };
            let site = Site {
                path: None,
                mentor: true,
                locate: &locate,
            };
            checker.fragment(rendered, &site, out);
        }
    }
    glossary::check(project, compiled, out);
    checker.checked
}

/// Every Markdown field of a scenario, with whether it is facilitator-only.
fn scenario_fields(s: &Scenario) -> Vec<(&Spanned<String>, bool)> {
    let mut fields: Vec<(&Spanned<String>, bool)> = Vec::new();
    for node in &s.nodes {
        fields.push((&node.text, false));
        fields.extend(node.debrief.iter().map(|d| (d, false)));
        fields.extend(
            node.choices
                .iter()
                .filter_map(|c| c.feedback.as_ref())
                .map(|f| (f, false)),
        );
    }
    fields.extend(s.facilitator_notes.iter().map(|f| (f, true)));
    fields
}

impl Checker<'_> {
    /// Question ids are unique in the course; the quizzes' Markdown is checked like any other.
    fn quizzes(&mut self, compiled: &Compiled, out: &mut Diagnostics) {
        let mut seen: HashMap<&str, &Path> = HashMap::new();
        for (module, quizzes) in self.project.modules.iter().zip(compiled.modules()) {
            for quiz in &quizzes.quizzes {
                for q in &quiz.questions {
                    if let Some(first) = seen.get(q.id.value.as_str()) {
                        out.push(
                            yaml::locate_str(
                                Diagnostic::error(
                                    Code::InvalidQuiz,
                                    format!(
                                        "question id \"{}\" is already used in {}",
                                        q.id.value,
                                        first.display()
                                    ),
                                ),
                                &module.source,
                                &q.id,
                                quiz.line_offset,
                            )
                            .with_help(
                                "question ids are unique in the course: progress is saved by id",
                            ),
                        );
                    } else {
                        seen.insert(&q.id.value, &module.source.path);
                    }
                }
            }
            for prompt in &quizzes.reflections {
                if let Some(first) = seen.get(prompt.id.as_str()) {
                    out.push(
                        Diagnostic::error(
                            Code::InvalidQuiz,
                            format!(
                                "reflection id \"{}\" is already used in {}",
                                prompt.id,
                                first.display()
                            ),
                        )
                        .in_file(&module.source.path)
                        .with_help("give it its own `id:`; reflections are saved by id"),
                    );
                } else {
                    seen.insert(&prompt.id, &module.source.path);
                }
            }
            for (rendered, offset) in &quizzes.fields {
                let locate =
                    |d: Diagnostic, _: Range<usize>| d.at_offset(&module.source, *offset, 1);
                let site = Site {
                    path: Some(&module.path),
                    mentor: module.edition == ModuleEdition::All,
                    locate: &locate,
                };
                self.fragment(rendered, &site, out);
            }
        }
    }

    fn fragment(&mut self, rendered: &Rendered, site: &Site<'_>, out: &mut Diagnostics) {
        for unknown in &rendered.unknown_variables {
            out.push((site.locate)(
                self.project.config.undefined_variable(&unknown.name),
                unknown.range.clone(),
            ));
        }
        let ids: Vec<&str> = self
            .project
            .scenarios
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        for (reference, range) in &rendered.scenario_refs {
            let problem = match reference {
                Ok(id) if ids.contains(&id.as_str()) => continue,
                // The scenario's own errors are the cause.
                Ok(id) if self.project.unreadable_scenarios.contains(id) => continue,
                Ok(id) => Diagnostic::error(Code::UnknownScenario, format!("no scenario with id \"{id}\"")).with_help(
                    suggest::did_you_mean(id, ids.iter().copied())
                        .map_or_else(|| "scenarios are the files in scenarios/; the id is the file name without .yaml".to_owned(), |s| format!("did you mean \"{s}\"?")),
                ),
                Err(message) => Diagnostic::error(Code::UnknownScenario, message.clone()),
            };
            out.push((site.locate)(problem, range.clone()));
        }
        for (filter, range) in &rendered.only_filters {
            let problems: Vec<Diagnostic> = match filter {
                Some(filter) => filter
                    .ids()
                    .filter_map(|id| profiles::unknown_profile(id, &self.project.config.profiles))
                    .collect(),
                None => vec![
                    Diagnostic::error(Code::UnknownProfile, "an ```only block names no profile")
                        .with_help("name the profiles that show it, e.g. ```only university wales, or those that do not, e.g. ```only !university"),
                ],
            };
            for problem in problems {
                out.push((site.locate)(problem, range.clone()));
            }
        }
        for (kind, range) in &rendered.misplaced {
            let help = if *kind == "quiz" || *kind == "reflection" {
                "put it in a module, on its own lines (not in a list, quote, table or footnote)"
            } else {
                "start it on its own lines at the top level, not inside a list, quote, table or footnote"
            };
            out.push((site.locate)(
                Diagnostic::error(
                    Code::MisplacedBlock,
                    format!("a ```{kind} block cannot be shown here"),
                )
                .with_help(help),
                range.clone(),
            ));
        }
        for (tag, range) in &rendered.raw_media {
            out.push((site.locate)(
                Diagnostic::warning(
                    Code::RawMedia,
                    format!("this <{tag}> is removed from the page: raw HTML media is not shown"),
                )
                .with_help("for a video or audio file in the course folder, use a ```media block with `title:`, `file:` and `captions:` (see the README, \"Video and audio\")"),
                range.clone(),
            ));
        }
        for link in &rendered.links {
            self.link(link, site, out);
        }
    }

    fn link(&mut self, link: &Link, site: &Site<'_>, out: &mut Diagnostics) {
        let mentor = site.mentor && !link.facilitator_only;
        let at = |d: Diagnostic| (site.locate)(d, link.range.clone());
        if link.no_alt {
            out.push(
                at(Diagnostic::warning(Code::ImageNoAlt, "this image has no alt text"))
                    .with_help("describe what it shows between the brackets, e.g. ![a mentor and a mentee talking](talking.png)"),
            );
        }
        let project = self.project;
        match &link.target {
            Target::External | Target::Empty => {}
            Target::SamePage(fragment) => {
                if let Some(path) = site.path {
                    self.anchor(path, fragment, mentor, out, &at);
                }
            }
            Target::Markdown { path, fragment } => {
                let Some(target) = project.module_by_path(path) else {
                    let listed = project.config.modules.iter().any(|e| &e.path == path);
                    if listed && !project.drafts.contains(path) && !project.left_out.contains(path)
                    {
                        // Listed but missing or unreadable: already reported there.
                        return;
                    }
                    let paths: Vec<&str> =
                        project.modules.iter().map(|m| m.path.as_str()).collect();
                    let help = if project.left_out.contains(path) {
                        format!(
                            "this profile leaves course/{path} out (its `profiles:` or `not_profiles:`); put the link in an ```only block"
                        )
                    } else if project.course_dir().join(path).is_file() {
                        format!(
                            "course/{path} is not listed in `modules:` (or is a draft); list it or link to a module"
                        )
                    } else {
                        suggest::did_you_mean(path, paths.iter().copied()).map_or_else(
                            || "link to a module file listed in course.yaml".to_owned(),
                            |p| format!("did you mean \"{p}\"?"),
                        )
                    };
                    out.push(at(Diagnostic::error(
                        Code::BrokenModuleLink,
                        format!("link to \"{path}\", which is not a module of this course"),
                    )
                    .with_help(help)));
                    return;
                };
                if mentor && target.edition == ModuleEdition::Facilitator {
                    out.push(at(Diagnostic::error(Code::LinkToFacilitatorContent, format!("mentor content links to the facilitator-only module \"{path}\""))
                        .with_help("this link would be broken in the mentor site; move it into a ```facilitator block")));
                    return;
                }
                if let Some(fragment) = fragment {
                    self.anchor(path, fragment, mentor, out, &at);
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
                // A linked file is published: its real place must be in course/.
                if let Err(d) = crate::load::read::check_inside(
                    &project.root.join("course"),
                    Path::new(path),
                    "course/",
                ) {
                    out.push(
                        at(Diagnostic::error(d.code, d.message))
                            .with_help("copy the file into course/ instead of linking to it"),
                    );
                    return;
                }
                if path.to_ascii_lowercase().ends_with(".vtt")
                    && self.captions_checked.insert(path.clone())
                {
                    out.extend(captions::check(&project.root, &relative));
                }
                if !link.is_image && is_active_document(path) {
                    out.push(at(Diagnostic::warning(
                        Code::PublishedAsIs,
                        format!("\"{path}\" is published as it is: any script in it runs when a learner opens it"),
                    )
                    .with_help("link to a PDF or an image instead, or check the file holds no script")));
                }
                if mentor {
                    self.checked.mentor_files.insert(path.clone());
                } else {
                    self.checked.facilitator_files.insert(path.clone());
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

    fn anchor(
        &self,
        path: &str,
        fragment: &str,
        mentor: bool,
        out: &mut Diagnostics,
        at: &dyn Fn(Diagnostic) -> Diagnostic,
    ) {
        let list = self.headings.get(path).copied().unwrap_or_default();
        match list.iter().find(|h| h.id == fragment) {
            Some(h) if mentor && h.facilitator_only => {
                out.push(at(Diagnostic::error(
                    Code::LinkToFacilitatorContent,
                    format!(
                        "mentor content links to \"#{fragment}\", a heading in facilitator notes"
                    ),
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
                        None => {
                            "heading ids are the heading text in lowercase with spaces as dashes"
                                .to_owned()
                        }
                    },
                )));
            }
        }
    }
}

/// Whether a linked file is a document a browser runs scripts in (HTML,
/// SVG, XML), which peerprep publishes as it is, unsanitised.
fn is_active_document(path: &str) -> bool {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(
        extension.as_deref(),
        Some("html" | "htm" | "xhtml" | "svg" | "svgz" | "xml" | "xht")
    )
}
