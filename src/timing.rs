//! Stage timings for profiling: with `PEERPREP_TIMINGS` set, each stage
//! prints how long the run has taken so far and the resident memory (see
//! `bench/`).

/// With `PEERPREP_TIMINGS` set, prints how long the run has taken so far,
/// after each stage (for profiling; see bench/).
pub(crate) fn timing(stage: &str, started: std::time::Instant) {
    if std::env::var_os("PEERPREP_TIMINGS").is_some() {
        // Resident memory now, where Linux tells (the second field of statm, in pages).
        let rss = std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
            .map_or(String::new(), |pages| {
                format!(", {} MiB resident", pages * 4096 / 1_048_576)
            });
        eprintln!(
            "timing: {stage} done at {:.1} ms{rss}",
            started.elapsed().as_secs_f64() * 1e3
        );
    }
}
