//! Writing a site into memory instead of a folder: `serve` answers requests
//! from it, and `check` reads its pages' links. Nothing touches the disk.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::cache::lock;
use crate::fs::{self, IoError};
use crate::write::Sink;

/// A built site: file contents by path relative to the site root (shared
/// with `serve`'s cache, so an unchanged page is never copied).
pub(crate) type Files = HashMap<String, Arc<Vec<u8>>>;

/// A [`Sink`] that keeps every file in memory.
#[derive(Debug, Default)]
pub(crate) struct Memory {
    files: Mutex<Files>,
}

impl Memory {
    /// The files written, by path relative to the site root.
    pub(crate) fn into_files(self) -> Files {
        self.files
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Sink for Memory {
    fn write(&self, relative: &str, contents: &[u8]) -> Result<(), IoError> {
        lock(&self.files).insert(relative.to_string(), Arc::new(contents.to_vec()));
        Ok(())
    }
    fn copy(&self, relative: &str, from: &Path) -> Result<(), IoError> {
        let bytes = fs::read(from)?;
        lock(&self.files).insert(relative.to_string(), Arc::new(bytes));
        Ok(())
    }
    fn write_with(
        &self,
        relative: &str,
        produce: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), IoError> {
        let bytes = crate::write::gather(relative, produce)?;
        self.write_shared(relative, Arc::new(bytes))
    }
    fn write_shared(&self, relative: &str, contents: Arc<Vec<u8>>) -> Result<(), IoError> {
        lock(&self.files).insert(relative.to_string(), contents);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_keeps_what_is_written() {
        let memory = Memory::default();
        memory.write("a/b.html", b"<p>hi</p>").expect("write");
        memory.write("a/b.html", b"<p>again</p>").expect("write");
        let files = memory.into_files();
        assert_eq!(files.len(), 1);
        assert_eq!(files["a/b.html"].as_slice(), b"<p>again</p>");
    }
}
