#!/usr/bin/env python3
"""Count French heuristic firings in a `calque scan` CSV report, per rule, with examples.

Usage: scripts/fr_rule_counts.py REPORT.csv [--examples]
"""
import csv
import sys
from collections import Counter


def main(path: str, examples: bool) -> None:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    french = sum(1 for r in rows if r["lang"] == "fr")
    counts = Counter()
    for row in rows:
        for code in filter(None, (c.strip() for c in row["interference_rules"].split(";"))):
            if code.startswith("RU-FR-"):
                counts[code] += 1
                if examples:
                    print(f"{code}\t{row['evidence'][:120]}\t{row['text'][:160]!r}")
    print(f"items: {len(rows)}  identified as French: {french}")
    for code, n in sorted(counts.items()):
        print(f"{code}\t{n}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: fr_rule_counts.py REPORT.csv [--examples]")
    main(sys.argv[1], "--examples" in sys.argv[2:])
