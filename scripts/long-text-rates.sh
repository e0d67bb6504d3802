#!/usr/bin/env bash
# Article rate and comma-before-complementiser rate of long texts (150+ words), per corpus:
# the native reference range that `calque explain` and the report's article_rate /
# subordinate_comma_rate columns are shown with (src/heuristics/long_text.rs, NATIVE_RANGE).
#
# Usage: scripts/long-text-rates.sh [--calque BINARY] [CORPORA_DIR]
#
# The corpora hold documents cut into chunks of 20-150 words (`source` = doc#k); documents are
# rebuilt by joining their chunks in order, then scanned by calque, which computes both rates
# on English items of 150+ words. Printed: per set, documents measured and the 5th, 25th,
# 50th, 75th and 95th percentiles of each rate; then the pooled native 5th-95th range.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
calque=""
if [[ "${1:-}" == "--calque" ]]; then calque="$2"; shift 2; fi
default="$repo/../shared/corpora"
[[ -d "$default" ]] || default="$repo/../../shared/corpora"
corpora="${1:-$default}"
[[ -d "$corpora" ]] || { echo "long-text-rates.sh: no corpora at $corpora" >&2; exit 3; }
if [[ -z "$calque" ]]; then
  (cd "$repo" && cargo build --release --quiet)
  calque="$repo/target/release/calque"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for set in argrewrite_native_en ewt_native_en potus_newsconf_native_en realec_essays_ru_l1_en; do
  python3 - "$corpora/$set.csv" "$work/$set.csv" <<'PY'
import csv, sys
from collections import defaultdict
docs = defaultdict(dict)
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        doc, _, k = row["source"].partition("#")
        docs[doc][int(k or 0)] = row["text"]
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "text"])
    for doc, parts in docs.items():
        w.writerow([doc, "\n".join(parts[k] for k in sorted(parts))])
PY
  "$calque" scan "$work/$set.csv" --format jsonl -q -o "$work/$set.jsonl"
done
python3 - "$work" <<'PY'
import json, statistics, sys
work = sys.argv[1]
sets = [("ArgRewrite (native essays)", "argrewrite_native_en"), ("EWT (native web text)", "ewt_native_en"),
        ("POTUS (native speech)", "potus_newsconf_native_en"), ("REALEC (Russian L1 essays)", "realec_essays_ru_l1_en")]
def pct(values):
    if len(values) < 2:
        return "–"
    q = statistics.quantiles(values, n=20, method="inclusive")
    return " / ".join(f"{x:.3f}" for x in (q[0], q[4], q[9], q[14], q[18]))
pooled = {"article_rate": [], "subordinate_comma_rate": []}
print("| set | documents of 150+ words | article rate p5 / p25 / p50 / p75 / p95 | comma before complementiser p5 / p25 / p50 / p75 / p95 |")
print("|---|---|---|---|")
for label, name in sets:
    rows = [json.loads(l) for l in open(f"{work}/{name}.jsonl", encoding="utf-8")]
    art = [r["article_rate"] for r in rows if r.get("article_rate") is not None]
    com = [r["subordinate_comma_rate"] for r in rows if r.get("subordinate_comma_rate") is not None]
    print(f"| {label} | {len(art)} | {pct(art)} | {pct(com)} |")
    if "native" in label:
        pooled["article_rate"] += art
        pooled["subordinate_comma_rate"] += com
for key, values in pooled.items():
    q = statistics.quantiles(values, n=20, method="inclusive")
    print(f"\npooled native {key}: 5th-95th percentile {q[0]:.3f}-{q[18]:.3f} over {len(values)} documents")
PY
