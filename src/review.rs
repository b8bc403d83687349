//! Warnings for content a reviewer should look at: it builds, but a learner
//! may miss something. Images without alt text are found with the other
//! links by [`crate::validate`]; the rest is here: modules without outcomes,
//! scenario choices without feedback, helplines with no way to reach them,
//! and `{{ variables }}` in plain-text fields, which are shown as written.

use std::ops::RangeInclusive;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::project::Project;
use crate::scenario::Scenario;
use crate::source::SourceFile;
use crate::variables;
use crate::yaml::{self, Spanned};

/// Pushes a warning for each of these in `project`.
pub fn review(project: &Project, out: &mut Diagnostics) {
    for m in &project.modules {
        if m.outcomes.is_empty() {
            out.push(
                Diagnostic::warning(
                    Code::ModuleNoOutcomes,
                    format!("module \"{}\" has no outcomes", m.title),
                )
                .at(&m.source, 1, 1, 3)
                .with_help(
                    "add `outcomes:` to the front matter: what a mentor can do after this module",
                ),
            );
        }
    }
    for s in &project.scenarios {
        for node in &s.nodes {
            for choice in node.choices.iter().filter(|c| c.feedback.is_none()) {
                out.push(
                    yaml::locate_str(
                        Diagnostic::warning(
                            Code::ChoiceNoFeedback,
                            format!("choice \"{}\" has no feedback", choice.label),
                        ),
                        &s.source,
                        &choice.goto,
                        0,
                    )
                    .with_help("add `feedback:` saying why this choice is or is not good practice"),
                );
            }
        }
    }
    let config = &project.config;
    for service in &config.support.services {
        let no_how = service.how.as_deref().is_none_or(|h| h.trim().is_empty());
        if no_how && service.url.is_none() {
            out.push(
                yaml::locate_str(
                    Diagnostic::warning(
                        Code::ServiceNoContact,
                        format!("\"{}\" has no way to contact it", service.name.value),
                    ),
                    &config.source,
                    &service.name,
                    0,
                )
                .with_help(
                    "add `how:` (e.g. \"Call 0800 1111\") or `url:`, so a mentor can pass it on",
                ),
            );
        }
    }
    plain_text_variables(project, out);
}

/// `{{ name }}` where nothing fills it in: anywhere in a module's front
/// matter, and in a scenario file outside its Markdown fields (SPEC:
/// titles, labels, names and summaries are plain text).
fn plain_text_variables(project: &Project, out: &mut Diagnostics) {
    for m in &project.modules {
        let front = &m.source.text[..m.body_start];
        warn_placeholders(&m.source, front, &[], out);
    }
    for s in &project.scenarios {
        let markdown: Vec<RangeInclusive<usize>> = markdown_fields(s)
            .map(|field| {
                let (first, _) = crate::scenario::markdown::position(&s.source, field, 0);
                let end = field.value.trim_end().len();
                let (last, _) = crate::scenario::markdown::position(&s.source, field, end);
                first..=last
            })
            .collect();
        warn_placeholders(&s.source, &s.source.text, &markdown, out);
    }
}

/// The Markdown fields of a scenario, where variables are filled in.
fn markdown_fields(s: &Scenario) -> impl Iterator<Item = &Spanned<String>> {
    s.facilitator_notes
        .iter()
        .chain(s.nodes.iter().flat_map(|n| {
            std::iter::once(&n.text)
                .chain(&n.debrief)
                .chain(n.choices.iter().filter_map(|c| c.feedback.as_ref()))
        }))
}

/// Warns of each placeholder in `text` (the start of `source`) that is not
/// on a comment line or on one of the `skip` lines.
fn warn_placeholders(
    source: &SourceFile,
    text: &str,
    skip: &[RangeInclusive<usize>],
    out: &mut Diagnostics,
) {
    for (name, range) in variables::placeholders(text) {
        let (line, _) = source.line_col(range.start);
        let comment = source
            .line_text(line)
            .is_some_and(|l| l.trim_start().starts_with('#'));
        if comment || skip.iter().any(|r| r.contains(&line)) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                Code::PlainTextVariable,
                format!("\"{{{{ {name} }}}}\" is shown as written here: this field is plain text"),
            )
            .at_offset(source, range.start, range.len())
            .with_help("write the value itself: variables are filled in only in Markdown text"),
        );
    }
}
