//! `--format zip`: the built site of one edition as one zip file, to send to
//! another school or put on a file share. Its links are relative, so
//! `index.html` opens from the unzipped folder.
//!
//! Input: the files of a site rendered into memory (`write::memory`), never
//! into the user's `public/`. Output: the zip's bytes, written with the
//! `zip` crate: entries in path order, each dated 1980-01-01, so the same
//! site always makes the same file.

use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::write::memory::Files;

/// The file's name in the package folder.
pub(crate) fn file_name(course_id: &str) -> String {
    format!("{course_id}-site.zip")
}

/// The site's files as a zip, entries at its root in path order.
pub(crate) fn write(files: &Files) -> zip::result::ZipResult<Vec<u8>> {
    let mut paths: Vec<&String> = files.keys().collect();
    paths.sort();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for path in paths {
        zip.start_file(path.as_str(), options)?;
        zip.write_all(&files[path])?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn entries_are_in_path_order_and_the_zip_is_repeatable() {
        let mut files = Files::new();
        for (path, text) in [
            ("modules/b.html", "b"),
            ("index.html", "i"),
            ("assets/a.css", "a"),
        ] {
            files.insert(path.to_owned(), Arc::new(text.as_bytes().to_vec()));
        }
        let bytes = write(&files).unwrap();
        assert_eq!(bytes, write(&files).unwrap());
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let names: Vec<String> = (0..archive.len())
            .map(|i| archive.by_index(i).unwrap().name().unwrap().into_owned())
            .collect();
        assert_eq!(names, ["assets/a.css", "index.html", "modules/b.html"]);
    }
}
