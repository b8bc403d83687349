#!/usr/bin/env bash
# How long the README's test command takes on a fresh clone, compile included.
# Not a test and not part of CI: the target is under 5 minutes on a 2-core machine.
#
#   bench/test-time.sh            # the commit checked out here (HEAD)
#   bench/test-time.sh main       # any commit, branch or tag of this repository
#
# Clones this repository into a temporary folder (so nothing is built yet and
# tests/browser/node_modules is absent), runs `cargo test` there (the README's
# test command) with its own target folder, and prints the wall time. Crates
# and npm packages come from the local caches (~/.cargo, ~/.npm) when they are
# there, as on a developer's machine. The log is kept in the temporary folder.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rev="${1:-HEAD}"
commit="$(git -C "$here" rev-parse --verify "$rev^{commit}")"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/peerprep-test-time.XXXXXX")"
git clone --quiet --no-hardlinks "$here" "$tmp/peerprep"
git -C "$tmp/peerprep" checkout --quiet --detach "$commit"
echo "test-time: $(git -C "$tmp/peerprep" log -1 --format='%h %s' | cut -c1-90)"
echo "test-time: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$tmp/peerprep"
start=$(date +%s.%N)
status=0
env -u CARGO_TARGET_DIR cargo test >"$tmp/cargo-test.log" 2>&1 || status=$?
end=$(date +%s.%N)
seconds=$(echo "$end - $start" | bc)
grep -E '^test result:|SKIPPED' "$tmp/cargo-test.log" || true
printf 'test-time: `cargo test` on a fresh clone took %.0f s (%d min %02d s), exit %d; log: %s\n' \
  "$seconds" "$(echo "$seconds / 60" | bc)" "$(echo "$seconds % 60 / 1" | bc)" "$status" "$tmp/cargo-test.log"
exit "$status"
