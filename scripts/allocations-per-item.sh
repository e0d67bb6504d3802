#!/usr/bin/env bash
# Steady-state heap allocations per item of a calque build, from valgrind's heap summary
# (memcheck), repeatable whatever else the machine is doing.
#
# Usage: scripts/allocations-per-item.sh BINARY CORPUS.csv
#   e.g. python3 scripts/make-bench-corpus.py /tmp/b5.csv 5
#        scripts/allocations-per-item.sh target/release/calque /tmp/b5.csv
# Runs `calque scan --threads 1` under valgrind on the corpus and on the corpus twice over;
# the difference divided by the corpus's items leaves out start-up (rule loading, regex
# compilation) and the first batches, before spent records come back to the reader.
set -euo pipefail
[ $# -eq 2 ] || { sed -n '2,10p' "$0" >&2; exit 2; }
bin="$1" corpus="$2"
command -v valgrind >/dev/null || { echo "allocations-per-item.sh: valgrind not found" >&2; exit 1; }
work="$(mktemp -d "${TMPDIR:-/tmp}/calque-allocs.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp "$corpus" "$work/once.csv"
{ cat "$corpus"; tail -n +2 "$corpus"; } > "$work/twice.csv"
items=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' "$corpus")
for run in once twice; do
  valgrind "$bin" scan "$work/$run.csv" -o "$work/$run.report.csv" -q --threads 1 2>&1 >/dev/null \
    | awk '/total heap usage/ {gsub(",", "", $5); print $5}'
done | paste -sd' ' | awk -v n="$items" '{printf "%d items: %.1f allocations per item\n", n, ($2 - $1) / n}'
