//! Tests of the SCORM manifest and package: the manifest read back with
//! roxmltree (and `xmllint --noout` when it is installed), and the bundled
//! course packaged in both versions and read back with the `zip` crate.

use std::collections::BTreeSet;
use std::io::{Cursor, Read as _};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use super::*;
use crate::diagnostic::Diagnostics;
use crate::edition::Edition;
use crate::package::{Format, make};
use crate::pipeline::load_and_validate;

/// The `href` of every `<file>` of the manifest's one resource, decoded,
/// after checking the manifest's shape for `version`.
fn listed(version: Version, xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed manifest");
    let root = doc.root_element();
    let (cp, adlcp) = match version {
        Version::Scorm12 => (
            "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
            "http://www.adlnet.org/xsd/adlcp_rootv1p2",
        ),
        Version::Scorm2004 => (
            "http://www.imsglobal.org/xsd/imscp_v1p1",
            "http://www.adlnet.org/xsd/adlcp_v1p3",
        ),
    };
    assert_eq!(root.tag_name().namespace(), Some(cp));
    assert_eq!(root.tag_name().name(), "manifest");
    let find = |name: &str| {
        doc.descendants()
            .filter(|n| n.tag_name().name() == name && n.tag_name().namespace() == Some(cp))
            .collect::<Vec<_>>()
    };
    let schema_version = find("schemaversion");
    assert_eq!(schema_version.len(), 1);
    assert_eq!(schema_version[0].text(), Some(version.schema_version()));
    assert_eq!(find("schema")[0].text(), Some("ADL SCORM"));
    assert_eq!(find("organization").len(), 1);
    let items = find("item");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].attribute("identifierref"), Some("sco"));
    let resources = find("resource");
    assert_eq!(resources.len(), 1);
    let resource = resources[0];
    assert_eq!(resource.attribute("identifier"), Some("sco"));
    assert_eq!(resource.attribute("href"), Some(LAUNCH));
    let scorm_type = if version == Version::Scorm12 {
        "scormtype"
    } else {
        "scormType"
    };
    assert_eq!(resource.attribute((adlcp, scorm_type)), Some("sco"));
    resource
        .children()
        .filter(|n| n.is_element())
        .map(|n| {
            assert_eq!(n.tag_name().name(), "file");
            let href = n.attribute("href").expect("href");
            percent_encoding::percent_decode_str(href)
                .decode_utf8()
                .expect("UTF-8")
                .into_owned()
        })
        .collect()
}

#[test]
fn the_manifest_lists_every_file_in_path_order_with_hrefs_encoded() {
    let mut files = Files::new();
    for path in ["modules/b.html", "index.html", "images/a photo #1.png"] {
        files.insert(path.to_owned(), Arc::new(Vec::new()));
    }
    for version in [Version::Scorm12, Version::Scorm2004] {
        let bytes = manifest(version, "1st-course", "Tom & Jerry <3", &files).unwrap();
        let xml = String::from_utf8(bytes).unwrap();
        assert!(
            xml.contains("href=\"images/a%20photo%20%231.png\""),
            "{xml}"
        );
        assert!(xml.contains("identifier=\"peerprep-1st-course\""), "{xml}");
        assert!(
            xml.contains("<title>Tom &amp; Jerry &lt;3</title>"),
            "{xml}"
        );
        assert_eq!(
            listed(version, &xml),
            ["images/a photo #1.png", "index.html", "modules/b.html"]
        );
    }
}

/// `xmllint --noout` on `xml`, when it is installed (CI installs it).
fn xmllint(xml: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(MANIFEST);
    std::fs::write(&path, xml).unwrap();
    match Command::new("xmllint").arg("--noout").arg(&path).output() {
        Ok(out) => assert!(
            out.status.success(),
            "xmllint: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "cannot run in CI: xmllint is not installed"
            );
            eprintln!(
                "\n==== SKIPPED: xmllint is not installed (Debian: apt-get install libxml2-utils) ====\n"
            );
        }
    }
}

#[test]
fn the_bundled_course_packages_in_both_versions_with_every_file_listed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diagnostics = Diagnostics::new();
    let validated = load_and_validate(root, None, &mut diagnostics)
        .expect("a course")
        .expect("valid");
    for (format, version) in [
        (Format::Scorm12, Version::Scorm12),
        (Format::Scorm2004, Version::Scorm2004),
    ] {
        let package = make(&validated, format, Edition::Mentor, &mut diagnostics).unwrap();
        assert!(diagnostics.is_empty(), "{}", diagnostics.render_human());
        assert_eq!(package.name, version.file_name("peer-mentor-training"));
        let again = make(&validated, format, Edition::Mentor, &mut diagnostics).unwrap();
        assert_eq!(
            package.bytes, again.bytes,
            "the same site makes the same zip"
        );
        let mut archive = zip::ZipArchive::new(Cursor::new(package.bytes)).unwrap();
        let names: Vec<String> = (0..archive.len())
            .map(|i| archive.by_index(i).unwrap().name().unwrap().into_owned())
            .collect();
        assert!(names.iter().any(|n| n == LAUNCH));
        let mut xml = String::new();
        archive
            .by_name(MANIFEST)
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xmllint(xml.as_bytes());
        let files = listed(version, &xml);
        let mut sorted = files.clone();
        sorted.sort();
        assert_eq!(files, sorted, "files in path order");
        let in_zip: BTreeSet<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|&n| n != MANIFEST)
            .collect();
        assert_eq!(
            files.iter().map(String::as_str).collect::<BTreeSet<_>>(),
            in_zip,
            "the manifest lists every file in the zip and nothing else"
        );
        assert_eq!(files.len(), in_zip.len(), "no file listed twice");
    }
}

#[test]
fn only_scorm_packages_carry_the_runtime_and_every_page_loads_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diagnostics = Diagnostics::new();
    let validated = load_and_validate(root, None, &mut diagnostics)
        .expect("a course")
        .expect("valid");
    let (plain, _) = crate::package::site(&validated, Edition::Mentor, None).unwrap();
    assert!(!plain.contains_key("assets/scorm.js"));
    assert!(!plain.contains_key("assets/scorm-course.js"));
    assert!(
        plain
            .iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .all(|(_, bytes)| !String::from_utf8_lossy(bytes).contains("scorm"))
    );
    let (files, _) = crate::package::site(
        &validated,
        Edition::Mentor,
        Some(Version::Scorm12.runtime_name()),
    )
    .unwrap();
    let data = String::from_utf8_lossy(&files["assets/scorm-course.js"]).into_owned();
    assert!(data.starts_with("window.peerprepCourse = {"), "{data}");
    assert!(
        data.contains("window.peerprepCourse.pass_mark = 80;"),
        "{data}"
    );
    assert!(
        data.contains("window.peerprepCourse.scorm = \"1.2\";"),
        "{data}"
    );
    assert!(files.contains_key("assets/scorm.js"));
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let page = String::from_utf8_lossy(bytes);
        let depth = path.matches('/').count();
        let root = "../".repeat(depth);
        assert!(
            page.contains(&format!(
                "<script defer src=\"{root}assets/scorm.js\"></script>"
            )),
            "{path} loads the runtime"
        );
    }
}
