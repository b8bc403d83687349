//! Work kept between builds, for `serve`: each piece is stored under a hash
//! of everything it was made from, so a rebuild after a one-file edit redoes
//! only that file's work, and never reuses anything stale (a different input
//! is a different key). After each build, entries that build did not use
//! are dropped, so the cache holds one build's worth.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::compile::ModuleResult;
use crate::diagnostic::Diagnostics;
use crate::module::Module;

/// Values of one kind by key, with the keys used in the current build.
#[derive(Debug)]
pub struct Store<T> {
    entries: Mutex<HashMap<u64, Arc<T>>>,
    used: Mutex<HashMap<u64, Arc<T>>>,
}

impl<T> Default for Store<T> {
    fn default() -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            used: Mutex::new(HashMap::new()),
        }
    }
}

impl<T> Store<T> {
    /// The value for `key`, made by `work` when it is not kept.
    pub fn get_or(&self, key: u64, work: impl FnOnce() -> T) -> Arc<T> {
        let hit = lock(&self.entries).get(&key).cloned();
        let value = hit.unwrap_or_else(|| Arc::new(work()));
        lock(&self.used).insert(key, value.clone());
        value
    }

    /// The value kept for `key`, if any (and marks it used).
    pub fn get(&self, key: u64) -> Option<Arc<T>> {
        let hit = lock(&self.entries).get(&key).cloned()?;
        lock(&self.used).insert(key, hit.clone());
        Some(hit)
    }

    /// Keeps `value` for `key` (and marks it used).
    pub fn keep(&self, key: u64, value: Arc<T>) {
        lock(&self.used).insert(key, value);
    }

    /// Keeps only what the build that just ended used.
    fn finish_build(&self) {
        let used = std::mem::take(&mut *lock(&self.used));
        *lock(&self.entries) = used;
    }

    /// How many values are kept.
    pub fn len(&self) -> usize {
        lock(&self.entries).len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Everything `serve` keeps between rebuilds.
#[derive(Debug, Default)]
pub struct Cache {
    /// Modules loaded from their files (front matter parsed), with the
    /// problems found, by the file's path, size and times (a file that has
    /// not changed is not read again).
    pub modules: Store<(Option<Module>, Diagnostics)>,
    /// Compiled module bodies, for pages and for printed documents.
    pub bodies: Store<ModuleResult>,
    /// Pages as rendered, by a hash of everything they were made from.
    pub pages: Store<Vec<u8>>,
}

impl Cache {
    /// Ends a build: drops what it did not use.
    pub fn finish_build(&self) {
        self.modules.finish_build();
        self.bodies.finish_build();
        self.pages.finish_build();
    }
}

/// A hash of `value`, for cache keys.
pub(crate) fn hash_of(value: &impl std::hash::Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    value.hash(&mut h);
    std::hash::Hasher::finish(&h)
}

/// Locks `m`, carrying on after a panic in another thread (the data is
/// plain values, never left half-changed).
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_keeps_what_the_last_build_used() {
        let store: Store<String> = Store::default();
        let made = std::cell::Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            "x".to_string()
        };
        store.get_or(1, make);
        store.get_or(2, make);
        store.finish_build();
        assert_eq!(store.len(), 2);
        store.get_or(1, make);
        store.finish_build();
        assert_eq!(made.get(), 2, "key 1 was made once");
        assert_eq!(store.len(), 1, "key 2 was dropped");
        assert!(store.get(2).is_none());
        store.keep(3, std::sync::Arc::new("y".into()));
        assert_eq!(store.get(1).as_deref().map(String::as_str), Some("x"));
        store.finish_build();
        assert_eq!(store.len(), 2, "kept and looked-up values stay");
    }
}
