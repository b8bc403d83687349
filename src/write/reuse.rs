//! Keeping unchanged files: a build over its own previous output writes only
//! the files whose bytes changed.
//!
//! The staging folder still receives every file, so a failed build leaves
//! the previous site whole and a finished one swaps in at once; but a file
//! whose new bytes equal the previous output's file is not written again:
//! the staging folder gets a hard link to the previous file (same inode,
//! same modification time), which the swap then keeps when the previous
//! folder is removed. Web servers, `rsync` and backups see only the files
//! that changed. Where a link cannot be made (another file system, a file
//! system without links), the file is written as before.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::fs::{self, IoError};

/// The previous output, and how many files were kept from it or written.
#[derive(Debug, Default)]
pub(crate) struct Previous {
    /// The previous output folder, when there is one of the same kind.
    dir: Option<PathBuf>,
    /// Files linked from the previous output.
    pub(crate) kept: AtomicUsize,
    /// Files written because they are new or changed.
    pub(crate) written: AtomicUsize,
}

impl Previous {
    /// The previous output at `dir` (None: a first build).
    pub(crate) fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            ..Self::default()
        }
    }

    /// The previous file at `relative`, when it exists with `len` bytes.
    fn same_size(&self, relative: &str, len: u64) -> Option<PathBuf> {
        let old = self.dir.as_ref()?.join(relative);
        let meta = std::fs::symlink_metadata(&old).ok()?;
        (meta.is_file() && meta.len() == len).then_some(old)
    }

    /// Writes `contents` at `new`, or links the previous file when it holds
    /// the same bytes.
    pub(crate) fn write(&self, relative: &str, new: &Path, contents: &[u8]) -> Result<(), IoError> {
        if let Some(old) = self.same_size(relative, contents.len() as u64)
            && std::fs::read(&old).is_ok_and(|bytes| bytes == contents)
            && link(&old, new)
        {
            self.kept.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        fs::write(new, contents)
    }

    /// Copies `from` to `new`, or links the previous file when it holds the
    /// same bytes.
    pub(crate) fn copy(&self, relative: &str, new: &Path, from: &Path) -> Result<(), IoError> {
        let len = std::fs::metadata(from).map_or(u64::MAX, |m| m.len());
        if let Some(old) = self.same_size(relative, len)
            && same_bytes(&old, from)
            && link(&old, new)
        {
            self.kept.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        fs::copy(from, new)
    }

    /// Writes at `new` what `produce` writes, piece by piece, comparing as
    /// it goes: nothing is written while the bytes match the previous file,
    /// which is linked when they all did.
    pub(crate) fn write_with(
        &self,
        relative: &str,
        new: &Path,
        produce: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), IoError> {
        let Some(old) = self.dir.as_ref().map(|d| d.join(relative)) else {
            self.written.fetch_add(1, Ordering::Relaxed);
            return fs::write_with(new, produce);
        };
        let wrap = |source| IoError {
            action: "write",
            path: new.to_path_buf(),
            source,
        };
        let mut out = io::BufWriter::with_capacity(64 * 1024, Comparing::new(&old, new));
        produce(&mut out).map_err(wrap)?;
        let out = out.into_inner().map_err(|e| wrap(e.into_error()))?;
        if out.finish().map_err(wrap)? && link(&old, new) {
            self.kept.fetch_add(1, Ordering::Relaxed);
        } else {
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }
}

/// Links `new` to `old`, creating `new`'s folders; false when it cannot.
fn link(old: &Path, new: &Path) -> bool {
    fs::in_new_folders(new, || std::fs::hard_link(old, new)).is_ok()
}

/// Whether two files of the same size hold the same bytes.
fn same_bytes(a: &Path, b: &Path) -> bool {
    let (Ok(a), Ok(b)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let (mut a, mut b) = (io::BufReader::new(a), io::BufReader::new(b));
    let (mut x, mut y) = ([0u8; 8192], [0u8; 8192]);
    loop {
        let n = match a.read(&mut x) {
            Ok(n) => n,
            Err(_) => return false,
        };
        if n == 0 {
            return b.read(&mut y).is_ok_and(|m| m == 0);
        }
        if b.read_exact(&mut y[..n]).is_err() || x[..n] != y[..n] {
            return false;
        }
    }
}

/// A writer that compares what it is given with the previous file and
/// writes the new file only from the first difference on (copying the
/// matching part from the previous file then).
struct Comparing<'p> {
    old_path: &'p Path,
    new_path: &'p Path,
    /// The previous file, while everything so far matched it.
    old: Option<io::BufReader<std::fs::File>>,
    /// How many bytes matched so far.
    matched: u64,
    /// The new file, once the bytes differ.
    out: Option<io::BufWriter<std::fs::File>>,
    buffer: Vec<u8>,
}

impl<'p> Comparing<'p> {
    fn new(old_path: &'p Path, new_path: &'p Path) -> Self {
        let old = std::fs::File::open(old_path)
            .ok()
            .filter(|f| f.metadata().is_ok_and(|m| m.is_file()))
            .map(|f| io::BufReader::with_capacity(64 * 1024, f));
        Self {
            old_path,
            new_path,
            old,
            matched: 0,
            out: None,
            buffer: Vec::new(),
        }
    }

    /// Stops comparing: creates the new file and copies into it the part
    /// that matched.
    fn diverge(&mut self) -> io::Result<&mut io::BufWriter<std::fs::File>> {
        if self.out.is_none() {
            self.old = None;
            let new_path = self.new_path;
            let file = fs::in_new_folders(new_path, || std::fs::File::create(new_path))?;
            let mut out = io::BufWriter::with_capacity(64 * 1024, file);
            if self.matched > 0 {
                let mut old = std::fs::File::open(self.old_path)?.take(self.matched);
                io::copy(&mut old, &mut out)?;
            }
            self.out = Some(out);
        }
        Ok(self.out.as_mut().expect("created above"))
    }

    /// Ends the file: true when every byte matched the previous file and it
    /// has no more (nothing was written: the caller links it), false when
    /// the new file was written.
    fn finish(mut self) -> io::Result<bool> {
        if let Some(old) = self.old.as_mut() {
            let mut probe = [0u8; 1];
            if old.read(&mut probe)? == 0 {
                return Ok(true);
            }
        }
        self.diverge()?.flush()?;
        Ok(false)
    }
}

impl Write for Comparing<'_> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if let Some(old) = self.old.as_mut() {
            self.buffer.resize(data.len(), 0);
            if old.read_exact(&mut self.buffer).is_ok() && self.buffer == data {
                self.matched += data.len() as u64;
                return Ok(data.len());
            }
        }
        self.diverge()?.write_all(data)?;
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.out.as_mut() {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).unwrap().ino()
    }

    fn produce(parts: &'static [&'static str]) -> impl FnMut(&mut dyn Write) -> io::Result<()> {
        move |out| {
            for p in parts {
                out.write_all(p.as_bytes())?;
            }
            Ok(())
        }
    }

    #[test]
    fn same_bytes_are_linked_and_changed_bytes_written() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        std::fs::create_dir_all(old.join("m")).unwrap();
        std::fs::write(old.join("m/a.html"), "same").unwrap();
        std::fs::write(old.join("b.html"), "before").unwrap();
        let previous = Previous::new(Some(old.clone()));
        previous
            .write("m/a.html", &new.join("m/a.html"), b"same")
            .unwrap();
        previous
            .write("b.html", &new.join("b.html"), b"after!")
            .unwrap();
        previous
            .write("c.html", &new.join("c.html"), b"new")
            .unwrap();
        assert_eq!(inode(&new.join("m/a.html")), inode(&old.join("m/a.html")));
        assert_ne!(inode(&new.join("b.html")), inode(&old.join("b.html")));
        assert_eq!(
            std::fs::read_to_string(new.join("b.html")).unwrap(),
            "after!"
        );
        assert_eq!(
            std::fs::read_to_string(old.join("b.html")).unwrap(),
            "before"
        );
        assert_eq!(previous.kept.load(Ordering::Relaxed), 1);
        assert_eq!(previous.written.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn a_streamed_file_is_compared_piece_by_piece() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("same.js"), "abcdef").unwrap();
        std::fs::write(old.join("late.js"), "abcdef").unwrap();
        std::fs::write(old.join("longer.js"), "abc").unwrap();
        std::fs::write(old.join("shorter.js"), "abcdef").unwrap();
        let previous = Previous::new(Some(old.clone()));
        let cases: [(&str, &'static [&'static str]); 4] = [
            ("same.js", &["ab", "cd", "ef"]),
            ("late.js", &["ab", "cd", "eX"]),
            ("longer.js", &["abc", "def"]),
            ("shorter.js", &["abc"]),
        ];
        for (name, parts) in cases {
            previous
                .write_with(name, &new.join(name), &mut produce(parts))
                .unwrap();
            assert_eq!(
                std::fs::read_to_string(new.join(name)).unwrap(),
                parts.concat(),
                "{name}"
            );
        }
        assert_eq!(inode(&new.join("same.js")), inode(&old.join("same.js")));
        assert_ne!(inode(&new.join("late.js")), inode(&old.join("late.js")));
        assert_eq!(
            std::fs::read_to_string(old.join("late.js")).unwrap(),
            "abcdef"
        );
        assert_eq!(previous.kept.load(Ordering::Relaxed), 1);
        assert_eq!(previous.written.load(Ordering::Relaxed), 3);
    }

    #[test]
    fn copies_compare_the_source_with_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        std::fs::create_dir_all(&old).unwrap();
        let source = dir.path().join("photo.png");
        std::fs::write(&source, vec![7u8; 20_000]).unwrap();
        std::fs::write(old.join("photo.png"), vec![7u8; 20_000]).unwrap();
        let mut changed = vec![7u8; 20_000];
        changed[19_999] = 8;
        std::fs::write(old.join("other.png"), changed).unwrap();
        let previous = Previous::new(Some(old.clone()));
        previous
            .copy("photo.png", &new.join("photo.png"), &source)
            .unwrap();
        previous
            .copy("other.png", &new.join("other.png"), &source)
            .unwrap();
        assert_eq!(inode(&new.join("photo.png")), inode(&old.join("photo.png")));
        assert_ne!(inode(&new.join("other.png")), inode(&old.join("other.png")));
        assert_eq!(
            std::fs::read(new.join("other.png")).unwrap(),
            vec![7u8; 20_000]
        );
    }

    #[test]
    fn without_a_previous_output_everything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let previous = Previous::new(None);
        let new = dir.path().join("new/x.html");
        previous
            .write_with("x.html", &new, &mut produce(&["hello"]))
            .unwrap();
        assert_eq!(std::fs::read_to_string(&new).unwrap(), "hello");
        assert_eq!(previous.written.load(Ordering::Relaxed), 1);
    }
}
