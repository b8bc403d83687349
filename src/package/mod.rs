//! Packages for a school's LMS or file share (`peerprep package`): one file
//! per [`Format`], made from a validated course.
//!
//! Input: a validated course (`pipeline`) and an edition. Output: the
//! [`Package`] (the file's name, its bytes and what it holds), made in
//! memory; `cmd/package.rs` writes it into the package folder. Problems: a
//! question a format cannot hold (or holds only in part) is a located warning
//! ([`crate::diagnostic::codes::Code::NotExported`]), never silently dropped;
//! a theme template that fails is an error; the file system's failures are
//! returned.
//!
//! One module per format: `site_zip` (the built site), `scorm` (the built
//! site with a SCORM manifest), `moodle_xml` and `gift` (the quiz questions,
//! gathered by `questions`).

mod gift;
mod moodle_xml;
mod questions;
mod scorm;
mod site_zip;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::edition::Edition;
use crate::fs::IoError;
use crate::pipeline::Validated;
use crate::render::{self, RenderError};
use crate::write::memory::{Files, Memory};

/// What `peerprep package` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The built site as a SCORM 1.2 package (`<course id>-scorm12.zip`).
    Scorm12,
    /// The built site as a SCORM 2004 4th edition package (`<course id>-scorm2004.zip`).
    Scorm2004,
    /// The built site as one zip (`<course id>-site.zip`).
    Zip,
    /// Every quiz question in Moodle XML (`<course id>-questions.xml`).
    MoodleXml,
    /// Every quiz question in GIFT (`<course id>-questions.gift.txt`).
    Gift,
}

impl Format {
    /// Every format, in the order the README lists them.
    pub(crate) const ALL: &'static [Format] = &[
        Format::Scorm12,
        Format::Scorm2004,
        Format::Zip,
        Format::MoodleXml,
        Format::Gift,
    ];

    /// The name of this format's file for the course `course_id`.
    pub(crate) fn file_name(self, course_id: &str) -> String {
        match self {
            Format::Scorm12 => scorm::Version::Scorm12.file_name(course_id),
            Format::Scorm2004 => scorm::Version::Scorm2004.file_name(course_id),
            Format::Zip => site_zip::file_name(course_id),
            Format::MoodleXml => moodle_xml::file_name(course_id),
            Format::Gift => gift::file_name(course_id),
        }
    }

    /// The format's name, as warnings say it.
    fn label(self) -> &'static str {
        match self {
            Format::Scorm12 => "SCORM 1.2",
            Format::Scorm2004 => "SCORM 2004",
            Format::Zip => "zip",
            Format::MoodleXml => "Moodle XML",
            Format::Gift => "GIFT",
        }
    }
}

/// A package made in memory.
#[derive(Debug)]
pub(crate) struct Package {
    /// Its file name.
    pub(crate) name: String,
    /// Its contents.
    pub(crate) bytes: Vec<u8>,
    /// What it holds, for the summary line: `58 pages`, `53 questions in 12 modules`.
    pub(crate) holds: String,
}

/// Why a package could not be made.
#[derive(Debug)]
pub(crate) enum PackageError {
    /// A theme template failed (a problem in the course's files).
    Template(Box<Diagnostic>),
    /// Writing failed.
    Io(IoError),
}

/// The site of `edition`, rendered into memory (with the runtime of SCORM
/// version `scorm` in its pages); its number of pages.
pub(crate) fn site(
    validated: &Validated,
    edition: Edition,
    scorm: Option<&'static str>,
) -> Result<(Files, usize), PackageError> {
    let memory = Memory::default();
    let site = render::Site {
        scorm,
        ..validated.site(edition)
    };
    match render::render_site(site, &memory, None) {
        Ok(written) => Ok((memory.into_files(), written.pages)),
        Err(RenderError::Template(d)) => Err(PackageError::Template(d)),
        Err(RenderError::Io(e)) => Err(PackageError::Io(e)),
    }
}

/// Makes the `format` package of `edition`, pushing a warning for each
/// question it cannot hold.
pub(crate) fn make(
    validated: &Validated,
    format: Format,
    edition: Edition,
    out: &mut Diagnostics,
) -> Result<Package, PackageError> {
    let config = &validated.project.config;
    let name = format.file_name(&config.id);
    let io = |source: std::io::Error| {
        PackageError::Io(IoError {
            action: "make",
            path: name.clone().into(),
            source,
        })
    };
    let (bytes, holds) = match format {
        Format::Zip => {
            let (files, pages) = site(validated, edition, None)?;
            let bytes = site_zip::write(&files).map_err(|e| io(e.into()))?;
            (bytes, format!("{pages} pages"))
        }
        Format::Scorm12 | Format::Scorm2004 => {
            let version = if format == Format::Scorm12 {
                scorm::Version::Scorm12
            } else {
                scorm::Version::Scorm2004
            };
            let (mut files, pages) = site(validated, edition, Some(version.runtime_name()))?;
            if files.contains_key(scorm::MANIFEST) {
                return Err(io(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!(
                        "the site already holds a file named {}, which a SCORM package keeps for its manifest",
                        scorm::MANIFEST
                    ),
                )));
            }
            let manifest =
                scorm::manifest(version, &config.id, &config.title, &files).map_err(io)?;
            files.insert(scorm::MANIFEST.to_owned(), manifest.into());
            let bytes = site_zip::write(&files).map_err(|e| io(e.into()))?;
            (bytes, format!("{pages} pages"))
        }
        Format::MoodleXml | Format::Gift => {
            let categories = questions::collect(
                &validated.project,
                validated.compiled.modules(),
                edition,
                format.label(),
                out,
            );
            let (bytes, count) = if format == Format::Gift {
                let (text, count) = gift::write(&config.title, &categories, out);
                (text.into_bytes(), count)
            } else {
                moodle_xml::write(&config.title, &categories, out).map_err(io)?
            };
            let plural = |n: usize, what: &str| match n {
                1 => format!("1 {what}"),
                _ => format!("{n} {what}s"),
            };
            let holds = format!(
                "{} in {}",
                plural(count, "question"),
                plural(categories.len(), "module")
            );
            (bytes, holds)
        }
    };
    Ok(Package {
        name,
        bytes,
        holds: format!("{holds}, {} edition", edition.name()),
    })
}
