//! Items made a batch ahead of their reader, on a worker thread.
//!
//! The printed documents hold every module: compiling every body before the
//! template starts would keep them all in memory at once (70 MiB at 5,000
//! modules). Instead a worker thread makes them a batch at a time, in the
//! order a template reads them, while the template writes the ones before;
//! each item is let go as soon as it is read. The worker borrows what it
//! needs (the course), which a template value cannot: template values must
//! own their data, so they hold an [`Ahead`] and ask it.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// How many batches may wait, made and not yet read.
const BATCHES_AHEAD: usize = 2;

/// Items `0..len`, made ahead by a worker; see [`scope`].
pub(crate) struct Ahead<T> {
    state: Mutex<State<T>>,
    changed: Condvar,
    len: usize,
    batch: usize,
}

struct State<T> {
    /// Made and not yet read, by index.
    ready: HashMap<usize, T>,
    /// The next index the worker makes when nobody is waiting.
    next: usize,
    /// An index a reader waits for that is not ready.
    wanted: Option<usize>,
    /// No more items will be made (the reader is done, or the worker ended).
    closed: bool,
}

impl<T> std::fmt::Debug for Ahead<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ahead")
            .field("len", &self.len)
            .field("batch", &self.batch)
            .finish_non_exhaustive()
    }
}

/// Runs `read` with an [`Ahead`] of `len` items, which a worker thread makes
/// with `make` (given a range of indexes, it returns their items in order),
/// `batch` at a time, ahead of what `read` takes. The worker stops when
/// `read` returns; a panic in `make` ends the items ([`Ahead::take`] gives
/// `None`) and is raised again here.
pub(crate) fn scope<T: Send, R>(
    len: usize,
    batch: usize,
    make: impl Fn(Range<usize>) -> Vec<T> + Sync,
    read: impl FnOnce(&Arc<Ahead<T>>) -> R,
) -> R {
    let ahead = Arc::new(Ahead {
        state: Mutex::new(State {
            ready: HashMap::new(),
            next: 0,
            wanted: None,
            closed: false,
        }),
        changed: Condvar::new(),
        len,
        batch: batch.max(1),
    });
    std::thread::scope(|s| {
        let worker = ahead.clone();
        let make = &make;
        s.spawn(move || {
            let _closes = Closes(&worker);
            worker.work(make);
        });
        let _closes = Closes(&ahead);
        read(&ahead)
    })
}

/// Closes its [`Ahead`] when dropped, however the thread holding it ends.
struct Closes<'a, T>(&'a Ahead<T>);

impl<T> Drop for Closes<'_, T> {
    fn drop(&mut self) {
        self.0.lock().closed = true;
        self.0.changed.notify_all();
    }
}

impl<T> Ahead<T> {
    /// Item `index`, made if need be (waiting for the worker), and let go
    /// here: reading it again makes it again. `None` when out of range or
    /// when the worker has ended.
    pub(crate) fn take(&self, index: usize) -> Option<T> {
        if index >= self.len {
            return None;
        }
        let mut state = self.lock();
        loop {
            if let Some(item) = state.ready.remove(&index) {
                if state.wanted == Some(index) {
                    state.wanted = None;
                }
                // Room for the worker to make more.
                self.changed.notify_all();
                return Some(item);
            }
            if state.closed {
                return None;
            }
            state.wanted = Some(index);
            self.changed.notify_all();
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// The worker: makes batches until closed.
    fn work(&self, make: &(impl Fn(Range<usize>) -> Vec<T> + Sync)) {
        loop {
            let range = {
                let mut state = self.lock();
                loop {
                    if state.closed {
                        return;
                    }
                    if let Some(wanted) = state.wanted.take()
                        && !state.ready.contains_key(&wanted)
                    {
                        // Ahead of the batches made so far: batches go on from
                        // there. Behind them (read again, or out of order): that
                        // one alone, so a template reading backwards costs one
                        // item a read, not a batch.
                        let size = if wanted >= state.next { self.batch } else { 1 };
                        break wanted..(wanted + size).min(self.len);
                    }
                    // Another batch, when it fits beside the ones waiting.
                    if state.next < self.len
                        && state.ready.len() + self.batch <= BATCHES_AHEAD * self.batch
                    {
                        break state.next..(state.next + self.batch).min(self.len);
                    }
                    state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
                }
            };
            let items = make(range.clone());
            let mut state = self.lock();
            state.next = state.next.max(range.end);
            for (index, item) in range.zip(items) {
                state.ready.entry(index).or_insert(item);
            }
            self.changed.notify_all();
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<T>> {
        crate::cache::lock(&self.state)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn items_are_made_ahead_in_order_and_never_too_many_at_once() {
        let most = AtomicUsize::new(0);
        let made = AtomicUsize::new(0);
        let read = scope(
            100,
            8,
            |range| {
                made.fetch_add(range.len(), Ordering::Relaxed);
                range.map(|i| i * 10).collect()
            },
            |ahead| {
                (0..100)
                    .map(|i| {
                        let item = ahead.take(i);
                        most.fetch_max(ahead.lock().ready.len(), Ordering::Relaxed);
                        item
                    })
                    .collect::<Vec<_>>()
            },
        );
        assert_eq!(read, (0..100).map(|i| Some(i * 10)).collect::<Vec<_>>());
        assert!(most.load(Ordering::Relaxed) <= BATCHES_AHEAD * 8);
        // Each item was made once.
        assert_eq!(made.load(Ordering::Relaxed), 100);
    }

    #[test]
    fn an_item_read_again_or_out_of_order_is_made_again() {
        scope(
            50,
            4,
            |range| range.collect(),
            |ahead| {
                assert_eq!(ahead.take(3), Some(3));
                assert_eq!(ahead.take(3), Some(3));
                assert_eq!(ahead.take(40), Some(40));
                assert_eq!(ahead.take(0), Some(0));
                assert_eq!(ahead.take(49), Some(49));
                assert_eq!(ahead.take(50), None);
            },
        );
    }

    #[test]
    fn reading_backwards_makes_each_item_about_once() {
        let made = AtomicUsize::new(0);
        let read = scope(
            100,
            8,
            |range| {
                made.fetch_add(range.len(), Ordering::Relaxed);
                range.collect()
            },
            |ahead| (0..100).rev().map(|i| ahead.take(i)).collect::<Vec<_>>(),
        );
        assert_eq!(read, (0..100).rev().map(Some).collect::<Vec<_>>());
        // Each once, plus at most the batches made ahead that were never read.
        let made = made.load(Ordering::Relaxed);
        assert!((100..=100 + 3 * 8).contains(&made), "{made} made");
    }

    #[test]
    fn no_items_is_fine() {
        let read = scope(0, 4, |range| range.collect::<Vec<usize>>(), |a| a.take(0));
        assert_eq!(read, None);
    }

    #[test]
    fn a_panic_while_making_ends_the_items_and_is_raised() {
        let result = std::panic::catch_unwind(|| {
            scope(
                10,
                2,
                |range: Range<usize>| {
                    assert!(range.start < 4, "made on purpose");
                    range.collect::<Vec<_>>()
                },
                |ahead| {
                    assert_eq!(ahead.take(1), Some(1));
                    // The batch holding 6 panics: the reader is not left waiting.
                    ahead.take(6)
                },
            )
        });
        assert!(result.is_err());
    }
}
