#!/usr/bin/env python3
"""Per-heuristic firing rates on labelled `calque scan` reports (python3, stdlib only).

Reads report CSVs written by `calque scan` (column `interference_rules`: codes separated by
';'), splits their rows into positives and negatives, and prints for every heuristic code:
rows it fires on among positives and negatives (count and %), precision = pos / (pos + neg)
counting rows, and lift = (% of positives) / (% of negatives).

A set is given as PATH or PATH::col=value[,col=value...] to keep only rows whose (kept)
columns match, e.g. `--pos ira.csv::retweet=0` or `--neg spotted.csv::target=0.0`.
Keep the label columns in the report with `calque scan --keep-cols`.
By default only rows detected as English (`lang` == en) count, since English heuristics run
only there; `--lang ''` counts every row.

Example (the measurement in docs/heuristics-en-notes.md):
    C=/work/shared/corpora
    calque scan $C/neg_en_538_twitter-ratio_BarackObama.csv \
        $C/neg_en_538_twitter-ratio_realDonaldTrump.csv -o /tmp/neg.csv -q
    calque scan $C/spotted_validation_5000_mixed_labels.csv --keep-cols target -o /tmp/spotted.csv -q
    calque scan $C/ira_english_sample_2000.csv --keep-cols retweet,post_type,language -o /tmp/ira.csv -q
    scripts/heuristic-rates.py --pos /tmp/ira.csv::retweet=0 \
        --neg /tmp/neg.csv --neg /tmp/spotted.csv::target=0.0

Options:
    --prefix RU-EN-       only codes starting with this prefix (default RU-EN-)
    --heuristics FILE     list every heuristic of `calque heuristics --format csv` (also those
                          that never fired) and show its name and weight
    --markdown            print the table as Markdown
    --matrix              print a Markdown matrix instead: one column per --pos and --neg set
                          (rows fired, %), then pooled negatives; name a set with LABEL=SPEC
    --show CODE           also print the evidence and text of the rows where CODE fired
    --side pos|neg|both   which rows --show prints (default neg)
    --max-rate PCT        exit with status 1 if a heuristic fires on more than PCT % of negatives
"""

import argparse
import csv
import sys

csv.field_size_limit(sys.maxsize)


def parse_set(spec):
    if "=" in spec.partition("::")[0]:
        spec = spec.split("=", 1)[1]
    path, _, cond = spec.partition("::")
    filters = []
    for part in filter(None, cond.split(",")):
        col, sep, val = part.partition("=")
        if not sep:
            sys.exit(f"bad filter {part!r} in {spec!r}: expected col=value")
        filters.append((col, val))
    return path, filters


def load(specs, lang):
    rows = []
    for spec in specs:
        path, filters = parse_set(spec)
        try:
            with open(path, newline="", encoding="utf-8") as f:
                reader = csv.DictReader(f)
                for col, _ in filters + ([("lang", "")] if lang else []):
                    if col not in (reader.fieldnames or []):
                        sys.exit(f"{path}: no column {col!r} (add it with --keep-cols)")
                for row in reader:
                    if lang and row["lang"] != lang:
                        continue
                    if all(row.get(c) == v for c, v in filters):
                        rows.append(row)
        except OSError as e:
            sys.exit(f"{path}: {e}")
    return rows


def codes_of(row, prefix):
    return {c for c in row["interference_rules"].split(";") if c and c.startswith(prefix)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pos", action="append", default=[], required=True)
    ap.add_argument("--neg", action="append", default=[], required=True)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--prefix", default="RU-EN-")
    ap.add_argument("--show")
    ap.add_argument("--side", choices=["pos", "neg", "both"], default="neg")
    ap.add_argument("--max-rate", type=float)
    ap.add_argument("--heuristics")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--matrix", action="store_true")
    args = ap.parse_args()

    pos = load(args.pos, args.lang)
    neg = load(args.neg, args.lang)
    if not pos or not neg:
        sys.exit(f"empty set: {len(pos)} positive rows, {len(neg)} negative rows")

    def counts(rows):
        out = {}
        for row in rows:
            for code in codes_of(row, args.prefix):
                out[code] = out.get(code, 0) + 1
        return out

    cp, cn = counts(pos), counts(neg)
    codes = sorted(set(cp) | set(cn))
    meta = {}
    if args.heuristics:
        try:
            with open(args.heuristics, newline="", encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    if row["code"].startswith(args.prefix):
                        meta[row["code"]] = (row["name"], row["weight"])
        except (OSError, KeyError) as e:
            sys.exit(f"{args.heuristics}: {e}")
        codes = sorted(set(codes) | set(meta))
    if args.matrix:
        print_matrix(args, codes, meta, neg)
        return
    print(f"positives: {len(pos)} rows; negatives: {len(neg)} rows (lang={args.lang or 'any'})")
    if args.markdown:
        print()
        print("| code | name | weight | pos | pos % | neg | neg % | precision | lift |")
        print("|---|---|---|---|---|---|---|---|---|")
    else:
        print(f"{'code':<22} {'pos':>5} {'pos%':>7} {'neg':>5} {'neg%':>7} {'prec':>6} {'lift':>7}  name")
    over = []
    for code in codes + ["(any)"]:
        if code == "(any)":
            p = sum(1 for r in pos if codes_of(r, args.prefix))
            n = sum(1 for r in neg if codes_of(r, args.prefix))
        else:
            p, n = cp.get(code, 0), cn.get(code, 0)
        pr, nr = 100 * p / len(pos), 100 * n / len(neg)
        prec = f"{p / (p + n):.2f}" if p + n else "-"
        lift = f"{pr / nr:.1f}" if n else ("inf" if p else "-")
        name, weight = meta.get(code, ("", ""))
        if args.markdown:
            print(f"| {code} | {name} | {weight} | {p} | {pr:.2f} | {n} | {nr:.2f} | {prec} | {lift} |")
        else:
            print(f"{code:<22} {p:>5} {pr:>6.2f}% {n:>5} {nr:>6.2f}% {prec:>6} {lift:>7}  {name}")
        if args.max_rate is not None and code != "(any)" and nr > args.max_rate:
            over.append(code)

    if args.show:
        sides = {"pos": [("pos", pos)], "neg": [("neg", neg)], "both": [("pos", pos), ("neg", neg)]}
        for name, rows in sides[args.side]:
            for row in rows:
                if args.show in codes_of(row, args.prefix):
                    ev = [e for e in row["evidence"].split(" | ") if e.startswith(args.show)]
                    print(f"\n[{name}] {' | '.join(ev)}\n    {row['text'][:300]!r}")

    if over:
        print(f"\nover {args.max_rate}% of negatives: {', '.join(over)}", file=sys.stderr)
        sys.exit(1)


def label_of(spec):
    head = spec.partition("::")[0]
    return head.split("=", 1)[0] if "=" in head else spec


def print_matrix(args, codes, meta, neg):
    sets = [(label_of(s), load([s], args.lang)) for s in args.pos + args.neg]
    sets.append(("all negatives", neg))

    def cell(rows, code):
        n = sum(1 for r in rows if (codes_of(r, args.prefix) if code == "(any)" else code in codes_of(r, args.prefix)))
        return f"{n} ({100 * n / len(rows):.2f}%)" if n else "0"

    print("| code | name | weight | " + " | ".join(f"{l} (n={len(r)})" for l, r in sets) + " |")
    print("|---|---|---|" + "---|" * len(sets))
    for code in codes + ["(any)"]:
        name, weight = meta.get(code, ("", ""))
        print(f"| {code} | {name} | {weight} | " + " | ".join(cell(r, code) for _, r in sets) + " |")


if __name__ == "__main__":
    main()
