//! The SCORM settings, `scorm:` in course.yaml, read by `peerprep package
//! --format scorm12|scorm2004`: `pass_mark`, the quiz score (a percentage of
//! the course's questions answered right) at which the LMS records the
//! learner as passed.
//!
//! Input: the block as written. Output: [`Scorm`], with a located error for
//! a pass mark outside 0–100 (serde reports unknown keys and values of the
//! wrong type, each at its line).

use serde::Deserialize;

use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::yaml::{self, Spanned};
use crate::source::SourceFile;

/// The pass mark when course.yaml gives none, in percent.
pub(crate) const DEFAULT_PASS_MARK: f64 = 80.0;

/// `scorm:` as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawScorm {
    pass_mark: Option<Spanned<f64>>,
}

/// The SCORM settings, checked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scorm {
    /// The quiz score, in percent (0–100), at which a learner passes.
    pub(crate) pass_mark: f64,
}

impl Default for Scorm {
    fn default() -> Self {
        Self {
            pass_mark: DEFAULT_PASS_MARK,
        }
    }
}

/// Checks `scorm:`; a bad pass mark is an error at its place and the default
/// is used in its stead.
pub(crate) fn validate(raw: RawScorm, source: &SourceFile, out: &mut Diagnostics) -> Scorm {
    let Some(mark) = raw.pass_mark else {
        return Scorm::default();
    };
    if mark.value.is_finite() && (0.0..=100.0).contains(&mark.value) {
        return Scorm {
            pass_mark: mark.value,
        };
    }
    let width = mark.value.to_string().chars().count();
    out.push(
        yaml::locate(
            Diagnostic::error(
                Code::InvalidValue,
                format!(
                    "`scorm.pass_mark` is a percentage from 0 to 100, not {}",
                    mark.value
                ),
            ),
            source,
            &mark.referenced,
            0,
            width,
        )
        .with_help("write for example `scorm: { pass_mark: 80 }`"),
    );
    Scorm::default()
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostics;
    use crate::load::config::{self, CONFIG_PATH};
    use crate::source::SourceFile;

    #[test]
    fn the_pass_mark_is_a_percentage_and_unknown_keys_are_errors() {
        let ok = config::from_yaml("title: T\nmodules: [a.md]\nscorm: { pass_mark: 65.5 }\n");
        assert_eq!(ok.scorm.pass_mark, 65.5);
        let default = config::from_yaml("title: T\nmodules: [a.md]\n");
        assert_eq!(default.scorm.pass_mark, super::DEFAULT_PASS_MARK);
        for (yaml, message) in [
            (
                "scorm:\n  pass_mark: 120\n",
                "percentage from 0 to 100, not 120",
            ),
            (
                "scorm:\n  pass_mark: -1\n",
                "percentage from 0 to 100, not -1",
            ),
            ("scorm:\n  pass_mark: lots\n", "pass_mark"),
            ("scorm:\n  pass_mrk: 80\n", "pass_mrk"),
        ] {
            let text = format!("title: T\nmodules: [a.md]\n{yaml}");
            let mut out = Diagnostics::new();
            let _ = config::load(SourceFile::new(CONFIG_PATH, text.as_str()), None, &mut out);
            let shown = out.render_human();
            assert!(shown.contains(message), "{yaml}: {shown}");
            assert!(shown.contains("course.yaml:4:"), "located: {shown}");
        }
    }
}
