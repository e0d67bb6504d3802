#!/usr/bin/env python3
"""Gold recall, precision against annotators and native firing rates of calque's heuristics
(python3, stdlib only). Called by scripts/gold-recall.sh, which runs the scans; see there.

Inputs are `calque scan --format jsonl` reports (with the `evidence_spans` column, character offsets
into `text`) of:
  * the REALEC chunks (`--keep-cols source`), and the REALEC gold error annotation;
  * native sets, each given as LABEL=REPORT.jsonl.

How gold spans are located. `realec_error_spans.csv` gives, per essay, the learner's words
(`original`) of each annotated error, without offsets. An essay is rebuilt by joining its
chunks (`source` = realec:essay:N#k) in chunk order with a line break. Each `original` is
searched in the essay as a whole-word, case-sensitive string. Annotations come mostly in text
order (later additions are appended at the end), so they are placed one after the other: an
original that occurs once goes there; one that occurs several times goes to its first
occurrence at or after the previous annotation's start ("sequential"), or, when none follows,
to its first occurrence ("guessed"). Not located: originals absent from the chunks (text lost
when essays were cut into chunks of 20-150 words, or annotations spanning markup) and empty
originals. A heuristic hit overlaps a gold span when their character intervals intersect.

Limits: a short original ("the", "at") may be placed on the wrong occurrence when annotations
are out of order; insertions (a missing article) are annotated on the neighbouring words, so a
hit on "to cinema" overlaps the gold span "cinema"; an unannotated hit is not necessarily
wrong (annotators mark one reading of each error and miss some).
"""

import argparse
import bisect
import collections
import csv
import json
import random
import re
import sys

csv.field_size_limit(sys.maxsize)

# REALEC error types per calque family. Types of no family here (Spelling, lex_item_choice
# outside calques, Agreement…) still count for "on any gold span".
FAMILY_OF_TYPE = {
    "articles": ["Articles", "Determiners", "DET"],
    "prepositions": ["Prepositions", "Prepositional_verb", "Prepositional_noun",
                     "Prepositional_adjective", "ADP", "Dative"],
    "verbs": ["Tense_choice", "Tense_form", "Tense"],
    "numbers": ["Noun_number", "Countable_uncountable", "Numerals", "Numerical"],
    "word-order": ["Word_order", "Interrogative"],
    "punctuation": ["Punctuation", "Defining", "Non_defining", "that_clause"],
    "lexical-calques": ["lex_item_choice", "Word_choice", "lex_part_choice", "Often_confused",
                        "Absence_comp_colloc"],
    "pronouns": ["Pronouns", "Possessive", "PRON"],
}
TYPE_FAMILY = {t: fam for fam, types in FAMILY_OF_TYPE.items() for t in types}


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def parse_spans(cell, text, prefix):
    """`CODE:s-e,s-e;CODE:…` (character offsets into text) → [(code, char_start, char_end)]."""
    out = []
    if not cell:
        return out
    for entry in cell.split(";"):
        code, _, spans = entry.rpartition(":")
        if not code.startswith(prefix):
            continue
        for span in spans.split(","):
            s, _, e = span.partition("-")
            s, e = int(s), int(e)
            out.append((code, s, e))
    return out


def load_essays(corpora):
    chunks = collections.defaultdict(dict)
    with open(f"{corpora}/realec_essays_ru_l1_en.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            doc, _, k = row["source"].partition("#")
            chunks[doc][int(k)] = row["text"]
    essays = {}
    for doc, parts in chunks.items():
        base, pieces, at = {}, [], 0
        for k in sorted(parts):
            base[k] = at
            pieces.append(parts[k])
            at += len(parts[k]) + 1
        essays[doc] = ("\n".join(pieces), base)
    return essays


def occurrences(text, original):
    pat = re.escape(original)
    if re.match(r"\w", original):
        pat = r"(?<!\w)" + pat
    if re.search(r"\w$", original):
        pat += r"(?!\w)"
    return [m.start() for m in re.finditer(pat, text)]


def place_gold(corpora, essays):
    """Gold spans per essay doc id: [(start, end, error_type)], and placement counts."""
    by_essay = collections.defaultdict(list)
    with open(f"{corpora}/realec_error_spans.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_essay[f"realec:essay:{row['essay']}"].append(row)
    gold, stats = collections.defaultdict(list), collections.Counter()
    for doc, rows in by_essay.items():
        if doc not in essays:
            stats["essay not in chunks"] += len(rows)
            continue
        text, cursor = essays[doc][0], 0
        for row in rows:
            original = row["original"].strip()
            if not original:
                stats["empty original"] += 1
                continue
            occ = occurrences(text, original)
            if not occ:
                stats["not found"] += 1
                continue
            if len(occ) == 1:
                at, how = occ[0], "unique"
            else:
                later = [o for o in occ if o >= cursor]
                at, how = (later[0], "sequential") if later else (occ[0], "guessed")
            stats[how] += 1
            cursor = at
            gold[doc].append((at, at + len(original), row["error_type"]))
    return gold, stats


def overlaps(spans, start, end):
    """Indices of spans (sorted by start) intersecting [start, end)."""
    return [i for i, (s, e, _) in enumerate(spans) if s < end and start < e]


def pct(n, d, digits=1):
    return "–" if not d else f"{100 * n / d:.{digits}f}%"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", required=True)
    ap.add_argument("--catalogue", required=True, help="calque heuristics --format csv")
    ap.add_argument("--realec", required=True, help="scan of the REALEC chunks (jsonl)")
    ap.add_argument("--native", action="append", default=[], help="LABEL=REPORT.jsonl")
    ap.add_argument("--samples", help="write a sample of unannotated hits per heuristic here")
    ap.add_argument("--per-code", type=int, default=8, help="sampled hits per heuristic")
    ap.add_argument("--max-rate", type=float, default=0.2, help="native bound per heuristic, %%")
    args = ap.parse_args()

    catalogue = list(csv.DictReader(open(args.catalogue, encoding="utf-8")))
    info = {h["code"]: h for h in catalogue}
    essays = load_essays(args.corpora)
    gold, placement = place_gold(args.corpora, essays)
    for spans in gold.values():
        spans.sort()
    family_total = collections.Counter(
        TYPE_FAMILY.get(t) for spans in gold.values() for _, _, t in spans)

    # REALEC hits, mapped onto essay offsets.
    chunks = fired_chunks = 0
    hits = collections.defaultdict(list)  # code -> [(doc, start, end, chunk text, cs, ce)]
    chunks_by_code = collections.Counter()
    for row in read_jsonl(args.realec):
        chunks += 1
        doc, _, k = row["source"].partition("#")
        found = parse_spans(row.get("evidence_spans", ""), row["text"], "RU-EN-")
        if row["interference_rules"]:
            fired_chunks += 1
        base = essays[doc][1][int(k)]
        for code in {c for c, _, _ in found}:
            chunks_by_code[code] += 1
        for code, s, e in found:
            hits[code].append((doc, base + s, base + e, row["text"], s, e))

    # Per heuristic: gold spans of its family overlapped, hits on any / own-family gold span.
    covered = collections.defaultdict(set)  # family -> {(doc, gold index)}
    covered_any = set()
    rows = []
    samples = []
    rng = random.Random(16)
    for h in catalogue:
        code = h["code"]
        if h["language"] != "en":
            continue
        fam = h["family"]
        mine, on_any, on_fam, unannotated = set(), 0, 0, []
        for doc, s, e, text, cs, ce in hits.get(code, []):
            spans = gold.get(doc, [])
            idx = overlaps(spans, s, e)
            if idx:
                on_any += 1
            own = [i for i in idx if TYPE_FAMILY.get(spans[i][2]) == fam]
            if own:
                on_fam += 1
            for i in idx:
                covered_any.add((doc, i))
            for i in own:
                mine.add((doc, i))
                covered[fam].add((doc, i))
            if not idx:
                unannotated.append((text, cs, ce))
        n = len(hits.get(code, []))
        rows.append((code, h["name"], fam, n, chunks_by_code[code], len(mine),
                     family_total.get(fam, 0), on_any, on_fam))
        for text, cs, ce in rng.sample(unannotated, min(args.per_code, len(unannotated))):
            samples.append(f"{code}\t{text[max(0, cs - 60):cs]}[[{text[cs:ce]}]]{text[ce:ce + 40]}")

    # Native sets.
    natives = []
    for spec in args.native:
        label, _, path = spec.partition("=")
        items = fired = 0
        by_code = collections.Counter()
        langs = collections.Counter()
        for row in read_jsonl(path):
            items += 1
            langs[row["lang"]] += 1
            codes = {c for c in row["interference_rules"].split(";") if c}
            for c in codes:
                by_code[c] += 1
            if float(row["interference_score"]) > 0:
                fired += 1
        natives.append((label, items, fired, by_code, langs))

    # Chunks holding at least one located gold error of a family the heuristics cover: the
    # ceiling a perfectly precise catalogue of those families could reach.
    chunk_bounds = {doc: sorted(base.values()) for doc, (_, base) in essays.items()}
    with_gold = set()
    for doc, spans in gold.items():
        starts = chunk_bounds[doc]
        for s, _, t in spans:
            if TYPE_FAMILY.get(t) in ("articles", "prepositions", "numbers", "punctuation",
                                      "word-order", "pronouns", "verbs"):
                with_gold.add((doc, bisect.bisect_right(starts, s) - 1))

    w = print
    w(f"Chunks: {chunks} REALEC chunks ({len(essays)} essays); at least one English heuristic "
      f"fires on **{fired_chunks} ({pct(fired_chunks, chunks)})**. For scale: "
      f"{len(with_gold)} chunks ({pct(len(with_gold), chunks)}) hold at least one annotated "
      "error of the grammatical families (articles, prepositions, number, punctuation, "
      "word order, pronouns, tense).\n")
    located = sum(placement[k] for k in ("unique", "sequential", "guessed"))
    total = sum(placement.values())
    w(f"Gold spans: {total} annotations; {located} located in the chunks "
      f"({placement['unique']} occur once in their essay, {placement['sequential']} placed in "
      f"annotation order, {placement['guessed']} guessed: first occurrence), "
      f"{placement['not found']} not found, {placement['empty original']} empty, "
      f"{placement['essay not in chunks']} of essays absent from the chunks.\n")
    w("### Per family\n")
    w("Recall = located gold spans of the family's REALEC error types that at least one "
      "heuristic of the family overlaps. Error types per family: "
      + "; ".join(f"{fam}: {', '.join(t)}" for fam, t in FAMILY_OF_TYPE.items()) + ".\n")
    w("| family | gold spans | overlapped by the family's heuristics | recall |")
    w("|---|---|---|---|")
    for fam in FAMILY_OF_TYPE:
        tot = family_total.get(fam, 0)
        w(f"| {fam} | {tot} | {len(covered[fam])} | {pct(len(covered[fam]), tot)} |")
    all_gold = sum(family_total.values())
    w(f"| (any type, any heuristic) | {all_gold} | {len(covered_any)} | "
      f"{pct(len(covered_any), all_gold)} |\n")

    w("### Per heuristic (English)\n")
    w("Hits = spans fired in the REALEC chunks; chunks = chunks it fires on; recall = gold "
      "spans of its family it overlaps (share of the family's gold spans); on gold = share of "
      "its hits that overlap any gold span, and a gold span of its own family. Native columns: "
      "share of each native set's items it fires on (bound: "
      f"{args.max_rate}%); – = never. Heuristics that fire nowhere are left out.\n")
    head = "| code | name | family | hits | chunks | recall | on gold | on own-family gold |"
    head += "".join(f" {label} |" for label, *_ in natives)
    w(head)
    w("|" + "---|" * (8 + len(natives)))
    over = []
    for code, name, fam, n, nchunks, mine, ftot, on_any, on_fam in rows:
        native_cells = []
        for label, items, _, by_code, _ in natives:
            k = by_code.get(code, 0)
            native_cells.append("–" if not k else f"{k} ({pct(k, items, 2)})")
            if items and 100 * k / items > args.max_rate:
                over.append(f"{code} on {label}: {k} of {items}")
        if not n and all(c == "–" for c in native_cells):
            continue
        recall = f"{mine} ({pct(mine, ftot, 2)})" if fam in FAMILY_OF_TYPE else "n/a"
        w(f"| `{code}` | {name} | {fam} | {n} | {nchunks} | {recall} | {pct(on_any, n, 0)} "
          f"| {pct(on_fam, n, 0) if fam in FAMILY_OF_TYPE else 'n/a'} | "
          + " | ".join(native_cells) + " |")
    w("")
    w("### Native sets\n")
    w("| set | items | identified English / French | any heuristic fires (score > 0) |")
    w("|---|---|---|---|")
    for label, items, fired, _, langs in natives:
        w(f"| {label} | {items} | {langs.get('en', 0)} / {langs.get('fr', 0)} | "
          f"{fired} ({pct(fired, items, 2)}) |")
    w("")
    french = [(label, items, by_code) for label, items, _, by_code, _ in natives]
    fr_codes = sorted({c for _, _, b in french for c in b if c.startswith("RU-FR-")})
    if fr_codes:
        w("French heuristics that fire on a native set:\n")
        w("| code | " + " | ".join(l for l, _, _ in french) + " |")
        w("|---|" + "---|" * len(french))
        for c in fr_codes:
            w(f"| `{c}` | " + " | ".join(
                (f"{b[c]} ({pct(b[c], n, 2)})" if b.get(c) else "–") for _, n, b in french) + " |")
        w("")
    if over:
        w("Over the bound: " + "; ".join(over) + ".\n")
    else:
        w(f"No heuristic fires on more than {args.max_rate}% of the items of any native set.\n")
    if args.samples:
        with open(args.samples, "w", encoding="utf-8") as f:
            f.write("\n".join(samples) + "\n")


if __name__ == "__main__":
    main()
