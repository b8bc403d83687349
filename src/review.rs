//! Warnings for content a reviewer should look at: it builds, but a learner
//! may miss something. Images without alt text are found with the other
//! links by [`crate::validate`]; the rest is here: modules without outcomes,
//! scenario choices without feedback, helplines with no way to reach them,
//! and `{{ variables }}` in plain-text fields, which are shown as written.

use std::ops::RangeInclusive;

use crate::codes::Code;
use crate::compile::Compiled;
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
        out.push(plain_text_variable(name).at_offset(source, range.start, range.len()));
    }
}

/// The W013 warning for `{{ name }}`, not yet located.
fn plain_text_variable(name: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::PlainTextVariable,
        format!("\"{{{{ {name} }}}}\" is shown as written here: this field is plain text"),
    )
    .with_help("write the value itself: variables are filled in only in Markdown text")
}

/// W013 for the plain-text parts of quizzes and reflections in module bodies:
/// option `text`, `accept` answers and reflection prompts.
pub fn plain_text_quiz_variables(project: &Project, compiled: &Compiled, out: &mut Diagnostics) {
    for (m, quizzes) in project.modules.iter().zip(compiled.quizzes()) {
        let text = &m.source.text;
        for quiz in &quizzes.quizzes {
            for q in &quiz.questions {
                let from = m
                    .source
                    .line_start(q.id.referenced.line() as usize + quiz.line_offset);
                let plain = q
                    .options
                    .iter()
                    .map(|o| o.text.as_str())
                    .chain(q.accept.iter().map(String::as_str));
                for field in plain {
                    for (name, range) in variables::placeholders(field) {
                        let written = &field[range];
                        // Where it is written in the file: the first time after the question's id.
                        let at = text[from.min(text.len())..].find(written).map(|i| from + i);
                        out.push(match at {
                            Some(at) => {
                                plain_text_variable(name).at_offset(&m.source, at, written.len())
                            }
                            None => yaml::locate_str(
                                plain_text_variable(name),
                                &m.source,
                                &q.id,
                                quiz.line_offset,
                            ),
                        });
                    }
                }
            }
        }
        for prompt in &quizzes.reflections {
            for (name, range) in variables::placeholders(&prompt.prompt) {
                let written = &prompt.prompt[range];
                let d = plain_text_variable(name);
                // A prompt has no recorded place: find it as written, else name the file.
                out.push(match text.find(&prompt.prompt) {
                    Some(at) => {
                        let at = text[at..].find(written).map_or(at, |i| at + i);
                        d.at_offset(&m.source, at, written.len())
                    }
                    None => d.in_file(&m.source.path),
                });
            }
        }
    }
}
