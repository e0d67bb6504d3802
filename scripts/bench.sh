#!/usr/bin/env bash
# End-to-end throughput and peak memory of `calque scan` on generated corpora.
#
# Usage: scripts/bench.sh [SIZE_MB ...]        (default: 1000 4000)
#
# For each size, builds a CSV corpus of that many megabytes from the public texts in
# ../shared/corpora (scripts/make-bench-corpus.py; written to a temporary directory, never into
# the repository), runs `calque scan` on it with the full ranked report, and prints MB/s,
# items/s and peak RSS. Set THREADS to pass --threads, TOP to pass --top (no full ranking);
# KEEP=1 keeps the temporary files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 4000)
[ -d "$repo/../shared/corpora" ] || { echo "bench.sh: ../shared/corpora not found next to the repository" >&2; exit 1; }

cargo build --release --manifest-path "$repo/Cargo.toml" >&2
bin="$repo/target/release/calque"
work="$(mktemp -d "${TMPDIR:-/tmp}/calque-bench.XXXXXX")"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

printf '%-8s %10s %10s %12s %12s %10s %s\n' size_mb rows seconds MB/s items/s peak_MiB threads
for size in "${sizes[@]}"; do
  corpus="$work/corpus-$size.csv"
  python3 "$here/make-bench-corpus.py" "$corpus" "$size" 2>/dev/null
  # Let the corpus reach the disk first: its write-back would otherwise compete with the scan.
  sync
  args=(scan "$corpus" -o "$work/report-$size.csv" --summary "$work/summary-$size.json" -q)
  [ -n "${THREADS:-}" ] && args+=(--threads "$THREADS")
  [ -n "${TOP:-}" ] && args+=(--top "$TOP")
  /usr/bin/time -f '%M' -o "$work/rss-$size" "$bin" "${args[@]}"
  python3 - "$work/summary-$size.json" "$work/rss-$size" "$size" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
rss_kib = int(open(sys.argv[2]).read().split()[-1])
print(f"{sys.argv[3]:<8} {s['records_read']:>10} {s['elapsed_seconds']:>10.1f} {s['mb_per_second']:>12.1f} "
      f"{s['items_per_second']:>12.0f} {rss_kib / 1024:>10.0f} {s['threads']}")
PY
  rm -f "$corpus" "$work/report-$size.csv"
done
