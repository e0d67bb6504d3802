#!/usr/bin/env bash
# What `--html` and `--xlsx` add to a scan's time: the same binary run alternately without and
# with them on one corpus, RUNS times each (default 3).
#
# Usage: scripts/page-cost.sh BINARY CORPUS.csv [RUNS]
#   e.g. python3 scripts/make-bench-corpus.py /tmp/b150.csv 150    # about 1.15 M items
#        scripts/page-cost.sh target/release/calque /tmp/b150.csv 3
# Prints, per run, the wall time (the summary's elapsed_seconds) and the CPU time (user +
# system, /usr/bin/time) of each, then the medians and their ratio. On a shared machine wall
# times drift: compare the alternated runs, and the instruction counts of
# `scripts/per-item.sh instructions BINARY CORPUS --html /dev/null --xlsx /dev/null`.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
bin="$1" corpus="$2" runs="${3:-3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/calque-page-cost.XXXXXX")"
trap 'rm -rf "$work"' EXIT
run() { # run NAME [OPTIONS…]: prints "NAME wall cpu"
  local name="$1"; shift
  /usr/bin/time -f "%U %S" -o "$work/time" "$bin" scan "$corpus" -o "$work/report.csv" -q \
    --summary "$work/summary.json" "$@"
  local wall cpu
  wall=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["elapsed_seconds"])' "$work/summary.json")
  cpu=$(awk '{print $1 + $2}' "$work/time")
  echo "$name $wall $cpu"
}
for i in $(seq "$runs"); do
  run plain
  run page --html "$work/page.html" --xlsx "$work/page.xlsx"
done | tee "$work/runs" | awk '{printf "%-5s wall %7.2f s  cpu %7.2f s\n", $1, $2, $3}'
python3 - "$work/runs" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = lambda name, k: statistics.median(float(r[k]) for r in rows if r[0] == name)
for k, what in ((1, "wall"), (2, "cpu")):
    plain, page = med("plain", k), med("page", k)
    print(f"median {what}: plain {plain:.2f} s, with --html --xlsx {page:.2f} s: {100 * (page / plain - 1):+.1f}%")
PY
