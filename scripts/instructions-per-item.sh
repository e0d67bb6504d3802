#!/usr/bin/env bash
# Steady-state instructions per item of a calque build, with callgrind (valgrind): repeatable
# whatever else the machine is doing, unlike wall time on a shared VM (docs/PERFORMANCE.md).
#
# Usage: scripts/instructions-per-item.sh BINARY CORPUS.csv
#   e.g. python3 scripts/make-bench-corpus.py /tmp/b5.csv 5
#        scripts/instructions-per-item.sh target/release/calque /tmp/b5.csv
# Runs `calque scan --threads 1` under callgrind on the corpus and on the corpus twice over;
# the difference divided by the corpus's items leaves out start-up (rule loading, lazy regex
# compilation). Prints instructions per item for the whole scan, in user space.
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
bin="$1" corpus="$2"
command -v valgrind >/dev/null || { echo "instructions-per-item.sh: valgrind not found" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/calque-instr.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp "$corpus" "$work/once.csv"
{ cat "$corpus"; tail -n +2 "$corpus"; } > "$work/twice.csv"
items=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$corpus")
for run in once twice; do
  valgrind --tool=callgrind --callgrind-out-file="$work/$run.cg" \
    "$bin" scan "$work/$run.csv" -o "$work/$run.report.csv" -q --threads 1 >/dev/null 2>&1
  total=$(callgrind_annotate "$work/$run.cg" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  echo "$run $total"
done | awk -v n="$items" '{t[NR] = $2}
  END {printf "%d items: %.0f instructions per item\n", n, (t[2] - t[1]) / n}'
