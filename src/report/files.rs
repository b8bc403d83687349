//! Reading the export files given to `report`: only regular files, each
//! once, never more than the size limit.
//!
//! Input: the paths on the command line. Output: each usable file's bytes
//! with the path it was given as, and a "skipped" reason for every other
//! path. A path that is not a regular file (a folder, a named pipe, a device
//! such as `/dev/zero`, a socket) is refused by its type before it is
//! opened, so a FIFO cannot make `report` wait forever; the file is opened
//! without waiting even so (`O_NONBLOCK`, in case it was swapped for a pipe
//! in between) and checked again once open; and it is read through a
//! reader that stops one byte past the limit, so a file that grows while it
//! is read cannot make `report` read more. A file named twice (again,
//! through a symlink, or as `./a/../a.json`) is read once: paths are
//! compared by their canonical form.

use std::collections::HashMap;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

/// What can go wrong with one path.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Skip {
    /// It could not be read (missing, no permission, …): the system's words.
    Unreadable(String),
    /// It is not a regular file: what it is.
    NotAFile(&'static str),
    /// It is the same file as one given before, by that path.
    Repeated(PathBuf),
    /// It is over the limit, in bytes.
    TooLarge(u64),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Unreadable(why) => write!(f, "cannot read it: {why}"),
            Skip::NotAFile(what) => write!(
                f,
                "it is {what}, not a file: report reads only regular files"
            ),
            Skip::Repeated(first) => write!(
                f,
                "it is the same file as {}, given already: each file is counted once",
                crate::terminal::escape(&first.to_string_lossy())
            ),
            Skip::TooLarge(limit) => {
                write!(f, "the file is over {} MiB", limit / 1024 / 1024)
            }
        }
    }
}

impl Skip {
    /// What to do about it.
    pub(crate) fn help(&self) -> Option<&'static str> {
        match self {
            Skip::NotAFile(_) => Some("give the progress files (.json) that mentors saved"),
            Skip::TooLarge(_) => Some("a progress file is a few KiB: is this the right file?"),
            Skip::Unreadable(_) | Skip::Repeated(_) => None,
        }
    }
}

/// What a file that is not a regular file is, in words.
fn kind_of(meta: &Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Opens `path` for reading without waiting for a writer if it has become
/// a named pipe since it was checked.
fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Everything `reader` holds, if that is at most `limit` bytes; reads at
/// most `limit + 1` bytes whatever it holds.
pub(crate) fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, Skip> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Skip::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(Skip::TooLarge(limit));
    }
    Ok(bytes)
}

/// Reads one regular file of at most `limit` bytes.
fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, Skip> {
    let unreadable = |e: std::io::Error| Skip::Unreadable(e.to_string());
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(Skip::NotAFile(kind_of(&meta)));
    }
    if meta.len() > limit {
        return Err(Skip::TooLarge(limit));
    }
    let file = open_without_waiting(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(Skip::NotAFile(kind_of(&meta)));
    }
    read_bounded(file, limit)
}

/// The export files to read, in the order given: each path's bytes, or why
/// it is skipped.
pub(crate) fn read_all(paths: &[PathBuf], limit: u64) -> Vec<(&Path, Result<Vec<u8>, Skip>)> {
    let mut seen: HashMap<PathBuf, &Path> = HashMap::new();
    paths
        .iter()
        .map(|path| {
            let read = match std::fs::canonicalize(path) {
                Ok(real) => match seen.get(&real) {
                    Some(first) => Err(Skip::Repeated(first.to_path_buf())),
                    None => {
                        seen.insert(real, path);
                        read_regular(path, limit)
                    }
                },
                Err(e) => Err(Skip::Unreadable(e.to_string())),
            };
            (path.as_path(), read)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_is_read_only_to_one_byte_past_the_limit() {
        // An endless reader, like a file that keeps growing.
        assert_eq!(
            read_bounded(std::io::repeat(b'x'), 10),
            Err(Skip::TooLarge(10))
        );
        assert_eq!(read_bounded(&b"0123456789"[..], 10).unwrap().len(), 10);
    }

    #[test]
    fn a_folder_a_missing_file_and_a_repeated_file_are_skipped_with_their_reason() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.json");
        std::fs::write(&file, "{}").unwrap();
        let again = dir.path().join("sub/../a.json");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let paths = vec![
            file.clone(),
            dir.path().to_path_buf(),
            dir.path().join("missing.json"),
            again,
        ];
        let read = read_all(&paths, 100);
        assert_eq!(read[0].1, Ok(b"{}".to_vec()));
        assert_eq!(read[1].1, Err(Skip::NotAFile("a folder")));
        assert!(matches!(read[2].1, Err(Skip::Unreadable(_))));
        assert_eq!(read[3].1, Err(Skip::Repeated(file)));
    }
}
