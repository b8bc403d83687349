//! Work kept between builds, for `serve` (the stores themselves; which
//! stores there are is the pipeline's `Cache`): each piece is stored under a hash
//! of everything it was made from, so a rebuild after a one-file edit redoes
//! only that file's work, and never reuses anything stale (a different input
//! is a different key). After each build, entries that build did not use
//! are dropped, so the cache holds one build's worth.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

/// Values of one kind by key, with the keys used in the current build.
#[derive(Debug)]
pub(crate) struct Store<T> {
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
    pub(crate) fn get_or(&self, key: u64, work: impl FnOnce() -> T) -> Arc<T> {
        let hit = lock(&self.entries).get(&key).cloned();
        let value = hit.unwrap_or_else(|| Arc::new(work()));
        lock(&self.used).insert(key, value.clone());
        value
    }

    /// The value kept for `key`, if any (and marks it used).
    pub(crate) fn get(&self, key: u64) -> Option<Arc<T>> {
        let hit = lock(&self.entries).get(&key).cloned()?;
        lock(&self.used).insert(key, hit.clone());
        Some(hit)
    }

    /// Keeps `value` for `key` (and marks it used).
    pub(crate) fn keep(&self, key: u64, value: Arc<T>) {
        lock(&self.used).insert(key, value);
    }

    /// Keeps only what the build that just ended used.
    pub(crate) fn finish_build(&self) {
        let used = std::mem::take(&mut *lock(&self.used));
        *lock(&self.entries) = used;
    }

    /// How many values are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        lock(&self.entries).len()
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
