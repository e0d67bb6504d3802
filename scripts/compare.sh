#!/usr/bin/env bash
# Two builds of calque on the same corpus, run alternately, so that the machine's drifts in
# speed (a shared VM: docs/PERFORMANCE.md) fall on both alike; also checks that their reports
# are byte-identical.
#
# Usage: scripts/compare.sh OLD_BINARY NEW_BINARY CORPUS.csv [RUNS] [-- extra scan options]
#   e.g. git stash; cargo build --release; cp target/release/calque /tmp/calque-old; git stash pop
#        cargo build --release
#        scripts/compare.sh /tmp/calque-old target/release/calque /tmp/b1000.csv 3
# Prints wall, user and system seconds of every run, then the median wall time of each build.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,11p' "$0" >&2; exit 2; }
old="$1" new="$2" corpus="$3"
shift 3
runs=3
if [ $# -gt 0 ] && [ "$1" != "--" ]; then runs="$1"; shift; fi
[ "${1:-}" = "--" ] && shift
work="$(mktemp -d "${TMPDIR:-/tmp}/calque-compare.XXXXXX")"
trap 'rm -rf "$work"' EXIT

printf '%-4s %-4s %9s %9s %9s\n' run bin wall_s user_s sys_s
for i in $(seq 1 "$runs"); do
  for which in old new; do
    bin="$old"; [ "$which" = new ] && bin="$new"
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$bin" scan "$corpus" -o "$work/$which.csv" -q "$@"
    read -r wall user sys < "$work/time"
    printf '%-4s %-4s %9s %9s %9s\n' "$i" "$which" "$wall" "$user" "$sys"
    echo "$wall" >> "$work/$which.walls"
  done
  cmp -s "$work/old.csv" "$work/new.csv" || { echo "compare.sh: the reports differ (run $i)" >&2; exit 1; }
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mb=$(( $(stat -c %s "$corpus") / 1000000 ))
for which in old new; do
  m=$(median "$work/$which.walls")
  awk -v w="$which" -v m="$m" -v mb="$mb" 'BEGIN { printf "%s: median %.2f s, %.1f MB/s\n", w, m, mb / m }'
done
echo "reports byte-identical in every run"
