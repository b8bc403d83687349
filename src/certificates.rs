//! Named certificates (`peerprep certificates NAMES.csv`): one printable page
//! per name read from a CSV file.
//!
//! Input: the CSV text: a header row with a `name` column (any case; other
//! columns are ignored), then one row per mentor. Output: the names, or a
//! diagnostic at the line of every malformed row (the file's text in it
//! escaped for the terminal: a names file is as hostile as any learner's
//! file). Writing the pages is [`write()`]: one page per name, all of them
//! on one page (`all.html`, one certificate a printed page, across the
//! paper) and, with a browser, that page as one PDF for the whole batch. A
//! page's file name keeps the name's letters in any script, at most 60 bytes
//! of them ([`name_in_file`]).

use std::collections::HashSet;
use std::path::Path;

use minijinja::{Value, context};

use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::pdf::PdfError;
use crate::render::documents::{SchemeView, paper_css};
use crate::render::theme::Theme;
use crate::render::views;
use crate::source::SourceFile;
use crate::terminal::{escape, shorten};
use crate::ui::key;
use crate::write::{Sink, Staging, WriteError};

/// Reads the names from `source`, pushing a diagnostic for every bad row.
pub(crate) fn read_names(source: &SourceFile, out: &mut Diagnostics) -> Vec<String> {
    // The names file's lines are shown under each problem: with their
    // control characters escaped, as is all text from the file.
    let error = |line: usize, message: String, help: &str| {
        let mut d = Diagnostic::error(Code::InvalidNamesFile, escape(&message).into_owned())
            .at(source, line.max(1), 1, 1)
            .with_help(escape(help).into_owned());
        d.source_line = d.source_line.map(|l| escape(&l).into_owned());
        d
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(source.text.as_bytes());
    let column = match reader.headers() {
        Ok(headers) => {
            let found = headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case("name"));
            if found.is_none() {
                let seen: Vec<String> = headers.iter().map(|h| shorten(h, 40)).collect();
                out.push(error(
                    1,
                    "the first row has no `name` column".to_owned(),
                    &format!(
                        "start the file with a header row such as `name,form`; this one has: {}",
                        seen.join(", ")
                    ),
                ));
            }
            found
        }
        Err(e) => {
            out.push(error(
                e.position().map_or(1, |p| p.line() as usize),
                format!("cannot read the header row: {e}"),
                "save the file as CSV (comma-separated, UTF-8)",
            ));
            None
        }
    };
    let Some(column) = column else {
        return Vec::new();
    };
    let mut names = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as usize);
                match r.get(column).map(str::trim) {
                    Some(name) if !name.is_empty() => names.push(name.to_owned()),
                    _ => out.push(error(
                        line,
                        "this row has no name".to_owned(),
                        "fill in the name, or delete the row",
                    )),
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("this row has {len} fields, but the header has {expected_len}"),
                    _ => format!("this row cannot be read: {e}"),
                };
                out.push(error(
                    line,
                    message,
                    "put a name in quotes if it contains a comma, e.g. \"Smith, Sam\"",
                ));
            }
        }
    }
    if names.is_empty() && !out.has_errors() {
        out.push(error(
            1,
            "the file lists no names".to_owned(),
            "add one row per mentor under the header row",
        ));
    }
    names
}

/// The most bytes of a name that go into its certificate's file name, so
/// that a long name never makes a file name the system refuses (most allow
/// 255 bytes) or a path nobody can read.
const MAX_NAME_IN_FILE: usize = 60;

/// A name as it goes into a file name: in Unicode's composed form (NFC, so
/// `ë` is one character however it was typed), lowercase, its letters,
/// marks and digits kept in any script (`Zoë Ó Briain` → `zoë-ó-briain`),
/// every other run of characters (spaces, `/`, `\`, `:`, dots, quotes …)
/// one `-`, and at most [`MAX_NAME_IN_FILE`] bytes, cut between characters.
fn name_in_file(name: &str) -> String {
    use crate::letters::{Class, class};
    let kept = |c: char| {
        matches!(
            class(c),
            Class::Letter | Class::ModifierLetter | Class::Mark | Class::Number
        )
    };
    let lower = name.to_lowercase();
    let composed = icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(&lower);
    let mut slug = String::with_capacity(composed.len());
    for c in composed.chars() {
        if kept(c) {
            if slug.len() + c.len_utf8() > MAX_NAME_IN_FILE {
                break;
            }
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.truncate(slug.trim_end_matches('-').len());
    slug
}

/// One certificate's file name: its number and the start of the name
/// ([`name_in_file`]); the number keeps it unique.
fn file_name(n: usize, name: &str, used: &mut HashSet<String>) -> String {
    let slug = name_in_file(name);
    let mut file = format!("{n:03}-{slug}.html");
    if slug.is_empty() || !used.insert(file.clone()) {
        file = format!("{n:03}.html");
        used.insert(file.clone());
    }
    file
}

/// Why certificates could not be written.
#[derive(Debug)]
pub(crate) enum CertificateError {
    /// The output folder is unsafe or the disk failed.
    Write(WriteError),
    /// A template failed.
    Template(Box<Diagnostic>),
    /// The browser could not print the PDF (the message says why).
    Print(String),
}

impl From<WriteError> for CertificateError {
    fn from(e: WriteError) -> Self {
        CertificateError::Write(e)
    }
}

impl From<crate::fs::IoError> for CertificateError {
    fn from(e: crate::fs::IoError) -> Self {
        CertificateError::Write(WriteError::Io(e))
    }
}

/// The PDF of every certificate, one a page.
pub(crate) const PDF: &str = "certificates.pdf";

/// Writes one certificate per name, a page with all of them (`all.html`)
/// and an index into `out` (staged); with a `browser`, also [`PDF`],
/// printed from `all.html` before the folder is swapped in (a failed print
/// leaves the previous output as it was). `logo` (a path under `course/`
/// that passed the checks) is copied and shown on every certificate.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write(
    names: &[String],
    kind: &str,
    date: crate::date::Date,
    config: &Config,
    theme: &Theme,
    project_root: &Path,
    out: &Path,
    browser: Option<&Path>,
    logo: Option<&str>,
) -> Result<(), CertificateError> {
    let staging = Staging::new(project_root, out, crate::write::OutputKind::Certificates)?;
    let env = theme.environment();
    let template_error =
        |e: minijinja::Error| CertificateError::Template(Box::new(theme.error_diagnostic(&e)));
    let shared = context! {
        course => Value::from_serialize(views::course(config)),
        scheme => Value::from_serialize(SchemeView::new(config)),
        brand => context! { logo => logo.map(crate::compile::markdown::course_file_href) },
        ui => Value::from_serialize(&config.ui),
        root => "",
    };
    if let Some(logo) = logo {
        let bytes = crate::fs::read(&project_root.join("course").join(logo))?;
        staging.write(&format!("assets/course/{logo}"), &bytes)?;
    }
    let date = crate::date::display(date, config.ui.get(key!("months")));
    let date = date.as_str();
    let mut used = HashSet::new();
    let mut listed = Vec::with_capacity(names.len());
    let page = env
        .get_template("certificates/certificate.html")
        .map_err(template_error)?;
    for (n, name) in names.iter().enumerate() {
        let file = file_name(n + 1, name, &mut used);
        let cert = context! { name => name, kind => kind, date => date };
        let ctx = minijinja::value::merge_maps([context! { cert => cert.clone() }, shared.clone()]);
        let html = page.render(ctx).map_err(template_error)?;
        staging.write(&file, html.as_bytes())?;
        listed.push(context! { name => name, file => file, cert => cert });
    }
    let render = |template: &str| {
        env.get_template(template)
            .and_then(|t| {
                t.render(minijinja::value::merge_maps([
                    context! {
                        certificates => listed.clone(),
                        cert => context! { kind => kind, date => date },
                        pdf => browser.map(|_| PDF),
                    },
                    shared.clone(),
                ]))
            })
            .map_err(template_error)
    };
    staging.write("index.html", render("certificates/index.html")?.as_bytes())?;
    staging.write("all.html", render("certificates/all.html")?.as_bytes())?;
    for asset in theme
        .assets()
        .map_err(|d| CertificateError::Template(Box::new(d)))?
    {
        if asset.path == "style.css" {
            staging.write("assets/style.css", &asset.bytes)?;
        }
    }
    staging.write(
        "assets/paper.css",
        paper_css(config.paper, &config.ui).as_bytes(),
    )?;
    if let Some(browser) = browser {
        crate::pdf::print_file(
            browser,
            &staging.dir().join("all.html"),
            "all.html",
            &staging.dir().join(PDF),
        )
        .map_err(|e| match e {
            PdfError::NoBrowser(m) | PdfError::Failed(m) => CertificateError::Print(m),
        })?;
    }
    staging.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> (Vec<String>, Vec<String>) {
        let mut out = Diagnostics::new();
        let names = read_names(&SourceFile::new("names.csv", text), &mut out);
        let problems = out
            .items()
            .iter()
            .map(|d| format!("{}:{} {}", d.code.as_str(), d.line, d.message))
            .collect();
        (names, problems)
    }

    #[test]
    fn reads_the_name_column_with_a_bom_and_other_columns() {
        let (n, p) = names("\u{feff}Form,Name\n10A,Sam Lee\n10B,\"Okafor, Chidi\"\n");
        assert_eq!(n, ["Sam Lee", "Okafor, Chidi"]);
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn every_bad_row_is_reported_at_its_line() {
        let (_, p) = names("name,form\nSam,10A\n,10B\nAlex,10C,extra\nJo,10D\n");
        assert_eq!(
            p,
            [
                "E071:3 this row has no name",
                "E071:4 this row has 3 fields, but the header has 2"
            ]
        );
    }

    #[test]
    fn a_file_without_a_name_column_or_names() {
        let (_, p) = names("pupil,form\nSam,10A\n");
        assert_eq!(p, ["E071:1 the first row has no `name` column"]);
        let (_, p) = names("name\n");
        assert_eq!(p, ["E071:1 the file lists no names"]);
    }

    #[test]
    fn file_names_are_numbered_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(file_name(1, "Sam Lee", &mut used), "001-sam-lee.html");
        assert_eq!(file_name(2, "Zoë", &mut used), "002-zoë.html");
        assert_eq!(file_name(3, "李", &mut used), "003-李.html");
        assert_eq!(file_name(4, "../..", &mut used), "004.html");
    }

    #[test]
    fn names_keep_their_letters_in_file_names_issue_16() {
        // "Zoë Ó Briain" typed with combining accents (e + U+0308, O + U+0301).
        assert_eq!(name_in_file("Zoe\u{308} O\u{301} Briain"), "zoë-ó-briain");
        assert_eq!(name_in_file("Zoë Ó Briain"), "zoë-ó-briain");
        assert_eq!(name_in_file("Siân O'Brien-Łukasz"), "siân-o-brien-łukasz");
        assert_eq!(name_in_file("Ngọc Ánh"), "ngọc-ánh");
        assert_eq!(name_in_file("محمد علي"), "محمد-علي");
        assert_eq!(
            name_in_file("a/b\\c:d*e?f\"g<h>i|j\0k"),
            "a-b-c-d-e-f-g-h-i-j-k"
        );
        assert_eq!(name_in_file(" .. "), "");
        // Cut at a character boundary within the byte limit.
        let long = name_in_file(&"é".repeat(100));
        assert_eq!(long, "é".repeat(30));
        let odd = name_in_file(&format!("a{}", "é".repeat(100)));
        assert_eq!(odd.len(), 59, "{odd}");
    }

    #[test]
    fn a_long_name_makes_a_short_file_name_issue_15() {
        let mut used = HashSet::new();
        let file = file_name(7, &"Alexandra ".repeat(30), &mut used);
        assert_eq!(
            file,
            "007-alexandra-alexandra-alexandra-alexandra-alexandra-alexandra.html"
        );
        let file = file_name(1000, &"B".repeat(10_000), &mut used);
        assert_eq!(file, format!("1000-{}.html", "b".repeat(60)));
    }

    #[test]
    fn a_line_shown_under_a_problem_has_its_control_characters_escaped() {
        let mut out = Diagnostics::new();
        read_names(
            &SourceFile::new("names.csv", "name\nSam\u{1b}[2J,extra\n"),
            &mut out,
        );
        let shown = out.items()[0].render_human();
        assert!(!shown.contains('\u{1b}'), "{shown}");
        assert!(shown.contains("Sam\\u{1b}[2J,extra"), "{shown}");
    }
}
