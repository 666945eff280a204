#!/usr/bin/env bash
# Checks a folder of 200 reports (copies and variants of the seed and the rule fixtures, as
# text, .xlsx and .csv) with the release CLI and prints throughput and peak memory.
# Figures only; nothing is asserted.   usage: scripts/bench_folder.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet -p hezhang-cli
bin=target/release/hezhang
seed=../shared/corpus/shanxi-jincheng-zwfw-2022.txt
srcs=(crates/hezhang-core/tests/fixtures/*/*.txt)
[ -f "$seed" ] && srcs+=("$seed")
i=0
while [ "$i" -lt "$n" ]; do
  src=${srcs[$((i % ${#srcs[@]}))]}
  case $((i % 4)) in
    0|1) cp "$src" "$work/r$i.txt" ;;
    2) sed 's/\t/,/g' "$src" > "$work/r$i.csv" ;;
    3) # a variant: one amount changed
       sed '0,/\t[0-9][0-9]*\.[0-9][0-9]/s//\t123.45/' "$src" > "$work/r$i.txt" ;;
  esac
  i=$((i + 1))
done
bytes=$(du -sb "$work" | cut -f1)
start=$(date +%s.%N)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$bin" check "$work" --format json > "$work.out" 2> "$work.err" || true
  peak=$(grep 'Maximum resident' "$work.err" | awk '{print $NF}')
else
  "$bin" check "$work" --format json > "$work.out" 2>/dev/null || true
  peak="n/a (install the 'time' package)"
fi
end=$(date +%s.%N)
secs=$(awk -v a="$start" -v b="$end" 'BEGIN{print b-a}')
files=$(grep -c '"file"' "$work.out" || true)
printf 'reports: %s (%s bytes)\nchecked: %s in %.3f s = %.1f reports/s\npeak memory: %s KB\n' \
  "$n" "$bytes" "$files" "$secs" "$(awk -v f="$files" -v s="$secs" 'BEGIN{print f/s}')" "$peak"
tail -1 "$work.out"
rm -f "$work.out" "$work.err"
