#!/usr/bin/env bash
# Runs both benchmarks of the `card!` macro and prints their figures:
#   1. compile time of 200 approval cards, card! vs json!, debug and release (bench/compile_time.py)
#   2. run time of building one card and encoding the im/v1 send body (benches/build_encode.rs)
# Extra arguments go to compile_time.py (e.g. --runs 5, --profiles release, --profile-code).
# BENCH_TARGET_DIR: target dir of the generated crates (default bench/out/target).
# CARGO_TARGET_DIR: target dir of the workspace, used for the criterion bench (default target).
# Both take minutes on 2 cores; nothing here runs in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

echo "== compile time: card! vs json! (200 cards) =="
python3 bench/compile_time.py "$@"

echo
echo "== run time: build one card + encode the im/v1 send body =="
# Criterion's own lines (name, time: [low estimate high]) and then the bench's ratio line.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! cargo bench -p card-suite --bench build_encode >"$log" 2>&1; then
    cat "$log"
    exit 1
fi
grep -E '^(build_encode|build_only|encode_only)[/:]|time:' "$log" || cat "$log"
