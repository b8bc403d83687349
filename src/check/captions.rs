//! Captions: every WebVTT file a ```` ```media ```` block names must parse
//! as WebVTT (with `webvtt-parser`), or the browser shows no captions at all.
//! A problem is located at its line in the `.vtt` file.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::codes::Code;
use crate::load::read;
use crate::source::SourceFile;

/// The problems of the captions file at `relative` (from the project `root`).
pub(crate) fn check(root: &Path, relative: &Path) -> Option<Diagnostic> {
    let source = match read::read_source(root, relative) {
        Ok(source) => source,
        Err(d) => return Some(d),
    };
    problem(&source)
}

/// What is wrong with `source` as WebVTT, if anything.
fn problem(source: &SourceFile) -> Option<Diagnostic> {
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    let help = "a WebVTT file starts with a line `WEBVTT`, then a blank line, then cues: a timing line such as `00:00.000 --> 00:04.000` and the words on the lines under it, each cue after a blank line";
    match webvtt_parser::Vtt::parse(text) {
        Ok(vtt) if vtt.cues.is_empty() => Some(
            Diagnostic::error(Code::InvalidCaptions, "these captions have no cues")
                .at(source, 1, 1, 6)
                .with_help(help),
        ),
        Ok(_) => None,
        Err(e) => {
            let mut line = (e.line as usize).max(1);
            // A broken timing line is read as a cue's name, and the parser
            // stops on the line after it: point at the timing line.
            if line > 1
                && source
                    .line_text(line - 1)
                    .is_some_and(|prev| prev.contains(':') && prev.contains('-'))
            {
                line -= 1;
            }
            let found = source.line_text(line).unwrap_or("").trim();
            let message = if line == 1 && !text.starts_with("WEBVTT") {
                "captions must start with the line `WEBVTT`".to_owned()
            } else if found.is_empty() {
                "these captions are not valid WebVTT here".to_owned()
            } else {
                format!("these captions are not valid WebVTT here: \"{found}\"")
            };
            Some(
                Diagnostic::error(Code::InvalidCaptions, message)
                    .at(source, line, 1, found.chars().count().max(1))
                    .with_help(help),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Option<(usize, String)> {
        problem(&SourceFile::new("course/a.vtt", text)).map(|d| (d.line, d.message))
    }

    #[test]
    fn valid_webvtt_passes() {
        assert_eq!(
            check(
                "WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n\n00:02.000 --> 00:04.500\nCome in.\n"
            ),
            None
        );
    }

    #[test]
    fn a_missing_header_is_reported_at_line_one() {
        let (line, message) = check("00:00.000 --> 00:02.000\nHello.\n").unwrap();
        assert_eq!(line, 1);
        assert!(message.contains("WEBVTT"), "{message}");
    }

    #[test]
    fn a_bad_timing_line_is_reported_at_its_line() {
        let (line, message) =
            check("WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n\n00:02 -> 00:04\nCome in.\n")
                .unwrap();
        assert_eq!(line, 6, "{message}");
    }

    #[test]
    fn no_cues_or_a_cue_ending_before_it_starts_is_an_error() {
        assert!(check("WEBVTT\n").is_some());
        let (line, message) = check("WEBVTT\n\n00:05.000 --> 00:02.000\nHello.\n").unwrap();
        assert_eq!(line, 3);
        assert!(message.contains("00:05.000 --> 00:02.000"), "{message}");
    }
}
