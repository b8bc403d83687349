//! The stable shuffle of a matching question's answers and an ordering
//! question's steps: seeded by the question's id, so every build shows the
//! same order (builds are reproducible, and the workbook, the page and the
//! answer key agree), and never the order written, so the first order a
//! learner sees is never already the answer.

/// A permutation of `0..n`: the place each shown item has in the order
/// written (`order[0]` is the index of the item shown first). The same for
/// the same `seed` and `n`; never `0, 1, 2, …` when `n` is 2 or more.
pub(crate) fn shown_order(seed: &str, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = fnv1a(seed);
    // Fisher–Yates, from the end.
    for i in (1..n).rev() {
        let j = (splitmix64(&mut state) % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    if n >= 2 && order.iter().enumerate().all(|(i, &o)| i == o) {
        // The order written came out: shown one place on, which for
        // distinct items is never the order written.
        order.rotate_left(1);
    }
    order
}

/// FNV-1a, 64 bits: a small, stable hash (std's hasher may change between
/// Rust releases, and builds must not).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The next number of the SplitMix64 sequence.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_order_issue_19() {
        assert_eq!(shown_order("m04-steps", 6), shown_order("m04-steps", 6));
        // Pinned: a change here changes every built course's quizzes.
        assert_eq!(shown_order("m04-steps", 6), vec![2, 0, 3, 4, 1, 5]);
    }

    #[test]
    fn the_order_shown_is_never_the_order_written_issue_19() {
        for n in 2..9 {
            for i in 0..500 {
                let order = shown_order(&format!("q{i}"), n);
                let mut sorted = order.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>(), "a permutation");
                assert!(
                    order.iter().enumerate().any(|(i, &o)| i != o),
                    "q{i} with {n} items is shown in the order written"
                );
            }
        }
        assert_eq!(shown_order("x", 2), vec![1, 0]);
        assert_eq!(shown_order("x", 1), vec![0]);
        assert!(shown_order("x", 0).is_empty());
    }

    #[test]
    fn different_ids_give_different_orders_issue_19() {
        let orders: std::collections::HashSet<Vec<usize>> =
            (0..50).map(|i| shown_order(&format!("q{i}"), 5)).collect();
        assert!(orders.len() > 20, "only {} orders", orders.len());
    }
}
