#!/usr/bin/env python3
"""Build a large CSV corpus for calque benchmarks from the public texts in ../shared/corpora.

Usage: scripts/make-bench-corpus.py OUT.csv SIZE_MB

Every text column of the corpora (IRA English and French tweets, the IRA Fearmonger tweets,
native political tweets, the SPOTTED set, EUvsDisinfo titles) is pooled, then rows
(id, author, created_at, text) are written, cycling through the pool with a fresh id, until the
file reaches SIZE_MB megabytes. The mix of languages and lengths is the corpora's own.
Nothing is written into the repository. $CALQUE_CORPORA names another corpora folder (a
worktree outside the usual layout).
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "corpora"))
SOURCES = [
    ("ira_english_sample_2000.csv", "content"),
    ("ira_english_fearmonger_all.csv", "content"),
    ("ira_french_all.csv", "content"),
    ("neg_en_538_twitter-ratio_BarackObama.csv", "text"),
    ("neg_en_538_twitter-ratio_realDonaldTrump.csv", "text"),
    ("spotted_validation_5000_mixed_labels.csv", "tweet_text"),
    ("euvsdisinfo_posts_cknabs.csv", "title"),
]


def texts(shared=SHARED):
    """Every non-empty text of SOURCES under `shared`, in order (also used by
    make-export-corpus.py)."""
    csv.field_size_limit(1 << 24)
    pool = []
    for name, col in SOURCES:
        path = os.path.join(shared, name)
        with open(path, newline="", encoding="utf-8", errors="replace") as f:
            for row in csv.DictReader(f):
                text = (row.get(col) or "").strip()
                if text:
                    pool.append(text)
    if not pool:
        sys.exit(f"no texts found under {shared}")
    return pool


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out_path, size_mb = sys.argv[1], float(sys.argv[2])
    pool = texts(os.environ.get("CALQUE_CORPORA") or SHARED)
    target = int(size_mb * 1_000_000)
    written = 0
    n = 0
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "author", "created_at", "text"])
        while written < target:
            for text in pool:
                w.writerow([f"b{n}", f"@user{n % 9973}", "2024-01-01T00:00:00Z", text])
                n += 1
            written = f.tell()
    print(f"{out_path}: {n} rows, {written / 1e6:.0f} MB from {len(pool)} distinct texts", file=sys.stderr)


if __name__ == "__main__":
    main()
