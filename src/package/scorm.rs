//! `--format scorm12` and `--format scorm2004`: the built site as one SCORM
//! package (one SCO) for an LMS: SCORM 1.2 (Moodle, Canvas, Blackboard,
//! Totara) or SCORM 2004 4th edition (Canvas, Blackboard, Totara).
//!
//! Input: the files of a site rendered into memory (`write::memory`), with
//! the SCORM runtime script in its pages. Output: the zip's bytes:
//! `imsmanifest.xml` at the root, the site beside it, launch page
//! `index.html`. The manifest is written with quick-xml's writer: the
//! version's namespaces, schema locations and `<schemaversion>`, one
//! organization holding one item, and one resource (the SCO) that lists
//! every file of the zip except the manifest itself, in path order, each
//! `href` percent-encoded where a URI needs it. The zip is made like the
//! site zip (`site_zip`): entries in path order, each dated 1980-01-01, so
//! the same site always makes the same package.

use std::io;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::write::memory::Files;

/// The manifest's path in the zip (SCORM: always at the root).
pub(crate) const MANIFEST: &str = "imsmanifest.xml";

/// The page an LMS opens first.
pub(crate) const LAUNCH: &str = "index.html";

/// Which SCORM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    /// SCORM 1.2.
    Scorm12,
    /// SCORM 2004 4th edition.
    Scorm2004,
}

impl Version {
    /// The package's file name for the course `course_id`.
    pub(crate) fn file_name(self, course_id: &str) -> String {
        match self {
            Version::Scorm12 => format!("{course_id}-scorm12.zip"),
            Version::Scorm2004 => format!("{course_id}-scorm2004.zip"),
        }
    }

    /// The version as the runtime script names it (`peerprepCourse.scorm`).
    pub(crate) fn runtime_name(self) -> &'static str {
        match self {
            Version::Scorm12 => "1.2",
            Version::Scorm2004 => "2004",
        }
    }

    /// `<schemaversion>`.
    fn schema_version(self) -> &'static str {
        match self {
            Version::Scorm12 => "1.2",
            Version::Scorm2004 => "2004 4th Edition",
        }
    }

    /// The `xmlns…` attributes of `<manifest>` and its `xsi:schemaLocation`.
    fn namespaces(self) -> (&'static [(&'static str, &'static str)], &'static str) {
        match self {
            Version::Scorm12 => (
                &[
                    ("xmlns", "http://www.imsproject.org/xsd/imscp_rootv1p1p2"),
                    ("xmlns:adlcp", "http://www.adlnet.org/xsd/adlcp_rootv1p2"),
                    ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                ],
                "http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd \
                 http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd \
                 http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd",
            ),
            Version::Scorm2004 => (
                &[
                    ("xmlns", "http://www.imsglobal.org/xsd/imscp_v1p1"),
                    ("xmlns:adlcp", "http://www.adlnet.org/xsd/adlcp_v1p3"),
                    ("xmlns:adlseq", "http://www.adlnet.org/xsd/adlseq_v1p3"),
                    ("xmlns:adlnav", "http://www.adlnet.org/xsd/adlnav_v1p3"),
                    ("xmlns:imsss", "http://www.imsglobal.org/xsd/imsss"),
                    ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                ],
                "http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd \
                 http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd \
                 http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd \
                 http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd \
                 http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd",
            ),
        }
    }

    /// The attribute that makes the resource a SCO (its case differs).
    fn scorm_type(self) -> &'static str {
        match self {
            Version::Scorm12 => "adlcp:scormtype",
            Version::Scorm2004 => "adlcp:scormType",
        }
    }
}

/// What a `<file href>` may hold as it is: a path's unreserved characters
/// and `/`; everything else (spaces, `%`, `#`, `?`, non-ASCII) is encoded.
const HREF: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A file's path as the manifest's `href` writes it.
pub(crate) fn href(path: &str) -> String {
    utf8_percent_encode(path, HREF).to_string()
}

/// `imsmanifest.xml` for a course whose site is `files` (the manifest not
/// among them): every file is listed in the one resource, in path order.
pub(crate) fn manifest(
    version: Version,
    course_id: &str,
    course_title: &str,
    files: &Files,
) -> io::Result<Vec<u8>> {
    let mut paths: Vec<&str> = files.keys().map(String::as_str).collect();
    paths.sort_unstable();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    // Identifiers are xs:ID values, which cannot start with a digit (a
    // course id can): the prefix makes them valid.
    let identifier = format!("peerprep-{course_id}");
    let (namespaces, locations) = version.namespaces();
    let mut root = w
        .create_element("manifest")
        .with_attribute(("identifier", identifier.as_str()))
        .with_attribute(("version", "1"));
    for &attribute in namespaces {
        root = root.with_attribute(attribute);
    }
    root.with_attribute(("xsi:schemaLocation", locations))
        .write_inner_content(|w| {
            w.create_element("metadata").write_inner_content(|w| {
                text(w, "schema", "ADL SCORM")?;
                text(w, "schemaversion", version.schema_version())
            })?;
            w.create_element("organizations")
                .with_attribute(("default", "organization"))
                .write_inner_content(|w| {
                    w.create_element("organization")
                        .with_attribute(("identifier", "organization"))
                        .write_inner_content(|w| {
                            text(w, "title", course_title)?;
                            w.create_element("item")
                                .with_attribute(("identifier", "item"))
                                .with_attribute(("identifierref", "sco"))
                                .write_inner_content(|w| text(w, "title", course_title))?;
                            Ok(())
                        })?;
                    Ok(())
                })?;
            w.create_element("resources").write_inner_content(|w| {
                w.create_element("resource")
                    .with_attribute(("identifier", "sco"))
                    .with_attribute(("type", "webcontent"))
                    .with_attribute((version.scorm_type(), "sco"))
                    .with_attribute(("href", LAUNCH))
                    .write_inner_content(|w| {
                        for path in &paths {
                            w.create_element("file")
                                .with_attribute(("href", href(path).as_str()))
                                .write_empty()?;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
            Ok(())
        })?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// `<name>text</name>`.
fn text(w: &mut Writer<Vec<u8>>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

#[cfg(test)]
mod tests;
