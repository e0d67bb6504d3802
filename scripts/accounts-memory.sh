#!/usr/bin/env bash
# Peak memory of the accounts rollup per account: `calque accounts` on a generated report of
# ACCOUNTS accounts (POSTS posts each, one post in 50 with an interference hit and one in 200
# with a campaign match), against the same report with one account; the difference divided by
# the accounts is the memory per account (docs/PERFORMANCE.md).
#
# Usage: scripts/accounts-memory.sh BINARY [ACCOUNTS] [POSTS]     (default 1000000 accounts, 2 posts)
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
bin="$1" accounts="${2:-1000000}" posts="${3:-2}"
work="$(mktemp -d "${TMPDIR:-/tmp}/calque-accounts-memory.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python3 - "$work" "$accounts" "$posts" <<'PY'
import csv, sys
work, accounts, posts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
header = ["rank", "score", "level", "id", "author", "timestamp", "platform", "source", "lang",
          "interference_rules", "campaign", "campaign_score", "other_campaigns",
          "all_campaign_rules", "words"]
def write(path, n_accounts):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        rank = 0
        for p in range(posts):
            for a in range(n_accounts):
                rank += 1
                hit, campaign = rank % 50 == 0, rank % 200 == 0
                score = "0.8000" if campaign else "0.2583" if hit else "0.0000"
                w.writerow([rank, score, "high" if campaign else "low", f"t{rank}", f"@user{a}",
                            f"2024-01-{1 + p % 28:02d}T10:00:00Z", "x", f"in.csv:{rank + 1}", "en",
                            "RU-EN-PREP-001" if hit else "", "ira" if campaign else "",
                            "0.8000" if campaign else "0.0000", "",
                            "IRA-001" if campaign else "", 18])
write(f"{work}/many.csv", accounts)
write(f"{work}/one.csv", 1)
PY
peak() { /usr/bin/time -f '%M' "$bin" accounts "$1" -o "$work/out.csv" -q 2>&1 >/dev/null | tail -1; }
base=$(peak "$work/one.csv")
many=$(peak "$work/many.csv")
awk -v a="$accounts" -v p="$posts" -v b="$base" -v m="$many" 'BEGIN {
  printf "%d accounts x %d posts: peak RSS %.0f MiB (one account: %.0f MiB): %.0f bytes per account\n",
         a, p, m / 1024, b / 1024, (m - b) * 1024 / a }'
