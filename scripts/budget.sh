#!/usr/bin/env bash
# Prints the native budgets: wall time and peak memory of `hezhang check` (release build) on the
# text seed and on the published PDFs in ../shared/corpus, best of RUNS. The first load (size,
# paste → findings in Chromium) is printed by tests/e2e/budget.mjs, which needs dist/.
# Fails only when a check exits with 2 (a refusal) or is killed, or when a figure is over its
# goal below; the goals are loose enough for a loaded 2-core machine.
# usage: scripts/budget.sh [RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
corpus=../shared/corpus
SEED_GOAL_MS=2000   # the 52 KB Shanxi text report
PDF_GOAL_MS=10000   # per published PDF (the 25-page Shanghai report is the largest)
RSS_GOAL_KB=$((1024 * 1024))

cargo build --release --locked --quiet -p hezhang-cli --bin hezhang
bin=${CARGO_TARGET_DIR:-target}/release/hezhang
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# best wall time (ms) and peak RSS (KiB) of `hezhang check` on a file, over $runs runs
measure() {
  local label=$1 file=$2 goal=$3 best="" peak=0
  for _ in $(seq "$runs"); do
    local s e code
    s=$(date +%s%N)
    set +e
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" check --format json "$file" > /dev/null 2> "$tmp/err"
    else
      "$bin" check --format json "$file" > /dev/null 2> "$tmp/err"
    fi
    code=$?
    set -e
    e=$(date +%s%N)
    if [ "$code" -gt 1 ]; then
      echo "budget: $label: hezhang check exited $code: $(head -c 300 "$tmp/err")" >&2
      fail=1
      return
    fi
    local ms=$(((e - s) / 1000000))
    { [ -z "$best" ] || [ "$ms" -lt "$best" ]; } && best=$ms
    if [ -s "$tmp/rss" ]; then
      local r
      r=$(tail -1 "$tmp/rss")
      [ "$r" -gt "$peak" ] && peak=$r
    fi
  done
  printf '  %-44s %7s ms (goal ≤ %s)   peak %s\n' "$label" "$best" "$goal" \
    "$([ "$peak" -gt 0 ] && echo "$((peak / 1024)) MiB" || echo '? (no /usr/bin/time)')"
  if [ "$best" -gt "$goal" ] || [ "$peak" -gt "$RSS_GOAL_KB" ]; then
    echo "budget: $label is over its goal" >&2
    fail=1
  fi
}

echo "native check, release CLI, best of $runs runs:"
found=0
for f in "$corpus"/*.txt "$corpus"/*.pdf; do
  [ -f "$f" ] || continue
  found=1
  goal=$SEED_GOAL_MS
  [ "${f##*.}" = pdf ] && goal=$PDF_GOAL_MS
  measure "$(basename "$f") ($(du -k "$f" | cut -f1) KiB)" "$f" "$goal"
done
[ "$found" = 1 ] || echo "  no reports in $corpus; nothing measured"
# The ingest worker (PDF and Excel in the browser, fetched with the first file): its size and
# drop → findings time are printed by tests/e2e/budget.mjs, which needs the release build.
echo "ingest worker (wasm size, PDF drop → findings): see node tests/e2e/budget.mjs"
exit "$fail"
