//! Session plans that cannot be timed: a module item with neither its own
//! `minutes` nor the module's `duration` (E019); and slides that no deck
//! shows, in a module no session includes (W022).

use crate::compile::Compiled;
use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::Project;
use crate::load::sessions::ItemKind;
use crate::load::yaml;

/// Errors for module items whose length is unknown (no `minutes`, no `duration`).
pub(crate) fn check_timing(project: &Project, out: &mut Diagnostics) {
    let source = &project.config.source;
    for item in project.config.sessions.iter().flat_map(|s| &s.items) {
        let ItemKind::Module(path) = &item.kind else {
            continue;
        };
        let Some(module) = project.module_by_path(path) else {
            continue;
        };
        // A misspelt or wrong `duration:` is reported where it is written.
        let unread = module.unread.iter().any(|f| f == "duration");
        if item.minutes.is_none() && module.duration.is_none() && !unread {
            out.push(
                yaml::locate_str(
                    Diagnostic::error(
                        Code::SessionTiming,
                        format!("module \"{path}\" has no `duration`, so the plan cannot time it"),
                    ),
                    source,
                    &item.at,
                    0,
                )
                .with_help(
                    "add `minutes:` to this item, or `duration:` to the module's front matter",
                ),
            );
        }
    }
}

/// A warning at the first slide of each module that has slides but is in no
/// session: its slides appear only in the whole course's deck.
pub(crate) fn check_slides(project: &Project, compiled: &Compiled, out: &mut Diagnostics) {
    let in_sessions = |path: &str| {
        project
            .config
            .sessions
            .iter()
            .flat_map(|s| &s.items)
            .any(|item| item.kind == ItemKind::Module(path.to_owned()))
    };
    for (module, compiled) in project.modules.iter().zip(compiled.modules()) {
        let Some(first) = compiled.slides.first() else {
            continue;
        };
        if in_sessions(&module.path) {
            continue;
        }
        let n = compiled.slides.len();
        out.push(
            Diagnostic::warning(
                Code::SlideWarning,
                format!(
                    "{n} slide{} in a module that no session includes",
                    if n == 1 { "" } else { "s" }
                ),
            )
            .with_help("add the module to a session under `sessions:` in course.yaml, so its slides are in that session's deck; until then they are only in the whole course's deck (trainer/slides/all.html)")
            .at_offset(&module.source, first.range.start, "```slide".len()),
        );
    }
}
