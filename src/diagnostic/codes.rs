//! The stable diagnostic codes. Each one is listed, with the same words, in the
//! README's table of codes (a test checks that the two agree).

/// A stable code for each kind of problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Code {
    /// YAML that cannot be parsed.
    YamlSyntax,
    /// A field that peerprep does not know.
    UnknownField,
    /// A required field is missing.
    MissingField,
    /// A value of the wrong type or form.
    InvalidValue,
    /// The same key twice in one YAML mapping.
    DuplicateKey,
    /// A file that is not UTF-8 text.
    NotUtf8,
    /// A file over the size limit.
    FileTooLarge,
    /// YAML nested too deeply or with too many aliases.
    YamlTooComplex,
    /// A file that could not be read.
    Unreadable,
    /// An id or slug that does not match `[a-z0-9][a-z0-9-]*`.
    InvalidId,
    /// An id or slug that the site itself uses.
    ReservedSlug,
    /// Two modules with the same slug.
    DuplicateSlug,
    /// A module listed in course.yaml whose file is missing.
    ModuleMissing,
    /// A module listed twice in course.yaml.
    ModuleListedTwice,
    /// A module without front matter, or whose front matter never closes.
    FrontMatter,
    /// A competency id that course.yaml does not declare.
    UnknownCompetency,
    /// An empty course (no modules to build).
    NoModules,
    /// A session item naming a module that `modules:` does not list.
    UnknownSessionModule,
    /// A session item whose length is unknown (an activity without `minutes`, a module without `duration`).
    SessionTiming,
    /// `{{ name }}` with no such variable.
    UndefinedVariable,
    /// A brand colour with too little contrast against what it is drawn with.
    LowContrast,
    /// A profile id that course.yaml does not declare (in `--profile`, `profiles:`, `not_profiles:` or a ```` ```only ```` block).
    UnknownProfile,
    /// A translated scenario or module whose ids differ from the original's (nodes, choices, questions).
    TranslationDiffers,
    /// A ```` ```media ```` block peerprep cannot show: a video without captions, audio without a transcript, or a file that is not a video or audio file under `course/`.
    MediaBlock,
    /// A captions file that is not valid WebVTT.
    InvalidCaptions,
    /// A ```` ```slide ```` problem: notes with no slide before them, an empty slide, or a quiz, scenario, facilitator note or slide inside a slide.
    SlideBlock,
    /// A scenario's `start` names no node.
    UnknownStart,
    /// A choice goes to a node that does not exist.
    UnknownNode,
    /// A scenario node that cannot be reached from `start`.
    UnreachableNode,
    /// A scenario node with no choices that is not an ending.
    NoChoices,
    /// A scenario ending that has choices.
    EndingWithChoices,
    /// A scenario node from which no ending can be reached (a trap loop).
    TrapNode,
    /// A scenario with no positive ending.
    NoPositiveEnding,
    /// A safeguarding scenario with a good ending reachable without escalating.
    SafeguardingRule,
    /// A scenario over the size limits (500 nodes, 10 choices per node).
    ScenarioTooLarge,
    /// A ```` ```scenario ```` block naming no scenario, or a malformed block.
    UnknownScenario,
    /// A quiz question or reflection prompt that breaks a rule (answers, options, empty prompt, repeated id).
    InvalidQuiz,
    /// A quiz, reflection, scenario or facilitator block where it cannot be shown (in a list, quote or footnote; a quiz in a scenario).
    MisplacedBlock,
    /// A link to a Markdown file that is not a module of the course.
    BrokenModuleLink,
    /// A link to a heading that does not exist.
    BrokenAnchor,
    /// An image or file that does not exist.
    MissingFile,
    /// A link that leaves the course folder, or an absolute path.
    LinkOutsideCourse,
    /// Mentor content that links to facilitator-only content.
    LinkToFacilitatorContent,
    /// A symlink that leads outside the project.
    SymlinkOutsideProject,
    /// No export file given to `report` can be used.
    NoUsableExport,
    /// A names file for `certificates` that cannot be used (no `name` column, a malformed row, an empty name).
    InvalidNamesFile,
    /// A theme template that fails to load or render.
    Template,
    /// A theme asset that cannot be read.
    ThemeFile,
    /// A module file in course/ that `modules:` does not list.
    ModuleNotListed,
    /// A draft module that `modules:` still lists.
    DraftListed,
    /// A heading id given twice on one page.
    DuplicateHeadingId,
    /// A scenario node with only one choice.
    OneChoice,
    /// A safeguarding scenario without a content note.
    NoContentNote,
    /// A quiz question without a competency.
    QuizNoCompetency,
    /// An export file `report` could not use (bad JSON, another course, another version).
    ExportSkipped,
    /// A link in a built page (from a theme template) that leads to no page or heading.
    BrokenThemeLink,
    /// An image without alt text.
    ImageNoAlt,
    /// A module without outcomes.
    ModuleNoOutcomes,
    /// A scenario choice without feedback.
    ChoiceNoFeedback,
    /// A helpline or service with no way to contact it.
    ServiceNoContact,
    /// A module file name its default slug cannot spell: letters with no
    /// spelling in a–z, or only emoji or symbols beside any number.
    SlugDropsLetters,
    /// A scenario choice that scores below zero in safeguarding or confidentiality but above zero elsewhere.
    UnsafeChoiceRewarded,
    /// A list item indented one step too far, read as more of the text above it.
    FoldedListItem,
    /// A linked `.html` or `.svg` file, published as it is (its scripts run).
    PublishedAsIs,
    /// A quiz question that `package` cannot put in a format whole (left out, or its image left out).
    NotExported,
    /// A translation profile with no translation of a module or scenario: the original is used.
    TranslationMissing,
    /// An interface string a language pack lacks (English is shown), or a language with no pack.
    PackKeyMissing,
    /// A language pack marked `reviewed: false`: nobody fluent has checked it.
    UnreviewedPack,
    /// A `<video>`, `<audio>` or `<iframe>` written as HTML in Markdown: it is removed from the page.
    RawMedia,
    /// A slide too long to read from the back of the room, or slides in a module no session includes.
    SlideWarning,
    /// A glossary entry that breaks a rule: a term or alias given twice, an empty definition, a `see:` naming no term.
    GlossaryEntry,
    /// A glossary term that no module page uses.
    UnusedTerm,
}

impl Code {
    /// Every code, in README order.
    #[cfg(test)]
    pub(crate) const ALL: &'static [Code] = &[
        Code::YamlSyntax,
        Code::UnknownField,
        Code::MissingField,
        Code::InvalidValue,
        Code::DuplicateKey,
        Code::NotUtf8,
        Code::FileTooLarge,
        Code::YamlTooComplex,
        Code::Unreadable,
        Code::InvalidId,
        Code::ReservedSlug,
        Code::DuplicateSlug,
        Code::ModuleMissing,
        Code::ModuleListedTwice,
        Code::FrontMatter,
        Code::UnknownCompetency,
        Code::NoModules,
        Code::UnknownSessionModule,
        Code::SessionTiming,
        Code::UndefinedVariable,
        Code::LowContrast,
        Code::UnknownProfile,
        Code::TranslationDiffers,
        Code::UnknownStart,
        Code::UnknownNode,
        Code::UnreachableNode,
        Code::NoChoices,
        Code::EndingWithChoices,
        Code::TrapNode,
        Code::NoPositiveEnding,
        Code::SafeguardingRule,
        Code::ScenarioTooLarge,
        Code::UnknownScenario,
        Code::InvalidQuiz,
        Code::MisplacedBlock,
        Code::BrokenModuleLink,
        Code::BrokenAnchor,
        Code::MissingFile,
        Code::LinkOutsideCourse,
        Code::LinkToFacilitatorContent,
        Code::BrokenThemeLink,
        Code::SymlinkOutsideProject,
        Code::NoUsableExport,
        Code::InvalidNamesFile,
        Code::Template,
        Code::ThemeFile,
        Code::ModuleNotListed,
        Code::DraftListed,
        Code::DuplicateHeadingId,
        Code::OneChoice,
        Code::NoContentNote,
        Code::QuizNoCompetency,
        Code::ExportSkipped,
        Code::ImageNoAlt,
        Code::ModuleNoOutcomes,
        Code::ChoiceNoFeedback,
        Code::ServiceNoContact,
        Code::SlugDropsLetters,
        Code::UnsafeChoiceRewarded,
        Code::FoldedListItem,
        Code::PublishedAsIs,
        Code::NotExported,
        Code::TranslationMissing,
        Code::PackKeyMissing,
        Code::UnreviewedPack,
        Code::MediaBlock,
        Code::InvalidCaptions,
        Code::RawMedia,
        Code::SlideBlock,
        Code::SlideWarning,
        Code::GlossaryEntry,
        Code::UnusedTerm,
    ];

    /// The code as printed, e.g. `E002`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Code::YamlSyntax => "E001",
            Code::UnknownField => "E002",
            Code::MissingField => "E003",
            Code::InvalidValue => "E004",
            Code::DuplicateKey => "E005",
            Code::NotUtf8 => "E006",
            Code::FileTooLarge => "E007",
            Code::YamlTooComplex => "E008",
            Code::Unreadable => "E009",
            Code::InvalidId => "E010",
            Code::ReservedSlug => "E011",
            Code::DuplicateSlug => "E012",
            Code::ModuleMissing => "E013",
            Code::ModuleListedTwice => "E014",
            Code::FrontMatter => "E015",
            Code::UnknownCompetency => "E016",
            Code::NoModules => "E017",
            Code::UnknownSessionModule => "E018",
            Code::SessionTiming => "E019",
            Code::UndefinedVariable => "E020",
            Code::LowContrast => "E021",
            Code::UnknownProfile => "E022",
            Code::TranslationDiffers => "E023",
            Code::UnknownStart => "E030",
            Code::UnknownNode => "E031",
            Code::UnreachableNode => "E032",
            Code::NoChoices => "E033",
            Code::EndingWithChoices => "E034",
            Code::TrapNode => "E035",
            Code::NoPositiveEnding => "E036",
            Code::SafeguardingRule => "E037",
            Code::ScenarioTooLarge => "E038",
            Code::UnknownScenario => "E039",
            Code::InvalidQuiz => "E025",
            Code::MisplacedBlock => "E026",
            Code::BrokenModuleLink => "E040",
            Code::BrokenAnchor => "E041",
            Code::MissingFile => "E042",
            Code::LinkOutsideCourse => "E043",
            Code::LinkToFacilitatorContent => "E044",
            Code::SymlinkOutsideProject => "E050",
            Code::NoUsableExport => "E070",
            Code::InvalidNamesFile => "E071",
            Code::Template => "E060",
            Code::ThemeFile => "E061",
            Code::ModuleNotListed => "W001",
            Code::DraftListed => "W002",
            Code::DuplicateHeadingId => "W003",
            Code::OneChoice => "W004",
            Code::NoContentNote => "W005",
            Code::QuizNoCompetency => "W006",
            Code::ExportSkipped => "W007",
            Code::BrokenThemeLink => "E045",
            Code::ImageNoAlt => "W008",
            Code::ModuleNoOutcomes => "W009",
            Code::ChoiceNoFeedback => "W010",
            Code::ServiceNoContact => "W011",
            Code::SlugDropsLetters => "W012",
            Code::UnsafeChoiceRewarded => "W014",
            Code::FoldedListItem => "W015",
            Code::PublishedAsIs => "W016",
            Code::NotExported => "W017",
            Code::TranslationMissing => "W025",
            Code::PackKeyMissing => "W018",
            Code::UnreviewedPack => "W019",
            Code::MediaBlock => "E027",
            Code::InvalidCaptions => "E028",
            Code::RawMedia => "W020",
            Code::SlideBlock => "E046",
            Code::SlideWarning => "W022",
            Code::GlossaryEntry => "E024",
            Code::UnusedTerm => "W021",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "{s} used twice");
            assert_eq!(s.len(), 4);
            assert!(s.starts_with('E') || s.starts_with('W'));
        }
    }

    #[test]
    fn every_code_is_documented_in_the_readme() {
        let readme = include_str!("../../README.md");
        for code in Code::ALL {
            let row = format!("| `{}` |", code.as_str());
            assert!(
                readme.contains(&row),
                "README lacks a row for {}",
                code.as_str()
            );
        }
    }
}
