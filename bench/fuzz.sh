#!/usr/bin/env bash
# Runs the property tests (src/properties.rs) again and again with fresh
# random inputs for a fixed time: course loading (course.yaml, a module, a
# scenario), quiz blocks and Markdown rendering. Not part of CI.
#
#   bench/fuzz.sh            # 10 minutes
#   bench/fuzz.sh 60         # 60 seconds
#
# A failing input is printed and saved in src/properties.proptest-regressions,
# which every later `cargo test` replays: fix the bug and keep the file.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
cases="${PROPTEST_CASES:-2000}"
cargo test --release --lib --no-run --quiet
end=$(( $(date +%s) + seconds ))
rounds=0
while [ "$(date +%s)" -lt "$end" ]; do
  PROPTEST_CASES="$cases" cargo test --release --quiet --lib properties >/tmp/peerprep-fuzz.log 2>&1 || {
    cat /tmp/peerprep-fuzz.log
    echo "fuzz: a property failed after $rounds rounds; see above" >&2
    exit 1
  }
  rounds=$((rounds + 1))
done
echo "fuzz: $rounds rounds of $cases cases per property, no failure in ${seconds} s"
