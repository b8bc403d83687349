//! One row per learner: who they are (their name only when they chose to
//! put it in their file), what they have done, and what is missing before
//! they have finished.
//!
//! Input: the usable exports, in the report's order, each with its quiz
//! results ([`crate::report::answers::Counted`]). Output: a
//! [`Learner`] per export. A learner has finished when every module of the
//! mentor edition is marked complete, every quiz question is answered and
//! every scenario has been played to an ending.
//!
//! A name comes from the learner's own file, so it is hostile text (and so
//! is the file's name): control characters and bidirectional controls are
//! dropped, spaces collapsed and it is cut to [`NAME_CHARS`] characters
//! ([`FILE_CHARS`] for a file's name); the theme escapes it and shows it
//! isolated (`<bdi>`). A file without a name (or with `--anonymous`) is
//! "Learner n", n being its row in the report (files are in the order of
//! their paths, so the same files give the same labels).

use serde::Serialize;

use crate::report::Export;
use crate::report::answers::Counted;
use crate::report::course::Course;
use crate::report::export::Mark;
use crate::ui::{Ui, key};

/// The longest name shown, in characters.
pub(crate) const NAME_CHARS: usize = 60;
/// The longest file name shown, in characters.
pub(crate) const FILE_CHARS: usize = 120;

/// One learner's row.
#[derive(Debug, Serialize)]
pub(crate) struct Learner {
    /// Their name, or "Learner n".
    pub(crate) label: String,
    /// Whether `label` is the name from their file.
    pub(crate) named: bool,
    /// The file's name (not its folder); none when the report is anonymous.
    pub(crate) file: Option<String>,
    /// Modules marked complete.
    pub(crate) modules_done: usize,
    /// Modules in the course.
    pub(crate) modules: usize,
    /// Quiz questions answered right.
    pub(crate) right: usize,
    /// Quiz questions answered.
    pub(crate) answered: usize,
    /// Quiz questions in the course.
    pub(crate) questions: usize,
    /// Scenario endings found (of the course's).
    pub(crate) endings_found: usize,
    /// Scenarios played to at least one ending.
    pub(crate) scenarios_played: usize,
    /// Scenarios in the course (with an ending).
    pub(crate) scenarios: usize,
    /// Whether nothing is missing.
    pub(crate) finished: bool,
    /// Titles of the modules not marked complete.
    pub(crate) missing_modules: Vec<String>,
    /// Questions not answered.
    pub(crate) unanswered: usize,
    /// Titles of the modules with a question not answered.
    pub(crate) unanswered_in: Vec<String>,
    /// Titles of the scenarios not played to an ending.
    pub(crate) unplayed: Vec<String>,
}

/// A name from a learner's file as the report shows it, or None when
/// nothing is left of it.
pub(crate) fn display_name(name: &str) -> Option<String> {
    shown(name, NAME_CHARS)
}

/// Text from outside (a name, a file's name) as the report shows it: without
/// control characters and bidirectional controls, spaces collapsed, at most
/// `max` characters; None when nothing is left.
pub(crate) fn shown(text: &str, max: usize) -> Option<String> {
    let kept: String = text
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some(' '),
            c if c.is_control() || is_bidi_control(c) => None,
            c => Some(c),
        })
        .collect();
    let words: Vec<&str> = kept.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let joined = words.join(" ");
    Some(if joined.chars().count() > max {
        format!(
            "{}…",
            joined.chars().take(max - 1).collect::<String>().trim_end()
        )
    } else {
        joined
    })
}

/// Characters that reorder the text around them (embeddings, overrides,
/// isolates, marks).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The row of one learner, `number` being their row (from 1).
pub(crate) fn learner(
    number: usize,
    export: &Export,
    counted: &Counted,
    course: &Course,
    ui: &Ui,
) -> Learner {
    let data = &export.data;
    let name = export.name.as_deref().and_then(display_name);
    let missing_modules: Vec<String> = course
        .modules
        .iter()
        .filter(|m| !data.complete.get(&m.slug).is_some_and(Mark::is_set))
        .map(|m| m.title.clone())
        .collect();
    let mut unanswered_in: Vec<String> = Vec::new();
    for (q, answer) in course.questions.iter().zip(&counted.answers) {
        let title = &course.modules[q.module].title;
        if answer.is_none() && unanswered_in.last() != Some(title) {
            unanswered_in.push(title.clone());
        }
    }
    let mut endings_found = 0;
    let mut unplayed = Vec::new();
    for s in &course.scenarios {
        let found = data.scenarios.get(&s.id).map_or(0, |list| {
            s.endings.iter().filter(|e| list.contains(&e.id)).count()
        });
        endings_found += found;
        if found == 0 && !s.endings.is_empty() {
            unplayed.push(s.title.clone());
        }
    }
    let unanswered = course.questions.len() - counted.answered();
    Learner {
        named: name.is_some(),
        label: name.unwrap_or_else(|| {
            ui.get(key!("report_learner"))
                .replace("{n}", &number.to_string())
        }),
        file: export.file.as_deref().and_then(|f| shown(f, FILE_CHARS)),
        modules_done: course.modules.len() - missing_modules.len(),
        modules: course.modules.len(),
        right: counted.right(),
        answered: counted.answered(),
        questions: course.questions.len(),
        endings_found,
        scenarios_played: course.playable() - unplayed.len(),
        scenarios: course.playable(),
        finished: missing_modules.is_empty() && unanswered == 0 && unplayed.is_empty(),
        missing_modules,
        unanswered,
        unanswered_in,
        unplayed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_loses_its_controls_and_long_names_are_cut() {
        assert_eq!(
            display_name("  Amira\t\u{1b}[2J Khan\u{202e} ").as_deref(),
            Some("Amira [2J Khan")
        );
        assert_eq!(display_name("\u{202e}\n "), None);
        assert_eq!(
            shown("a\u{2066}b\u{7}.json", FILE_CHARS).as_deref(),
            Some("ab.json")
        );
        let long = display_name(&"Zoë ".repeat(40)).unwrap();
        assert!(long.chars().count() <= NAME_CHARS);
        assert!(long.ends_with('…'));
    }
}
