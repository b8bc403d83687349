//! The practice signals of scenario choices, checked against the rule that
//! scores must not reward bad practice (DOMAIN.md): a choice that scores
//! below zero in `safeguarding` or `confidentiality` (it keeps a secret it
//! should not, promises anonymity, delays passing a worry on…) earns no
//! points in any competency, whatever else it does well. The cohort report
//! adds these scores up, so one such choice makes unsafe practice look
//! good. Each positive score on such a choice is warning W014 at its key.

use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::yaml::{self, Spanned};
use crate::source::SourceFile;

/// The competencies whose negative score makes every positive one on the same choice a warning.
pub(crate) const GUARDED: [&str; 2] = ["safeguarding", "confidentiality"];

/// Pushes W014 for each positive score on a choice with a negative guarded score.
pub(crate) fn check(
    label: &str,
    scores: &[(Spanned<String>, i32)],
    source: &SourceFile,
    out: &mut Diagnostics,
) {
    let Some((unsafe_id, unsafe_score)) = scores
        .iter()
        .find(|(id, score)| *score < 0 && GUARDED.contains(&id.value.as_str()))
    else {
        return;
    };
    for (id, score) in scores.iter().filter(|(_, score)| *score > 0) {
        out.push(
            yaml::locate_str(
                Diagnostic::warning(
                    Code::UnsafeChoiceRewarded,
                    format!(
                        "choice \"{label}\" scores {unsafe_score} in {} but +{score} in {}",
                        unsafe_id.value, id.value
                    ),
                ),
                source,
                id,
                0,
            )
            .with_help(format!(
                "a choice that is poor {} practice should earn no points: remove `{}: {score}` (the cohort report adds these up)",
                unsafe_id.value, id.value
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::OrderedMap;

    fn warnings(yaml: &str) -> Diagnostics {
        let source = SourceFile::new("scenarios/s.yaml", yaml);
        let scores: OrderedMap<i32> = yaml::parse(&source).unwrap();
        let mut out = Diagnostics::new();
        check("I promise", &scores.0, &source, &mut out);
        out
    }

    #[test]
    fn a_positive_score_beside_a_negative_guarded_one_is_warned_at_its_key() {
        let out = warnings("confidentiality: -1\nsignposting: 1\nsafeguarding: 2\nlistening: 0\n");
        let found: Vec<(Code, usize, &str)> = out
            .items()
            .iter()
            .map(|d| (d.code, d.line, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Code::UnsafeChoiceRewarded,
                    2,
                    "choice \"I promise\" scores -1 in confidentiality but +1 in signposting"
                ),
                (
                    Code::UnsafeChoiceRewarded,
                    3,
                    "choice \"I promise\" scores -1 in confidentiality but +2 in safeguarding"
                ),
            ]
        );
    }

    #[test]
    fn other_mixes_are_allowed() {
        assert!(warnings("listening: -1\nempathy: 2\n").is_empty());
        assert!(warnings("safeguarding: -1\nconfidentiality: -1\nlistening: 0\n").is_empty());
        assert!(warnings("safeguarding: 2\nconfidentiality: 1\n").is_empty());
    }
}
