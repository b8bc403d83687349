//! Interface strings: every word the theme shows that is not course content,
//! in one table that `ui:` in course.yaml can override key by key.

use std::collections::BTreeMap;

use serde::Serialize;

/// The default (English) interface strings, by key.
pub(crate) const DEFAULTS: &[(&str, &str)] = &[
    ("skip_to_content", "Skip to main content"),
    ("home", "Course home"),
    ("contents", "Contents"),
    ("all_modules", "All modules"),
    ("modules", "Modules"),
    ("module", "Module"),
    ("module_of", "Module {n} of {total}"),
    ("modules_done", "{done} of {total} modules done"),
    ("module_done", "done"),
    ("last_module", "You have reached the last module"),
    ("see_progress", "See your progress"),
    ("previous", "Previous"),
    ("next", "Next"),
    ("minutes", "min"),
    ("hours_short", "h"),
    ("total_time", "Total time"),
    ("outcomes", "By the end of this module you can"),
    ("competencies", "Skills you will practise"),
    ("skills", "Skills"),
    ("content_note", "Content note"),
    (
        "untranslated",
        "This page has not been translated yet, so it is shown in the language the course was written in.",
    ),
    ("support_heading", "Need help now?"),
    ("support_more", "All support contacts"),
    ("support_show", "Who can help"),
    ("menu", "Menu"),
    ("languages", "Languages"),
    ("support_page_title", "Support and contacts"),
    (
        "support_intro",
        "If you or someone you are supporting needs help, these people and services are here.",
    ),
    ("in_school", "People you can talk to"),
    ("search", "Search"),
    ("search_label", "Search the course"),
    ("search_all", "Every module and its headings"),
    ("search_none", "Nothing found for “{query}”."),
    ("search_one", "1 result for “{query}”."),
    ("search_many", "{count} results for “{query}”."),
    ("search_in", "in"),
    (
        "search_needs_js",
        "Searching needs JavaScript, which is off. Every module and heading is listed below.",
    ),
    ("not_found_title", "Page not found"),
    (
        "not_found_text",
        "There is no page at this address. It may have moved, or the link may be mistyped.",
    ),
    ("services", "Helplines and services"),
    ("checked", "Contact details last checked"),
    ("facilitator_note", "Facilitator note"),
    ("task_todo", "To do"),
    ("question", "Question"),
    ("report_title", "Cohort impact report"),
    ("report_learners", "Progress files"),
    (
        "report_csv",
        "The same tables are in the CSV files beside this page, for a spreadsheet.",
    ),
    ("report_modules", "Modules completed"),
    ("report_questions", "Quiz questions answered right"),
    ("report_competencies", "Quiz answers right, by skill"),
    ("report_endings", "Scenario endings reached"),
    ("report_right", "Right"),
    ("report_reached", "Reached"),
    ("report_statement", "Statement"),
    ("report_change", "Mean change"),
    ("report_pairs", "Rated twice"),
    ("report_people", "Learners"),
    (
        "report_people_intro",
        "One row for each progress file. A name is shown only where the learner chose to include it in their file; everyone else is numbered, in the order of the files' names.",
    ),
    ("report_learner", "Learner {n}"),
    ("report_learner_heading", "Learner"),
    ("report_file", "File"),
    ("report_modules_done", "Modules done"),
    ("report_quiz_score", "Quiz score"),
    ("report_endings_found", "Endings found"),
    ("report_n_of", "{count} of {total}"),
    ("report_right_of", "{right} of {answered} right"),
    ("report_unanswered", "{count} not answered"),
    (
        "report_scenarios_played",
        "{count} of {total} scenarios played",
    ),
    ("report_show_table", "The same figures as a table"),
    ("report_finished", "Finished"),
    ("report_answers_right", "Quiz answers right"),
    ("report_not_finished", "Who has not finished"),
    (
        "report_finished_means",
        "Finished means every module marked complete, every quiz question answered and every scenario played to an ending.",
    ),
    ("report_all_finished", "Everyone has finished."),
    ("report_missing_modules", "Modules not marked complete"),
    ("report_missing_questions", "Quiz questions not answered"),
    ("report_missing_in", "in"),
    ("report_missing_scenarios", "Scenarios not played"),
    ("report_figure", "{percent}% ({count} of {total})"),
    ("report_not_practised", "not practised yet"),
    ("report_not_answered", "not answered yet"),
    ("report_not_in_course", "no longer in the course"),
    (
        "report_blanks_set_aside",
        "{count} quiz results from older progress files are not counted: in each quiz they belong to, every question was recorded wrong at the same moment, which is what checking a quiz with nothing filled in recorded before.",
    ),
    ("report_skill", "Skill"),
    ("report_scenario", "Scenario"),
    ("report_kind", "Kind of ending"),
    ("progress", "Your progress"),
    ("certificate", "Certificate"),
    (
        "progress_privacy",
        "Your progress is kept only in this browser, on this device. Nothing is sent anywhere. You can save it to a file (to move it, or to hand it to your facilitator), load it back, or clear it.",
    ),
    (
        "progress_needs_js",
        "This page shows the modules you have visited and completed, your quiz results, the scenario endings you have found and your self-assessment, and lets you save them to a file, load them back or clear them. All of that needs JavaScript, because your progress is kept only in your own browser.",
    ),
    (
        "storage_unavailable",
        "This browser is not keeping your progress (private browsing, or storage is turned off). Everything still works, but nothing is saved when you leave.",
    ),
    ("module_status", "Status"),
    ("visited", "Visited"),
    ("completed", "Completed"),
    ("not_started", "Not started"),
    ("progress_modules_done", "Modules done: {done} of {total}"),
    ("progress_quiz_right", "{right} of {total} right"),
    (
        "progress_skill_right",
        "{right} of {total} right ({percent}%)",
    ),
    ("progress_endings_found", "{found} of {total} endings found"),
    ("mark_complete", "Mark this module as complete"),
    ("quiz_results", "Quiz results"),
    ("by_competency", "By skill (quiz answers right)"),
    ("self_assessment", "Self-assessment"),
    (
        "self_assessment_intro",
        "Rate each statement from 1 (not at all) to 5 (completely), at the start of the course and again at the end.",
    ),
    ("at_start", "At the start"),
    ("at_end", "At the end"),
    ("export_heading", "Save, load or clear your progress"),
    ("include_reflections", "Include my reflections in the file"),
    ("include_name", "Include my name in the file"),
    ("export", "Save progress to a file"),
    ("import", "Load progress from a file"),
    ("clear", "Clear all my progress"),
    (
        "clear_confirm",
        "Clear all your progress in this browser? This cannot be undone.",
    ),
    ("import_done", "Progress loaded."),
    (
        "import_bad",
        "That file is not a progress file for this course:",
    ),
    (
        "import_too_big",
        "That file does not fit in the space this browser gives the course, so nothing was loaded: your progress is as it was.",
    ),
    (
        "import_not_saved",
        "This browser is not keeping progress (private browsing, or storage is turned off), so nothing was loaded.",
    ),
    ("cleared", "All progress cleared."),
    ("your_name", "Your name"),
    (
        "certificate_needs_js",
        "With JavaScript, this page fills in your name and the modules you have completed. Without it, print the page and write your name on the line.",
    ),
    ("print", "Print"),
    ("page_footer", "Page {page} of {pages}"),
    ("certificate_title", "Certificate of completion"),
    ("certificate_text", "This is to certify that"),
    ("certificate_completed", "has completed"),
    ("certificate_modules", "Modules completed"),
    ("certificate_date", "Date"),
    ("reflection_label", "Your reflection"),
    (
        "reflection_note",
        "Saved only in this browser, as you type. Nobody else can see it.",
    ),
    ("choose_all", "Choose all that apply."),
    ("true", "True"),
    ("false", "False"),
    ("your_answer", "Your answer"),
    ("show_answer", "Show the answer"),
    ("correct_answer", "The answer:"),
    ("option_feedback", "Feedback on each option:"),
    ("workbook", "Workbook"),
    ("mentor_name", "Name"),
    ("training_dates", "Training dates"),
    (
        "workbook_print_hint",
        "To print this document, use your browser's Print command. Each module starts on a new page.",
    ),
    ("workbook_scenarios", "Scenarios to discuss"),
    (
        "workbook_scenarios_intro",
        "Read each situation, talk about the options with a partner, then write what you would say.",
    ),
    ("workbook_options", "Some things you could say or do"),
    ("workbook_your_words", "What would you say? Why?"),
    ("notes", "Notes"),
    ("trainer_home", "Facilitator home"),
    (
        "trainer_intro",
        "Everything you need to run the training: the guide, session plans, answer keys, scenario maps, role-play cards and printable templates.",
    ),
    ("trainer_running", "Running the training"),
    ("guide", "Facilitator's guide"),
    ("guide_empty_short", "no guide modules yet"),
    (
        "guide_empty",
        "The guide is made of modules marked \"edition: facilitator\". This course has none yet.",
    ),
    ("session_plans", "Session plans"),
    ("sessions_empty_short", "none planned yet"),
    (
        "sessions_empty",
        "No sessions are planned yet. List them under \"sessions:\" in course.yaml.",
    ),
    ("answer_keys", "Answer keys"),
    ("answers_empty", "This course has no quizzes yet."),
    ("questions_count", "questions"),
    ("open_module", "Open the module"),
    ("trainer_scenarios", "Scenario maps and role-play cards"),
    ("templates", "Printable templates"),
    (
        "templates_intro",
        "The templates are filled in from \"scheme:\" in course.yaml. For certificates with names on them, run: peerprep certificates names.csv",
    ),
    ("template_application_form", "Mentor application form"),
    ("template_poster", "Recruitment poster"),
    ("template_register", "Attendance register"),
    ("template_supervision_log", "Supervision and debrief log"),
    ("template_certificate", "Attendance certificate"),
    ("template_print_hint", "Print this page to use it on paper."),
    (
        "certificates_command_hint",
        "Print it and write the name in, or run \"peerprep certificates names.csv\" to make one per mentor.",
    ),
    ("certificate_attendance_title", "Certificate of attendance"),
    ("certificate_attended", "has taken part in the training for"),
    ("signed", "Signed"),
    ("all_certificates", "Certificates"),
    (
        "certificates_all",
        "Every certificate on one page, to print",
    ),
    ("certificates_pdf", "Every certificate in one PDF"),
    ("materials", "Materials"),
    ("running_order", "Running order"),
    ("time", "Time"),
    ("item", "Item"),
    ("minutes_long", "Minutes"),
    (
        "months",
        "January February March April May June July August September October November December",
    ),
    ("check_answers", "Check answers"),
    ("try_again", "Try again"),
    ("quiz_correct", "Correct."),
    ("quiz_incorrect", "Not quite."),
    ("quiz_score", "You got {score} of {total}."),
    ("quiz_blank", "Not answered."),
    ("scenario_label", "Role-play scenario"),
    ("scenarios", "Scenarios"),
    (
        "scenarios_intro",
        "Practise hard conversations: choose what you would say and see where it leads. Every choice shows feedback.",
    ),
    ("all_scenarios", "All scenarios"),
    ("scenario_start", "Start the scenario"),
    ("choices_heading", "What do you do?"),
    ("you_chose", "You chose"),
    ("feedback", "Feedback"),
    ("continue", "Continue"),
    ("back", "Back one step"),
    ("restart", "Start again"),
    ("debrief", "Debrief"),
    ("your_path", "The path you took"),
    ("practised", "Skills you practised"),
    ("ending", "Ending"),
    ("ending_positive", "Good practice ending"),
    ("ending_mixed", "Mixed ending"),
    ("ending_negative", "Poor practice ending"),
    ("escalates", "Concern passed on"),
    ("endings_found", "Endings you have found"),
    ("narrator", "What happens"),
    ("steps", "steps"),
    ("scenario_map", "Scenario map"),
    (
        "map_key",
        "Read from the top down; each arrow is a choice, numbered as at its step. Endings: rounded, good practice; six-sided, mixed; eight-sided with a dashed edge, poor practice. A double border: the concern is passed on.",
    ),
    ("roleplay_cards", "Role-play cards"),
    ("facilitator_notes", "Facilitator notes"),
    ("all_nodes", "Every step, choice and piece of feedback"),
    ("goes_to", "goes to"),
    ("mentor_card", "Mentor's card"),
    ("mentee_card", "Mentee's card"),
    ("observer_card", "Observer's checklist"),
    ("will_say", "Will say if asked well"),
    ("will_not_say", "Holds back unless they feel safe"),
    ("reacts_well_to", "Reacts well to"),
    ("reacts_badly_to", "Reacts badly to"),
    ("task_done", "Done"),
    ("facilitator_edition", "Facilitator edition"),
    ("facilitator_only", "Facilitator-only module"),
    ("start_course", "Start the course"),
    ("start_module", "Start"),
    ("contents_more", "Showing nearby modules."),
    ("made_with", "Made with peerprep"),
    ("where", "Where"),
    ("when", "When"),
    ("website", "Website"),
];

/// The strings in force for one course: the defaults with `ui:` applied.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub(crate) struct Ui(BTreeMap<String, String>);

impl Ui {
    /// The defaults with the given overrides applied. Keys must be known.
    pub(crate) fn with_overrides<'a>(
        overrides: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Self {
        let mut map: BTreeMap<String, String> = DEFAULTS
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        for (key, value) in overrides {
            map.insert(key.to_owned(), value.to_owned());
        }
        Self(map)
    }

    /// Whether `key` is an interface string.
    pub(crate) fn is_known(key: &str) -> bool {
        DEFAULTS.iter().any(|(k, _)| *k == key)
    }

    /// Every key, for "did you mean" hints.
    pub(crate) fn keys() -> Vec<&'static str> {
        DEFAULTS.iter().map(|(k, _)| *k).collect()
    }

    /// One string. Keys are checked when the program is compiled ([`key!`]).
    pub(crate) fn get(&self, key: Key) -> &str {
        self.0.get(key.0).map_or(key.0, String::as_str)
    }
}

/// The key of an interface string, made only by [`key!`], which checks
/// while the program is compiled that the table has it: a typo is a build
/// error, never a silent echo of the key on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key(&'static str);

impl Key {
    /// The key named `name`; fails to compile (in a `const`) when unknown.
    pub(crate) const fn checked(name: &'static str) -> Self {
        assert!(is_key(name), "unknown interface string key");
        Key(name)
    }

    /// Its name, as `ui:` in course.yaml writes it.
    pub(crate) fn name(self) -> &'static str {
        self.0
    }
}

/// Whether `name` is a key of the table (usable in `const`).
const fn is_key(name: &str) -> bool {
    let mut i = 0;
    while i < DEFAULTS.len() {
        if same(DEFAULTS[i].0.as_bytes(), name.as_bytes()) {
            return true;
        }
        i += 1;
    }
    false
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The [`Key`] of an interface string, checked while compiling:
/// `ui.get(key!("next"))`.
macro_rules! key {
    ($name:literal) => {{
        const KEY: $crate::ui::Key = $crate::ui::Key::checked($name);
        KEY
    }};
}
pub(crate) use key;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_replace_only_their_key() {
        let ui = Ui::with_overrides([("next", "Suivant")]);
        assert_eq!(ui.get(key!("next")), "Suivant");
        assert_eq!(ui.get(key!("previous")), "Previous");
        assert!(Ui::is_known("contents"));
        assert!(!Ui::is_known("nxt"));
    }

    #[test]
    fn every_key_is_documented_in_the_readme() {
        let readme = include_str!("../README.md");
        for (key, value) in DEFAULTS {
            assert!(
                readme.contains(&format!("| `{key}` | {value} |")),
                "README lacks the ui key {key}"
            );
        }
    }
}
