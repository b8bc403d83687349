//! Diagnostics: every problem found in a course, with its file, line and column.
//!
//! Input: problems pushed by the load and validate stages. Output: one
//! [`Diagnostics`] list that the commands print all at once (human or JSON),
//! errors before warnings, with a count at the end. Stages never stop at the
//! first problem: they push a [`Diagnostic`] and carry on.

pub(crate) mod codes;
pub(crate) mod suggest;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::codes::Code;
use crate::source::SourceFile;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    /// The course cannot be built until this is fixed.
    Error,
    /// Worth a look; fails the run only with `--deny-warnings`.
    Warning,
}

/// One problem in the user's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Diagnostic {
    /// Error or warning.
    pub(crate) severity: Severity,
    /// Stable code, listed in the README.
    pub(crate) code: Code,
    /// What is wrong, in one sentence.
    pub(crate) message: String,
    /// The file, relative to the project folder (None for project-wide problems).
    pub(crate) path: Option<PathBuf>,
    /// 1-based line (0 when unknown).
    pub(crate) line: usize,
    /// 1-based column in characters (0 when unknown).
    pub(crate) column: usize,
    /// How many characters to underline from `column`.
    pub(crate) width: usize,
    /// The text of the source line, shown under the location.
    pub(crate) source_line: Option<String>,
    /// What to do about it.
    pub(crate) help: Option<String>,
    /// The profiles it arises in (`university, wales`), when it arises only
    /// there (`check` names them).
    pub(crate) profile: Option<String>,
}

impl Diagnostic {
    /// A new error with the given code and message and no location yet.
    pub(crate) fn error(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A new warning with the given code and message and no location yet.
    pub(crate) fn warning(code: Code, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: Code, message: impl Into<String>) -> Self {
        Self {
            severity,
            code,
            message: message.into(),
            path: None,
            line: 0,
            column: 0,
            width: 1,
            source_line: None,
            help: None,
            profile: None,
        }
    }

    /// Names the file without a line.
    pub(crate) fn in_file(mut self, path: impl AsRef<Path>) -> Self {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// Points at `line:column` in `source`, underlining `width` characters.
    pub(crate) fn at(
        mut self,
        source: &SourceFile,
        line: usize,
        column: usize,
        width: usize,
    ) -> Self {
        self.path = Some(source.path.clone());
        self.line = line;
        self.column = column.max(1);
        self.width = width.max(1);
        self.source_line = source.line_text(line).map(str::to_owned);
        self
    }

    /// Points at a byte offset in `source`, underlining `len` bytes.
    pub(crate) fn at_offset(self, source: &SourceFile, offset: usize, len: usize) -> Self {
        let (line, column) = source.line_col(offset);
        let width = source
            .text
            .get(offset..offset + len)
            .map_or(1, |s| s.lines().next().unwrap_or("").chars().count());
        self.at(source, line, column, width)
    }

    /// Adds the hint shown after the underline.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a hint when there is one.
    pub(crate) fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Whether this is an error.
    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the rustc-style text block for this diagnostic.
    pub(crate) fn render_human(&self) -> String {
        let mut out = self.render_located();
        if let Some(profile) = &self.profile {
            let _ = writeln!(out, "  = note: only in profile: {}", visible(profile));
        }
        out
    }

    /// The message, its place and its help.
    fn render_located(&self) -> String {
        let mut out = String::new();
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "{kind}[{}]: {}",
            self.code.as_str(),
            visible(&self.message)
        );
        let help = self.help.as_deref().map(visible);
        let Some(path) = &self.path else {
            if let Some(help) = &help {
                let _ = writeln!(out, "  = help: {help}");
            }
            return out;
        };
        let shown = visible(&display_path(path)).into_owned();
        if self.line == 0 {
            let _ = writeln!(out, "  --> {shown}");
            if let Some(help) = &help {
                let _ = writeln!(out, "  = help: {help}");
            }
            return out;
        }
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        let _ = writeln!(out, "{pad}--> {shown}:{}:{}", self.line, self.column);
        match &self.source_line {
            Some(text) => {
                let (text, lead, width) =
                    shown_window(&text.replace('\t', "    "), self.column, self.width);
                let (text, lead, width) = visible_window(&text, lead, width);
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{number} | {text}");
                let lead = " ".repeat(lead);
                let carets = "^".repeat(width);
                match &help {
                    Some(help) => {
                        let _ = writeln!(out, "{pad} | {lead}{carets} {help}");
                    }
                    None => {
                        let _ = writeln!(out, "{pad} | {lead}{carets}");
                    }
                }
            }
            None => {
                if let Some(help) = &help {
                    let _ = writeln!(out, "{pad} = help: {help}");
                }
            }
        }
        out
    }
}

/// Characters of a source line shown in a message; longer lines are cut to
/// a window around the problem, marked with `…`.
const SHOWN_CHARS: usize = 100;

/// The part of `line` to show, the spaces before the carets and their
/// count, for a problem at 1-based `column` spanning `width` characters.
fn shown_window(line: &str, column: usize, width: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1);
    if chars.len() <= SHOWN_CHARS {
        return (line.to_string(), at, width);
    }
    let start = at.saturating_sub(SHOWN_CHARS / 3).min(chars.len());
    let end = (start + SHOWN_CHARS).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let mut lead = at - start;
    if start > 0 {
        shown.insert(0, '…');
        lead += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    let width = width.min(end.saturating_sub(at)).max(1);
    (shown, lead, width)
}

/// Text from a file as it may be printed: see [`crate::terminal::escape`].
fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    crate::terminal::escape(text)
}

/// [`visible`] for a shown source line, with the carets' `lead` and `width`
/// (in characters) moved to match.
fn visible_window(line: &str, lead: usize, width: usize) -> (String, usize, usize) {
    let mut out = String::new();
    let (mut new_lead, mut new_width) = (0, 0);
    for (i, c) in line.chars().enumerate() {
        let mut buffer = [0u8; 4];
        let shown = crate::terminal::escape(c.encode_utf8(&mut buffer));
        let count = shown.chars().count();
        if i < lead {
            new_lead += count;
        } else if i < lead + width {
            new_width += count;
        }
        out.push_str(&shown);
    }
    // Carets may point past the end of the line (a missing value).
    let count = line.chars().count();
    new_lead += lead.saturating_sub(count);
    new_width += (lead + width).saturating_sub(count.max(lead));
    (out, new_lead, new_width)
}

/// Shows a relative path with forward slashes on every platform (on Unix a
/// backslash is part of a file name, and is kept).
pub(crate) fn display_path(path: &Path) -> String {
    if cfg!(windows) {
        path.to_string_lossy().replace('\\', "/")
    } else {
        path.to_string_lossy().into_owned()
    }
}

/// The JSON shape of one diagnostic (`check --format json`).
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    path: Option<String>,
    line: usize,
    column: usize,
    message: &'a str,
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    profile: Option<&'a str>,
}

/// All problems found in one run.
#[derive(Debug, Default, Clone)]
pub(crate) struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Warnings fail the run (`--deny-warnings`): the summary says so.
    warnings_denied: bool,
}

impl Diagnostics {
    /// An empty list.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Makes warnings fail the run (`--deny-warnings`), as the summary says.
    pub(crate) fn deny_warnings(&mut self, denied: bool) {
        self.warnings_denied = denied;
    }

    /// Adds one problem.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds every problem from another list.
    pub(crate) fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Whether any error (not warning) was found.
    pub(crate) fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub(crate) fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub(crate) fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Whether nothing was found.
    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The problems in report order: errors before warnings, then by file and line.
    pub(crate) fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (a.severity, &a.path, a.line, a.column).cmp(&(b.severity, &b.path, b.line, b.column))
        });
        items
    }

    /// Every problem as rustc-style text, with a count at the end.
    pub(crate) fn render_human(&self) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            out.push_str(&d.render_human());
            out.push('\n');
        }
        if let Some(summary) = self.summary() {
            out.push_str(&summary);
            out.push('\n');
        }
        out
    }

    /// The closing count, e.g. `2 errors, 1 warning`; None when there is nothing.
    pub(crate) fn summary(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let errors = self.error_count();
        let warnings = self.warning_count();
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let denied = errors == 0 && warnings > 0 && self.warnings_denied;
        Some(format!(
            "{}: {}, {}{}",
            if errors > 0 || denied {
                "failed"
            } else {
                "finished"
            },
            plural(errors, "error"),
            plural(warnings, "warning"),
            if denied {
                " (warnings fail the run: --deny-warnings)"
            } else {
                ""
            }
        ))
    }

    /// Every problem as a JSON array (`check --format json`).
    pub(crate) fn render_json(&self) -> String {
        let items: Vec<JsonDiagnostic<'_>> = self
            .sorted()
            .into_iter()
            .map(|d| JsonDiagnostic {
                severity: d.severity,
                code: d.code.as_str(),
                path: d.path.as_deref().map(display_path),
                line: d.line,
                column: d.column,
                message: &d.message,
                help: d.help.as_deref(),
                profile: d.profile.as_deref(),
            })
            .collect();
        serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_owned())
    }

    /// The raw list, in the order found.
    pub(crate) fn items(&self) -> &[Diagnostic] {
        &self.items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn text_from_files_cannot_act_on_the_terminal() {
        let source = SourceFile::new("names.csv", "\u{1b}[2J\u{202e}Sam\u{1b}[31m, x\n");
        let d = Diagnostic::error(Code::InvalidNamesFile, "bad name \u{1b}[31mSam\u{7}")
            .at(&source, 1, 14, 1)
            .with_help("fix \u{202e}it");
        let text = d.render_human();
        assert!(!text.chars().any(is_hidden_in_output), "{text:?}");
        assert!(text.contains("bad name \\u{1b}[31mSam\\u{7}"), "{text}");
        assert!(text.contains("fix \\u{202e}it"), "{text}");
        // The carets still point at the comma.
        let lines: Vec<&str> = text.lines().collect();
        let shown = lines[3].split_once(" | ").unwrap().1;
        let carets = lines[4].split_once(" | ").unwrap().1;
        assert_eq!(
            shown.chars().nth(carets.find('^').unwrap()),
            Some(','),
            "{text}"
        );
    }

    fn is_hidden_in_output(c: char) -> bool {
        c != '\n' && crate::terminal::escape(&c.to_string()) != c.to_string()
    }
    use super::*;

    #[test]
    fn long_lines_are_cut_to_a_window_around_the_problem() {
        let line = format!("{}BAD{}", "a".repeat(500), "b".repeat(500));
        let (shown, lead, width) = shown_window(&line, 501, 3);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().count(), SHOWN_CHARS + 2);
        assert_eq!(
            shown.chars().skip(lead).take(width).collect::<String>(),
            "BAD"
        );
        assert_eq!(shown_window("short", 2, 3), ("short".to_string(), 1, 3));
    }

    #[test]
    fn renders_rustc_style_block_with_caret_and_help() {
        let source = SourceFile::new("scenarios/bullying.yaml", "a: 1\n  goto: teacher\n");
        let d = Diagnostic::error(
            Code::UnknownField,
            "choice goes to unknown node \"teacher\"",
        )
        .at(&source, 2, 9, 7)
        .with_help("did you mean \"teachers\"?");
        let text = d.render_human();
        assert_eq!(
            text,
            "error[E002]: choice goes to unknown node \"teacher\"\n \
             --> scenarios/bullying.yaml:2:9\n  |\n2 |   goto: teacher\n  |         ^^^^^^^ did you mean \"teachers\"?\n"
        );
    }

    #[test]
    fn errors_come_before_warnings_and_count_is_last() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::warning(Code::ModuleNotListed, "w").in_file("b.md"));
        all.push(Diagnostic::error(Code::MissingField, "e").in_file("a.md"));
        let text = all.render_human();
        let e = text.find("error[").unwrap();
        let w = text.find("warning[").unwrap();
        assert!(e < w);
        assert!(text.trim_end().ends_with("failed: 1 error, 1 warning"));
    }

    #[test]
    fn json_has_the_documented_fields() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::error(Code::MissingField, "missing").in_file("course/course.yaml"));
        let value: serde_json::Value = serde_json::from_str(&all.render_json()).unwrap();
        let first = &value[0];
        for key in [
            "severity", "code", "path", "line", "column", "message", "help",
        ] {
            assert!(first.get(key).is_some(), "{key} missing");
        }
        assert_eq!(first["code"], "E003");
        assert_eq!(first["severity"], "error");
    }
}
