//! What rendering writes into: the write stage implements it (a staging
//! folder swapped in at the end, or memory), so rendering never depends on
//! where its files go.

use std::path::Path;

use crate::fs::IoError;

/// Where rendered files go: the write stage's staging folder, or memory
/// (for `serve`, and for `check`, which renders every page to check its
/// links but writes nothing).
pub(crate) trait Sink: Sync {
    /// Writes `contents` at `relative` (forward slashes, no `..`).
    fn write(&self, relative: &str, contents: &[u8]) -> Result<(), IoError>;
    /// Copies the file at `from` to `relative`.
    fn copy(&self, relative: &str, from: &Path) -> Result<(), IoError>;
    /// Writes `contents`, which the caller keeps too (`serve` keeps unchanged
    /// pages between builds): memory stores it without a copy.
    fn write_shared(
        &self,
        relative: &str,
        contents: std::sync::Arc<Vec<u8>>,
    ) -> Result<(), IoError> {
        self.write(relative, &contents)
    }
    /// Writes at `relative` what `produce` writes, piece by piece. By
    /// default it is gathered in memory, then written with [`Sink::write`].
    fn write_with(
        &self,
        relative: &str,
        produce: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), IoError> {
        self.write(relative, &gather(relative, produce)?)
    }
}

/// What `produce` writes, gathered in memory (`relative` names it in errors).
pub(crate) fn gather(
    relative: &str,
    produce: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<Vec<u8>, IoError> {
    let mut buffer = Vec::new();
    produce(&mut buffer).map_err(|source| IoError {
        action: "write",
        path: relative.into(),
        source,
    })?;
    Ok(buffer)
}
