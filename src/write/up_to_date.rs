//! Seeing that a build would change nothing, without doing it.
//!
//! A build that found no problems records in its output's marker file a
//! stamp of everything it read (`load::stamp::sources_stamp`) and a stamp of
//! the files it wrote (their names, sizes, times and inodes). The next build
//! with the same stamp of its sources, over an output whose files still have
//! that stamp, has nothing to do: it leaves the output untouched. Any change
//! to a source (an edit, a new or removed file, another theme, another
//! peerprep) or to the output (a file edited or deleted there) means a full
//! build, which still writes only the files whose bytes changed. A build
//! with warnings records nothing, so it runs again and shows them again.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use super::{MARKER, OutputKind, Staging, absolute, resolve_link};
use crate::fs::IoError;

/// The line of the marker file that holds the record.
const RECORD_LINE: &str = "peerprep-build: ";

/// What a build that found no problems records of itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Record {
    /// The stamp of its sources and settings.
    pub(crate) sources: u64,
    /// How many pages it built.
    pub(crate) pages: usize,
    /// The size of its search index, in bytes.
    pub(crate) search_index: usize,
}

/// An output that is already what a build would make.
#[derive(Debug)]
pub(crate) struct UpToDate {
    /// What the build that made it recorded.
    pub(crate) record: Record,
    /// How many files it holds (besides the marker).
    pub(crate) files: usize,
    /// The output folder (where a link leads, for a link).
    pub(crate) target: PathBuf,
}

/// The site output at `target`, when the build that made it had sources
/// stamped `sources` and none of its files has changed since.
pub(crate) fn up_to_date(target: &Path, sources: u64) -> Option<UpToDate> {
    let target = resolve_link(&absolute(target)).ok()?;
    let marker = std::fs::read_to_string(target.join(MARKER)).ok()?;
    if OutputKind::of_marker(&marker) != Some(OutputKind::Site) {
        return None;
    }
    let line = marker.lines().find_map(|l| l.strip_prefix(RECORD_LINE))?;
    let (record, outputs) = parse(line)?;
    if record.sources != sources {
        return None;
    }
    let (now, files) = outputs_stamp(&target)?;
    (now == outputs).then_some(UpToDate {
        record,
        files,
        target,
    })
}

impl Staging {
    /// Records `record`, with the stamp of the files staged so far, in the
    /// staged marker: call it last, when every file is written. Without a
    /// record the next build is simply a full one, so a failure here is
    /// reported to the caller to ignore.
    pub(crate) fn record(&self, record: Record) -> Result<(), IoError> {
        let marker = self.dir.join(MARKER);
        let Some((outputs, _)) = outputs_stamp(&self.dir) else {
            return Ok(());
        };
        let mut text = String::from_utf8_lossy(&crate::fs::read(&marker)?).into_owned();
        text.push_str(&format!(
            "{RECORD_LINE}{:016x} {outputs:016x} {} {}\n",
            record.sources, record.pages, record.search_index
        ));
        crate::fs::write(&marker, text.as_bytes())
    }
}

/// The record and the outputs' stamp from a record line.
fn parse(line: &str) -> Option<(Record, u64)> {
    let mut parts = line.split_whitespace();
    let sources = u64::from_str_radix(parts.next()?, 16).ok()?;
    let outputs = u64::from_str_radix(parts.next()?, 16).ok()?;
    let pages = parts.next()?.parse().ok()?;
    let search_index = parts.next()?.parse().ok()?;
    Some((
        Record {
            sources,
            pages,
            search_index,
        },
        outputs,
    ))
}

/// A stamp of every file in `dir` but the marker (name, size, modification
/// time and, on Unix, inode: a kept file is the same inode) and how many
/// there are. Not the change time: removing the previous folder after a
/// swap changes the link count, and with it the change time, of kept files.
fn outputs_stamp(dir: &Path) -> Option<(u64, usize)> {
    let mut h = std::hash::DefaultHasher::new();
    let mut files = 0;
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name() {
        let entry = entry.ok()?;
        let relative = entry.path().strip_prefix(dir).ok()?;
        if relative == Path::new(MARKER) {
            continue;
        }
        relative.hash(&mut h);
        if entry.file_type().is_dir() {
            continue;
        }
        let meta = entry.metadata().ok()?;
        meta.len().hash(&mut h);
        meta.modified().ok()?.hash(&mut h);
        #[cfg(unix)]
        std::os::unix::fs::MetadataExt::ino(&meta).hash(&mut h);
        files += 1;
    }
    Some((h.finish(), files))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_line_reads_back() {
        let line = format!("{:016x} {:016x} 12 3400", 0xfeed_u64, 0xbeef_u64);
        let (record, outputs) = parse(&line).unwrap();
        assert_eq!(
            record,
            Record {
                sources: 0xfeed,
                pages: 12,
                search_index: 3400
            }
        );
        assert_eq!(outputs, 0xbeef);
        assert_eq!(parse("zz 1 2 3"), None);
        assert_eq!(parse("1 2 3"), None);
    }

    #[test]
    fn an_output_is_up_to_date_until_a_file_in_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("course-folder");
        std::fs::create_dir_all(&project).unwrap();
        let out = dir.path().join("public");
        let staging = Staging::new(&project, &out, OutputKind::Site).unwrap();
        crate::fs::write(&staging.dir.join("index.html"), b"<p>hi</p>").unwrap();
        let record = Record {
            sources: 7,
            pages: 1,
            search_index: 0,
        };
        staging.record(record).unwrap();
        staging.finish().unwrap();

        let fresh = up_to_date(&out, 7).expect("nothing changed");
        assert_eq!((fresh.record, fresh.files), (record, 1));
        assert!(up_to_date(&out, 8).is_none(), "other sources");
        std::fs::write(out.join("index.html"), b"<p>edited</p>").unwrap();
        assert!(
            up_to_date(&out, 7).is_none(),
            "a file in the output changed"
        );
    }
}
