//! `profiles:` in course.yaml as written: the course fields each profile
//! overrides (see [`crate::load::profiles`]).

use serde::Deserialize;

use crate::load::brand::RawBrand;
use crate::load::config::SelfAssessment;
use crate::load::config::support::Support;
use crate::load::sessions::{RawSession, Scheme};
use crate::load::yaml::{OrderedMap, Spanned};

/// One entry of `profiles:` as written: the fields it overrides.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProfile {
    pub(crate) title: Option<Spanned<String>>,
    pub(crate) subtitle: Option<String>,
    pub(crate) organisation: Option<String>,
    pub(crate) language: Option<Spanned<String>>,
    pub(crate) support: Option<Support>,
    pub(crate) brand: Option<RawBrand>,
    pub(crate) scheme: Option<Scheme>,
    pub(crate) sessions: Option<Vec<RawSession>>,
    pub(crate) self_assessment: Option<Vec<SelfAssessment>>,
    #[serde(default)]
    pub(crate) variables: OrderedMap<String>,
    #[serde(default)]
    pub(crate) ui: OrderedMap<String>,
}
