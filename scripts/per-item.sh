#!/usr/bin/env bash
# Steady-state cost per item of a calque build under valgrind, repeatable whatever else the
# machine is doing, unlike wall time on a shared VM (docs/PERFORMANCE.md).
#
# Usage: scripts/per-item.sh instructions|allocations BINARY CORPUS.csv [SCAN ARGS...]
#   e.g. python3 scripts/make-bench-corpus.py /tmp/b5.csv 5
#        scripts/per-item.sh instructions target/release/calque /tmp/b5.csv
#        scripts/per-item.sh instructions target/release/calque /tmp/b5.csv --accounts /dev/null
#        scripts/per-item.sh instructions target/release/calque /tmp/b5.csv --html /dev/null --xlsx /dev/null
#        scripts/per-item.sh instructions target/release/calque /tmp/b5.csv --narratives claims.csv
# (also as scripts/instructions-per-item.sh and scripts/allocations-per-item.sh BINARY CORPUS)
# Runs `calque scan --threads 1` on the corpus and on the corpus twice over; the difference
# divided by the corpus's items leaves out start-up (rule loading, lazy regex compilation) and
# the first batches. instructions: user-space instructions (callgrind); allocations: heap
# allocations (memcheck's heap summary).
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,14p' "$0" >&2; exit 2; }
mode="$1" bin="$2" corpus="$3"
extra=("${@:4}")
case "$mode" in instructions|allocations) ;; *) sed -n '2,14p' "$0" >&2; exit 2 ;; esac
command -v valgrind >/dev/null || { echo "per-item.sh: valgrind not found" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/calque-per-item.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp "$corpus" "$work/once.csv"
{ cat "$corpus"; tail -n +2 "$corpus"; } > "$work/twice.csv"
items=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$corpus")
for run in once twice; do
  scan=("$bin" scan "$work/$run.csv" -o "$work/$run.report.csv" -q --threads 1 "${extra[@]}")
  if [ "$mode" = instructions ]; then
    valgrind --tool=callgrind --callgrind-out-file="$work/$run.cg" "${scan[@]}" >/dev/null 2>&1
    callgrind_annotate "$work/$run.cg" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
  else
    valgrind "${scan[@]}" 2>&1 >/dev/null | awk '/total heap usage/ {gsub(",", "", $5); print $5}'
  fi
done | paste -sd' ' | awk -v n="$items" -v what="$mode" \
  '{printf "%d items: %.1f %s per item\n", n, ($2 - $1) / n, what}'
