//! Session plans that cannot be timed: a module item with neither its own
//! `minutes` nor the module's `duration` (E019).

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
