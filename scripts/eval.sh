#!/usr/bin/env bash
# Evaluate calque's shipped defaults on the public corpora in ../shared/corpora and regenerate
# docs/EVALUATION.md. Usage: scripts/eval.sh [CORPORA_DIR]
#
# The corpora are read where they are; filtered copies go to a temporary directory that is
# removed on exit. Nothing from the corpora is written into the repository except the figures.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="${1:-$repo/../shared/corpora}"
[[ -d "$corpora" ]] || { echo "eval.sh: no corpora directory at $corpora (give it as the first argument)" >&2; exit 3; }
corpora="$(cd "$corpora" && pwd)"
doc="$repo/docs/EVALUATION.md"

for f in ira_english_sample_2000.csv neg_en_538_twitter-ratio_BarackObama.csv \
         neg_en_538_twitter-ratio_realDonaldTrump.csv spotted_validation_5000_mixed_labels.csv \
         ira_french_all.csv ira_english_fearmonger_all.csv; do
  [[ -r "$corpora/$f" ]] || { echo "eval.sh: missing $corpora/$f" >&2; exit 3; }
done

(cd "$repo" && cargo build --release --quiet)
calque="$repo/target/release/calque"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
# Inputs are named by their corpus file name in the tables, so the doc does not depend on $work.
for f in "$corpora"/*.csv; do ln -s "$f" "$(basename "$f")"; done

# IRA English originals: the sample's rows with retweet == 0 and language == English.
# The two FiveThirtyEight negative files are not valid UTF-8 where tweets were truncated (the
# ellipsis is mis-encoded); calque would reject those records, so the copy used here replaces the
# invalid bytes with U+FFFD instead of losing 29% of the negatives.
python3 - <<'PY'
import csv, os
for name in ["neg_en_538_twitter-ratio_BarackObama.csv", "neg_en_538_twitter-ratio_realDonaldTrump.csv"]:
    data = open(name, "rb").read().decode("utf-8", errors="replace")
    os.remove(name)  # the symlink to the corpus; the repaired copy takes its name
    open(name, "w", encoding="utf-8", newline="").write(data)
with open("ira_english_sample_2000.csv", newline="", encoding="utf-8") as src, \
     open("ira_english_originals.csv", "w", newline="", encoding="utf-8") as dst:
    out = csv.writer(dst)
    out.writerow(["id", "text"])
    for row in csv.DictReader(src):
        if row["retweet"] == "0" and row["language"] == "English":
            out.writerow([row["tweet_id"], row["content"]])
PY

# French: calque's own language id decides what is French (lang == fr, confidence >= 0.5).
"$calque" scan ira_french_all.csv --text-col content -o ira_french_scan.csv -q
"$calque" scan spotted_validation_5000_mixed_labels.csv --keep-cols target -o spotted_scan.csv -q
python3 - <<'PY'
import csv
def french(path, out_path, keep=lambda row: True):
    n = 0
    with open(path, newline="", encoding="utf-8") as src, \
         open(out_path, "w", newline="", encoding="utf-8") as dst:
        out = csv.writer(dst)
        out.writerow(["text"])
        for row in csv.DictReader(src):
            if row["lang"] == "fr" and float(row["lang_confidence"]) >= 0.5 and keep(row):
                out.writerow([row["text"]])
                n += 1
    return n
french("ira_french_scan.csv", "ira_french_fr.csv")
french("spotted_scan.csv", "spotted_negatives_fr.csv", lambda r: r["target"] == "0.0")
PY

run_eval() { # name, then calque eval arguments
  local name="$1"; shift
  "$calque" eval "$@" --out "$name.json" > "$name.md" 2> "$name.err" || { cat "$name.err" >&2; exit 1; }
}
# Negatives are listed first: precision@k breaks ties in score by input order, so ties (most
# items score exactly 0) count against calque rather than for it.
negatives_en=(--label-file neg_en_538_twitter-ratio_BarackObama.csv=0
              --label-file neg_en_538_twitter-ratio_realDonaldTrump.csv=0)
run_eval ira_en "${negatives_en[@]}" --label-file ira_english_originals.csv=1
run_eval fearmonger "${negatives_en[@]}" --label-file ira_english_fearmonger_all.csv=1
run_eval spotted spotted_validation_5000_mixed_labels.csv --label-col target --positive 1.0
run_eval ira_fr --label-file spotted_negatives_fr.csv=0 --label-file ira_french_fr.csv=1
"$calque" tune "${negatives_en[@]}" --label-file ira_english_originals.csv=1 \
  -o tuned_ira_en.toml --report tune_ira_en.json > tune_ira_en.md 2> tune.err \
  || { cat tune.err >&2; exit 1; }

version="$("$calque" --version)"
python3 - "$doc" "$version" <<'PY'
import json, sys
doc, version = sys.argv[1], sys.argv[2]
def load(name): return json.load(open(name + ".json"))
def md(name): return open(name + ".md").read().replace("### ", "#### ")
def f(x, d=3): return "n/a" if x is None else f"{x:.{d}f}"
def row(name, title):
    r = load(name)
    s = {x["score"]: x for x in r["scores"] if x["language"] == "all"}
    o, i = s["overall"], s["interference"]
    return (f"| {title} | {r['positives']} / {r['negatives']} | {f(o['roc_auc'])} | {f(o['pr_auc'])} "
            f"| {f(i['roc_auc'])} | {f(o['precision_at_100'])} | {f(o['fpr_at_high'], 4)} | {f(o['tpr_at_high'], 4)} |")
tune = json.load(open("tune_ira_en.json"))
runs = [("ira_en", "A. IRA English originals vs @BarackObama + @realDonaldTrump"),
        ("fearmonger", "B. IRA English 'Fearmonger' vs the same natives"),
        ("spotted", "C. SPOTTED validation (state-linked IO vs news/government accounts)"),
        ("ira_fr", "D. IRA French (detected fr) vs SPOTTED French negatives")]
out = []
w = out.append
w("# Evaluation of calque's shipped defaults\n")
w("<!-- Generated by scripts/eval.sh; do not edit by hand: edit the script and rerun it. -->\n")
w(f"Produced by `scripts/eval.sh` with `{version}`, default config (`data/calque.toml`) and the "
  "embedded rule files. Rerun the script to regenerate this page; every figure is deterministic.\n")
w("## Headline figures\n")
w("Overall = the report's `score`; interference = the language-interference score alone. "
  "FPR/TPR@high: share of negatives / positives at or above the report's \"high\" threshold (0.7).\n")
w("| evaluation | positives / negatives | overall ROC-AUC | overall PR-AUC | interference ROC-AUC | P@100 | FPR@high | TPR@high |")
w("|---|---|---|---|---|---|---|---|")
for name, title in runs:
    w(row(name, title))
w("")
w(f"Tuning (A only, `calque tune`, 5-fold cross-validated, seed 42): ROC-AUC of the overall score "
  f"{f(tune['cv_roc_auc_before'])} with the shipped weights, {f(tune['cv_roc_auc_after'])} with "
  "weights fitted on the training folds. The shipped defaults stay hand-set; see section E.\n")
w("""## What these numbers do and do not show

- **The positives are old.** The IRA tweets (2012–2018) predate the campaigns calque's rule files
  describe (Matryoshka/Overload, Doppelganger, Pravda network, Storm-1516, CopyCop: 2022 onwards).
  Campaign indicators are therefore expected to stay almost silent here; these runs mostly measure
  the interference heuristics, and measure them on short tweets, many written by native-level
  writers or copied from elsewhere.
- **Known indicators are not generalisation.** Where a rule file cites the very incidents an
  evaluation file contains (IRA hoax hashtags in B, for instance), the campaign score measures
  recall of those published indicators on their own source material, not how well calque finds
  new activity.
- **The negatives are narrow.** Two accounts (@BarackObama, @realDonaldTrump) in A and B: polished,
  staff-written US political English. A low false-positive rate on them says little about casual
  native writing, non-native writers of other L1s, or machine-translated text.
- **SPOTTED mixes countries.** Its positives come from Twitter's archive of state-linked operations
  of Russia, Iran, China, Venezuela and others; calque targets Russian-L1 tells and Russian
  campaigns, so non-Russian positives count as misses by design. Its negatives are verified news and
  government accounts (edited prose, not ordinary users).
- **French labels are noisy.** The French IRA file is every tweet Social Studio tagged French; calque's
  own language id (confidence >= 0.5) keeps the French-looking ones, and the only French negatives
  available here are SPOTTED's French news/government tweets (a few dozen items).
- **Ranking metrics, not verdicts.** ROC-AUC near 0.5 means the score does not separate the two
  sets; precision@k and FPR@high depend on the class balance of these files, not on real-world
  prevalence. None of this shows that a flagged item is propaganda — only that it matches
  indicators.
- **Ties.** Most items of every set score exactly 0 (nothing fired). ROC-AUC counts a tie as one
  half; precision@k breaks ties by input order, and the script lists the negative files first, so
  P@k over tied scores is pessimistic (SPOTTED keeps its own mixed order).
- **Text repairs.** The two FiveThirtyEight negative files contain invalid UTF-8 where tweets were
  truncated; the script evaluates a copy with those bytes replaced by U+FFFD (otherwise calque
  rejects the records, as its input rules say). Records calque still rejects, and records without a
  readable label, are counted in each Inputs table and not evaluated.

## Data and provenance

All files are in `../shared/corpora/` (see its README.md); they are read from there and never
copied into this repository. Filtered temporary copies are made by the script and deleted.

| set | file | selection | label |
|---|---|---|---|
| A | ira_english_sample_2000.csv | rows with `retweet` = 0 and `language` = English (random sample of FiveThirtyEight's IRA tweets) | 1 |
| A, B | neg_en_538_twitter-ratio_BarackObama.csv, neg_en_538_twitter-ratio_realDonaldTrump.csv | all (FiveThirtyEight twitter-ratio, CC BY 4.0); invalid UTF-8 bytes replaced by U+FFFD | 0 |
| B | ira_english_fearmonger_all.csv | all IRA "Fearmonger" tweets (fake-crisis hoaxes) | 1 |
| C | spotted_validation_5000_mixed_labels.csv | all; label column `target`, positive `1.0` | 1 / 0 |
| D | ira_french_all.csv | rows calque identifies as French with confidence >= 0.5 | 1 |
| D | spotted_validation_5000_mixed_labels.csv | `target` = 0.0 rows identified as French (confidence >= 0.5) | 0 |

## Metric definitions

- ROC-AUC: Mann–Whitney statistic from midranks (a tie between a positive and a negative counts 1/2).
- PR-AUC: average precision, step-wise; items of equal score form one threshold;
  AP = sum over thresholds of (recall gained) x (precision at that threshold). No interpolation.
- P@k: share of positives among the k best-scored items, ties broken by input order; n/a with fewer than k items.
- best-F1 t: the score threshold (flag when score >= t) with the highest F1; on equal F1 the highest t.
- FPR@high / TPR@high: share of negatives / positives scoring >= the config's `score.high`.
- Per rule: fires on pos/neg = items it fired on; precision = pos / (pos + neg); recall = pos / all
  positives; lift = precision / share of positives in the set (>1: fires more on positives than chance).
  Heuristics run only on items of their language, so their recall is over all positives, any language.
""")
w("""## The tools behind these figures

- `calque eval LABELLED... --label-col COL [--positive VALUE]` or `--label-file FILE=1|0` (repeatable;
  any input format `scan` reads). Without `--positive`, the label values 1, 1.0, true, yes are positive
  and 0, 0.0, false, no negative (any case); anything else is counted as unreadable, an empty value
  as missing — both are reported per input, never silently dropped. Prints the Markdown tables shown
  below; `--out FILE.json` writes them nested, `--out FILE.csv` in long format
  (`table,language,subject,metric,value`).
- `calque explain TEXT | --file F | --input X --id ID [--format json]`: the language (code,
  confidence, method), script figures, the normalized view, each heuristic that fired (code, weight,
  hits, `contribution` = weight x sqrt(min(hits, max_repeats)) / length factor, spans as byte offsets
  `start`/`end` in the original text with the `text` there), each indicator that fired (weight, whether
  it `counted`, `part_of` for parts of combinations, `parts_fired` for combinations,
  `counted_through` / `same_evidence` for evidence counted once, spans), the campaign scores, the
  `narrative` matched (claim, source, score, matched `words`, whether it `counted`), the `context`
  (cues with their spans, whether it `capped` the score) and the overall score with the formula.
- `calque tune LABELLED... -o weights.toml`: see section E. The written file is an ordinary config
  (`scan --config`, `eval --config`); its header records the data, the method and the
  cross-validated ROC-AUC before and after.
""")
for (name, title) in runs:
    w(f"## {title}\n")
    w(md(name))
w("## E. Tuning on A (cross-validated)\n")
w("Command: `calque tune --label-file neg_en_538_twitter-ratio_BarackObama.csv=0 --label-file "
  "neg_en_538_twitter-ratio_realDonaldTrump.csv=0 --label-file ira_english_originals.csv=1 "
  "-o tuned.toml`. Method (src/eval/tune.rs): L2 logistic regression with non-negative coefficients "
  "on per-rule features, mapped to weights by w = 1 - exp(-s * coef); the figures are those of the "
  "resulting config under calque's real scoring formula. A weight fitted on 2016 troll tweets against "
  "two politicians' accounts is fitted to *this* contrast: it is reported to show what tuning can do "
  "and is not shipped.\n")
w(open("tune_ira_en.md").read())
# Three parts are not generated here and are kept as they are: the accounts section
# (scripts/eval-accounts.sh's, between its BEGIN/END markers), the coordination section
# (scripts/eval-coordination.sh's) and the hand-written narratives and context sections at the
# end (from scripts/eval-narratives.sh and the hard-negative test).
import os, re
MARK = "<!-- Hand-written from here on"
previous = open(doc).read() if os.path.exists(doc) else ""
kept = []
for pattern in (r"<!-- BEGIN accounts.*?<!-- END accounts -->\n",
                r"<!-- coordination:begin -->.*?<!-- coordination:end -->\n?"):
    m = re.search(pattern, previous, re.S)
    if m:
        kept.append((m.start(), m.group(0) if m.group(0).endswith("\n") else m.group(0) + "\n"))
kept = [part for _, part in sorted(kept)]  # in the page's order
hand = previous
for part in kept:
    hand = hand.replace(part.rstrip("\n"), "")
hand = hand[hand.index(MARK):] if MARK in hand else ""
tail = "".join("\n" + part for part in kept + ([hand] if hand else []))
open(doc, "w").write("\n".join(out).rstrip("\n") + "\n" + tail)
PY
echo "eval.sh: wrote $doc" >&2
