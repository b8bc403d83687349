//! Progress exports, the files learners save from the progress page and
//! hand in: read into typed, versioned structs. They are hostile input like
//! any file from outside, so every part is checked for its type and a file
//! that cannot be used is refused with the reason, never half-read.
//!
//! Shape (version 1, SPEC.md): `{format: "peerprep-progress", version: 1,
//! course, exported_at, visited: {slug: time}, complete: {slug: time},
//! quiz: {id: {correct, competency, answered_at, answered}}, scenarios: {id: [ending
//! ids]}, self_assessment: {id: {start, end}}, reflections: {id: text}, name}`.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The first fields, read on their own so that a file from another tool,
/// another version or another course is named for what it is.
#[derive(Debug, Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
    course: Option<serde_json::Value>,
}

/// A version-1 export.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct ExportV1 {
    /// The learner's name, if they chose to include it.
    #[serde(default)]
    pub(crate) name: Option<String>,
    /// When each module was first opened, by slug (checked; not yet in the report).
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) visited: BTreeMap<String, Mark>,
    /// When each module was marked complete, by slug.
    #[serde(default)]
    pub(crate) complete: BTreeMap<String, Mark>,
    /// Quiz results by question id.
    #[serde(default)]
    pub(crate) quiz: BTreeMap<String, QuizResult>,
    /// Scenario endings reached, by scenario id.
    #[serde(default)]
    pub(crate) scenarios: BTreeMap<String, Vec<String>>,
    /// Self-assessment ratings by statement id.
    #[serde(default)]
    pub(crate) self_assessment: BTreeMap<String, Rating>,
    /// Reflections by id (read only to be checked: the report never shows them).
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) reflections: BTreeMap<String, String>,
    /// When the file was saved.
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) exported_at: Option<String>,
}

/// A module's visit or completion: the time, as the browser writes it
/// (older files may hold `true`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum Mark {
    /// The time (only whether it is there counts).
    Time(#[allow(dead_code)] String),
    /// Done or not.
    Flag(bool),
}

impl Mark {
    /// Whether it marks the module (not `false`).
    pub(crate) fn is_set(&self) -> bool {
        !matches!(self, Mark::Flag(false))
    }
}

/// One question's result.
#[derive(Debug, Deserialize)]
pub(crate) struct QuizResult {
    /// Whether it was answered right.
    pub(crate) correct: bool,
    /// `true` from a `quiz.js` that never records a blank question (issue
    /// 16); missing in older files, which recorded a blank one as wrong
    /// (see [`crate::report::answers`]); `false`: not answered.
    #[serde(default)]
    pub(crate) answered: Option<bool>,
    /// When it was recorded (the browser's ISO time).
    #[serde(default)]
    pub(crate) answered_at: Option<String>,
}

/// A statement's ratings, 1 to 5, at the start and the end.
#[derive(Debug, Deserialize)]
pub(crate) struct Rating {
    /// At the start.
    #[serde(default)]
    pub(crate) start: Option<f64>,
    /// At the end.
    #[serde(default)]
    pub(crate) end: Option<f64>,
}

impl Rating {
    /// Both ratings, when both are given and 1 to 5.
    pub(crate) fn pair(&self) -> Option<(f64, f64)> {
        let valid = |v: Option<f64>| v.filter(|x| (1.0..=5.0).contains(x));
        Some((valid(self.start)?, valid(self.end)?))
    }
}

/// Why an export cannot be used, and where in the file when that is known.
/// Text from the file in `why` is shortened and escaped for the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unusable {
    /// What is wrong, in one sentence.
    pub(crate) why: String,
    /// 1-based line of the file (0 when unknown).
    pub(crate) line: usize,
    /// 1-based column (0 when unknown).
    pub(crate) column: usize,
}

impl Unusable {
    fn new(why: String) -> Self {
        Self {
            why,
            line: 0,
            column: 0,
        }
    }

    /// From serde_json's error: its message (without the position, and with
    /// any text from the file cut short and escaped) and its position.
    fn from_json(lead: &str, e: &serde_json::Error) -> Self {
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(at) if e.line() > 0 => &message[..at],
            _ => &message,
        };
        Self {
            why: format!("{lead} ({})", crate::terminal::shorten(message, 160)),
            line: e.line(),
            column: e.column(),
        }
    }
}

/// A JSON value as a sentence names it: `the text "1"`, `the number 2`.
fn described(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!(
            "the number {}",
            crate::terminal::shorten(&n.to_string(), 40)
        ),
        Value::String(s) => format!("the text \"{}\"", crate::terminal::shorten(s, 60)),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// The UTF-8 byte-order mark that some editors write at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads an export of the course `course`, or says why it cannot be used.
/// A byte-order mark at the start is ignored.
pub(crate) fn read(bytes: &[u8], course: &str) -> Result<ExportV1, Unusable> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| Unusable::from_json("not valid JSON", &e))?;
    if !value.is_object() {
        return Err(Unusable::new(format!(
            "not a peerprep progress export (it is {}, not an object)",
            described(&value)
        )));
    }
    let header = Header::deserialize(&value).map_err(|e| Unusable::new(e.to_string()))?;
    if header.format.as_ref().and_then(|f| f.as_str()) != Some("peerprep-progress") {
        return Err(Unusable::new(
            "not a peerprep progress export (`format` is not \"peerprep-progress\")".to_owned(),
        ));
    }
    match &header.version {
        Some(v) if v.as_u64() == Some(1) => {}
        Some(v @ serde_json::Value::Number(_)) => {
            return Err(Unusable::new(format!(
                "unsupported export version: {} (this peerprep reads version 1)",
                described(v)
            )));
        }
        Some(v) => {
            return Err(Unusable::new(format!(
                "`version` must be the number 1, but it is {}",
                described(v)
            )));
        }
        None => {
            return Err(Unusable::new(
                "it has no `version` (this peerprep reads version 1)".to_owned(),
            ));
        }
    }
    match &header.course {
        Some(serde_json::Value::String(theirs)) if theirs == course => {}
        Some(serde_json::Value::String(theirs)) => {
            return Err(Unusable::new(format!(
                "it is for the course \"{}\", not \"{course}\"",
                crate::terminal::shorten(theirs, 60)
            )));
        }
        Some(other) => {
            return Err(Unusable::new(format!(
                "`course` must be text (the course id \"{course}\"), but it is {}",
                described(other)
            )));
        }
        None => {
            return Err(Unusable::new(format!(
                "it has no `course` (the course id \"{course}\")"
            )));
        }
    }
    serde_json::from_slice(bytes)
        .map_err(|e| Unusable::from_json("a part of it is not what a progress export holds", &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"format":"peerprep-progress","version":1,"course":"c","name":"Sam","complete":{"a":"2026-11-01T10:00:00Z","b":false},"quiz":{"q":{"correct":true,"competency":"listening"}},"scenarios":{"s":["good"]},"self_assessment":{"x":{"start":2,"end":4},"y":{"start":9,"end":4}}}"#;

    #[test]
    fn a_good_export_is_read_into_its_parts() {
        let e = read(GOOD.as_bytes(), "c").unwrap();
        assert_eq!(e.name.as_deref(), Some("Sam"));
        assert!(e.complete["a"].is_set());
        assert!(!e.complete["b"].is_set());
        assert!(e.quiz["q"].correct);
        assert_eq!(e.scenarios["s"], ["good"]);
        assert_eq!(e.self_assessment["x"].pair(), Some((2.0, 4.0)));
        assert_eq!(e.self_assessment["y"].pair(), None, "9 is not a rating");
    }

    #[test]
    fn every_bad_file_says_why() {
        for (text, why) in [
            ("{", "not valid JSON"),
            (r#"{"format":"x"}"#, "not a peerprep progress export"),
            (
                r#"{"format":"peerprep-progress","version":2}"#,
                "unsupported export version: the number 2 (this peerprep reads version 1)",
            ),
            (
                r#"{"format":"peerprep-progress","version":"1","course":"c"}"#,
                "`version` must be the number 1, but it is the text \"1\"",
            ),
            (
                r#"{"format":"peerprep-progress","course":"c"}"#,
                "it has no `version`",
            ),
            (
                r#"{"format":"peerprep-progress","version":1,"course":["c"]}"#,
                "`course` must be text (the course id \"c\"), but it is a list",
            ),
            (
                "[1]",
                "not a peerprep progress export (it is a list, not an object)",
            ),
            (
                r#"{"format":"peerprep-progress","version":1,"course":"other"}"#,
                "for the course \"other\"",
            ),
            (
                r#"{"format":"peerprep-progress","version":1,"course":"c","scenarios":{"s":"good"}}"#,
                "a part of it is not",
            ),
            (
                r#"{"format":"peerprep-progress","version":1,"course":"c","quiz":{"q":{"correct":"yes"}}}"#,
                "a part of it is not",
            ),
            (
                r#"{"format":"peerprep-progress","version":1,"course":"c","complete":[]}"#,
                "a part of it is not",
            ),
        ] {
            let err = read(text.as_bytes(), "c").unwrap_err();
            assert!(err.why.contains(why), "{text}: {err:?}");
        }
    }

    #[test]
    fn a_byte_order_mark_is_ignored_issue_15() {
        let e = read(format!("\u{feff}{GOOD}").as_bytes(), "c").unwrap();
        assert_eq!(e.name.as_deref(), Some("Sam"));
    }

    #[test]
    fn a_bad_part_is_located_and_its_text_shown_short_and_escaped() {
        let long = "\u{1b}[2J".repeat(100);
        let text = format!(
            "{{\"format\":\"peerprep-progress\",\"version\":1,\"course\":\"c\",\n\"scenarios\":{{\"s\":\"{}\"}}}}",
            long.replace('\u{1b}', "\\u001b")
        );
        let err = read(text.as_bytes(), "c").unwrap_err();
        assert_eq!(err.line, 2, "{err:?}");
        assert!(err.column > 1, "{err:?}");
        assert!(!err.why.contains('\u{1b}'), "{err:?}");
        assert!(err.why.contains("\\u{1b}[2J"), "{err:?}");
        assert!(err.why.chars().count() < 260, "{err:?}");
    }
}
