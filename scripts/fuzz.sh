#!/usr/bin/env bash
# Fuzz one cargo-fuzz target for some minutes on the stable toolchain, seeded with the reports in
# ../shared/corpus, the rule fixtures and the small PDF and workbook seeds in fuzz/seeds/.
# Usage: scripts/fuzz.sh TARGET MINUTES
#   TARGET   paste | bytes | pdf | excel (the binaries in fuzz/Cargo.toml)
#   MINUTES  wall time of the run (libFuzzer's -max_total_time)
# Environment: FUZZ_DIR (default fuzz), MAX_LEN (bytes per input; default 65536, 1 MB for pdf),
# TIMEOUT (seconds per input before libFuzzer reports a timeout; default 10, 60 for pdf, whose
# target reads a PDF three times under coverage instrumentation),
# JOBS (parallel libFuzzer jobs; each then logs to fuzz-N.log, and the totals below count only
# the main process).
# A crash is written to $FUZZ_DIR/artifacts/TARGET/; reproduce it with
#   cargo fuzz run -s none TARGET $FUZZ_DIR/artifacts/TARGET/crash-…
# then turn it into a regression test (crates/hezhang-ingest/tests/) before fixing it.
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). `-s none` builds without a sanitizer,
# so no nightly-only flag is needed: libFuzzer's coverage comes from -Cpasses=sancov-module.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET MINUTES}
minutes=${2:?usage: scripts/fuzz.sh TARGET MINUTES}
fuzz_dir=${FUZZ_DIR:-fuzz}
default_len=65536
[ "$target" = pdf ] && default_len=1048576
max_len=${MAX_LEN:-$default_len}
default_timeout=10
[ "$target" = pdf ] && default_timeout=60
timeout=${TIMEOUT:-$default_timeout}
corpus="$fuzz_dir/corpus/$target"
mkdir -p "$corpus"
shared=../shared/corpus
seed() { # copy a file into the corpus under a content-derived name
  local f=$1
  [ -f "$f" ] || return 0
  local ext=${f##*.}
  cp "$f" "$corpus/seed-$(sha1sum "$f" | cut -c1-16).$ext"
}
texts() { for f in "$shared"/*.txt "$shared"/*.csv crates/hezhang-core/tests/fixtures/*/*.txt \
                  crates/hezhang-core/tests/narrative_samples/*.txt; do seed "$f"; done; }
case "$target" in
  pdf) for f in "$shared"/*.pdf "$fuzz_dir"/seeds/pdf/*; do seed "$f"; done ;;
  excel) for f in "$shared"/*.xlsx "$shared"/*.xls "$fuzz_dir"/seeds/excel/*; do seed "$f"; done ;;
  # the whole check: every kind, with the small PDF and workbook seeds
  bytes) texts; for f in "$shared"/*.xlsx "$fuzz_dir"/seeds/*/*; do seed "$f"; done ;;
  *) texts ;;
esac
echo "fuzz: $target for $minutes min, $(ls "$corpus" | wc -l) corpus inputs, max_len $max_len"
log=$(mktemp)
set +e
cargo fuzz run -s none --fuzz-dir "$fuzz_dir" "$target" "$corpus" -- \
  -max_total_time=$((minutes * 60)) -max_len="$max_len" -timeout="$timeout" -rss_limit_mb=2048 \
  -print_final_stats=1 ${JOBS:+-jobs=$JOBS -workers=$JOBS} 2>&1 | tee "$log" |
  grep -E 'pulse|Done|ERROR|SUMMARY|crash-|timeout-|oom-|panicked' 
status=${PIPESTATUS[0]}
set -e
execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{s+=$2} END {print s+0}')
echo "fuzz: $target exit $status, $execs executions; artifacts:"
ls -1 "$fuzz_dir/artifacts/$target" 2>/dev/null || true
rm -f "$log"
exit "$status"
