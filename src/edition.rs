//! The two editions built from one course: the mentor site and the
//! facilitator (train-the-trainer) pack.

use serde::{Deserialize, Serialize};

/// Which site a build produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    /// The mentor site: no facilitator notes or facilitator-only modules.
    Mentor,
    /// The facilitator pack: everything in the mentor site plus facilitator content.
    Facilitator,
}

impl Edition {
    /// The default output folder for this edition, inside the project.
    pub(crate) fn default_out(self) -> &'static str {
        match self {
            Edition::Mentor => "public",
            Edition::Facilitator => "facilitator",
        }
    }

    /// The default output folder for this edition of `profile` (None: the
    /// course as written): `public`, `facilitator-university`.
    pub(crate) fn default_out_for(self, profile: Option<&str>) -> String {
        match profile {
            Some(id) => format!("{}-{id}", self.default_out()),
            None => self.default_out().to_owned(),
        }
    }

    /// Whether facilitator content is shown.
    pub(crate) fn shows_facilitator_content(self) -> bool {
        self == Edition::Facilitator
    }

    /// The edition's name as users type it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Edition::Mentor => "mentor",
            Edition::Facilitator => "facilitator",
        }
    }
}

/// Which edition a module belongs to (`edition:` in front matter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ModuleEdition {
    /// Both editions (the default).
    #[default]
    All,
    /// Only the facilitator edition.
    Facilitator,
}

impl ModuleEdition {
    /// Whether a module of this kind appears in `edition`.
    pub(crate) fn appears_in(self, edition: Edition) -> bool {
        self == ModuleEdition::All || edition == Edition::Facilitator
    }
}
