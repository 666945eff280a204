#!/usr/bin/env bash
# Time and peak memory of reading and checking a published PDF with the release CLI, beside
# pdftotext on the same file (ingestion guide §1). Figures only; nothing is asserted.
# usage: scripts/bench_pdf.sh [FILE.pdf] [RUNS]   (default: the 25-page Shanghai report)
set -euo pipefail
cd "$(dirname "$0")/.."
pdf=${1:-../shared/corpus/shanghai-putuo-czj-2024.pdf}
runs=${2:-5}
if [ ! -f "$pdf" ]; then
  echo "no $pdf (../shared/corpus is absent); nothing to measure"
  exit 0
fi
cargo build --release --quiet -p hezhang-cli
bin=target/release/hezhang
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || true)
echo "file: $pdf (${pages:-?} pages, $(du -k "$pdf" | cut -f1) KiB), best of $runs runs"

# one measurement: best wall time (s) and peak RSS (KiB) of a command
measure() {
  local label=$1; shift
  local best="" peak=0
  for _ in $(seq "$runs"); do
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -v "$@" > /dev/null 2> "$tmp/err" || true
      local w r
      w=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/err" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
      r=$(awk '/Maximum resident/ {print $NF}' "$tmp/err")
      [ "${r:-0}" -gt "$peak" ] && peak=$r
    else
      local s e
      s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N)
      w=$(echo "$e - $s" | bc)
    fi
    if [ -z "$best" ] || [ "$(echo "$w < $best" | bc)" = 1 ]; then best=$w; fi
  done
  printf '%-28s %8.3f s   peak %8s KiB\n' "$label" "$best" "${peak:-?}"
}

echo "--- hezhang (hayro-interpret 0.9.0, release)"
measure "ingest (dump --raw)" "$bin" dump --raw "$pdf"         # runs, rules, table rebuild
measure "ingest + check" "$bin" check --format json "$pdf"     # + recognition and all rules
if command -v pdftotext > /dev/null; then
  echo "--- pdftotext $(pdftotext -v 2>&1 | head -1 | awk '{print $3}')"
  measure "pdftotext -layout" pdftotext -layout "$pdf" -
  measure "pdftotext -raw" pdftotext -raw "$pdf" -
else
  echo "pdftotext not installed (apt-get install poppler-utils) - no comparison"
fi
