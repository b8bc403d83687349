//! The brand's files: the logo and the cover named in course.yaml must be
//! images under `course/` whose real place is inside it; then they are
//! published with the site (both editions).

use std::collections::BTreeSet;
use std::path::Path;

use crate::diagnostic::codes::Code;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::Project;
use crate::load::yaml::{self, Spanned};

/// Image types a browser shows in `<img>` (where an SVG's scripts never run).
const IMAGES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg"];

/// Checks `brand.logo` and `brand.cover`, adding each good one to `files`.
pub(crate) fn check(project: &Project, files: &mut BTreeSet<String>, out: &mut Diagnostics) {
    let brand = &project.config.brand;
    for (field, at) in [("logo", &brand.logo), ("cover", &brand.cover)] {
        if let Some(at) = at {
            match problem(project, field, at) {
                Some(d) => out.push(yaml::locate_str(d, &project.config.source, at, 0)),
                None => {
                    files.insert(at.value.clone());
                }
            }
        }
    }
}

/// What is wrong with the file `at` names, if anything.
fn problem(project: &Project, field: &str, at: &Spanned<String>) -> Option<Diagnostic> {
    let path = at.value.as_str();
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    if !extension.is_some_and(|e| IMAGES.contains(&e.as_str())) {
        return Some(
            Diagnostic::error(
                Code::InvalidValue,
                format!("brand.{field} \"{path}\" is not an image"),
            )
            .with_help(format!("use a {} file", IMAGES.join(", "))),
        );
    }
    let course = project.course_dir();
    if !course.join(path).is_file() {
        return Some(
            Diagnostic::error(
                Code::MissingFile,
                format!("brand.{field} \"{path}\" not found under course/"),
            )
            .with_help("check the spelling and that the file is inside the course folder"),
        );
    }
    crate::load::read::check_inside(&course, Path::new(path), "course/")
        .err()
        .map(|d| {
            Diagnostic::error(d.code, d.message)
                .with_help("copy the file into course/ instead of linking to it")
        })
}
