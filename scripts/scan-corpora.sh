#!/usr/bin/env bash
# Run `calque scan` over every CSV in ../shared/corpora and check that each run succeeds and
# reconciles its counts (records read = scored + rejected = report rows + rejects rows).
# Prints one line per file with the counts and the throughput; exits non-zero on any failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
corpora="$repo/../shared/corpora"
[ -d "$corpora" ] || { echo "scan-corpora.sh: $corpora not found" >&2; exit 1; }
cargo build --release --manifest-path "$repo/Cargo.toml" >&2
bin="$repo/target/release/calque"
work="$(mktemp -d "${TMPDIR:-/tmp}/calque-corpora.XXXXXX")"
trap 'rm -rf "$work"' EXIT

status=0
printf '%-48s %8s %8s %8s %8s %8s %9s %10s\n' file read scored rejected rows rejects MB/s items/s
for f in "$corpora"/*.csv; do
  name="$(basename "$f" .csv)"
  report="$work/$name.csv"
  # Files without a conventional text column name it explicitly.
  args=()
  case "$name" in
    euvsdisinfo_*) args=(--text-col title) ;;
    meta_threat_*) args=(--text-col indicator) ;;
    dima_campaign_*) args=(--text-col domain) ;;
  esac
  if ! "$bin" scan "$f" "${args[@]}" -o "$report" --rejects "$work/$name.rejects.csv" --summary "$work/$name.json" -q; then
    echo "FAILED: $name" >&2
    status=1
    continue
  fi
  python3 - "$work/$name.json" "$report" "$work/$name.rejects.csv" "$name" <<'PY' || status=1
import csv, json, sys
s = json.load(open(sys.argv[1]))
csv.field_size_limit(1 << 30)
rows = sum(1 for _ in csv.reader(open(sys.argv[2], encoding="utf-8"))) - 1
rejects = sum(1 for _ in csv.reader(open(sys.argv[3], encoding="utf-8"))) - 1
ok = s["records_read"] == s["scored"] + s["rejected"] and rows == s["scored"] and rejects == s["rejected"]
print(f"{sys.argv[4]:<48} {s['records_read']:>8} {s['scored']:>8} {s['rejected']:>8} {rows:>8} {rejects:>8} "
      f"{s['mb_per_second']:>9.1f} {s['items_per_second']:>10.0f}{'' if ok else '  COUNTS DO NOT RECONCILE'}")
sys.exit(0 if ok else 1)
PY
done
exit $status
