//! Warnings for content a reviewer should look at: it builds, but a learner
//! may miss something. Images without alt text are found with the other
//! links by [`crate::check`]; the rest is here: modules without outcomes,
//! scenario choices without feedback and helplines with no way to reach them.
//! Scores that reward unsafe choices are checked as scenarios load
//! ([`crate::load::scenario::scores`]), where each score's position is known.

use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::Project;
use crate::load::yaml;

/// Pushes a warning for each of these in `project`.
pub(crate) fn review(project: &Project, out: &mut Diagnostics) {
    for m in &project.modules {
        if m.outcomes.is_empty() && !m.unread.iter().any(|f| f == "outcomes") {
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
}
