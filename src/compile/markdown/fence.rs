//! The fenced blocks of a module that are not code: peerprep's own blocks
//! (quizzes, reflections, scenario cards, media, facilitator notes, `only`
//! blocks, slides and their notes), named by the first word of the info string.

/// The fenced blocks that are not code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fence {
    Facilitator,
    Scenario,
    Quiz,
    Reflection,
    Media,
    Only,
    Slide,
    SlideNotes,
}

impl Fence {
    pub(super) fn of(info: &str) -> Option<Self> {
        match info.split_whitespace().next() {
            Some("facilitator") => Some(Fence::Facilitator),
            Some("scenario") => Some(Fence::Scenario),
            Some("quiz") => Some(Fence::Quiz),
            Some("reflection") => Some(Fence::Reflection),
            Some("media") => Some(Fence::Media),
            Some("only") => Some(Fence::Only),
            Some("slide") => Some(Fence::Slide),
            Some("slide-notes") => Some(Fence::SlideNotes),
            _ => None,
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Fence::Facilitator => "facilitator",
            Fence::Scenario => "scenario",
            Fence::Quiz => "quiz",
            Fence::Reflection => "reflection",
            Fence::Media => "media",
            Fence::Only => "only",
            Fence::Slide => "slide",
            Fence::SlideNotes => "slide-notes",
        }
    }
}
