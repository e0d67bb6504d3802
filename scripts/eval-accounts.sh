#!/usr/bin/env bash
# Evaluate the account-level statistic on pooled pseudo-accounts and write the "Accounts"
# section of docs/EVALUATION.md (between its BEGIN/END accounts markers; scripts/eval.sh keeps
# that section when it rewrites the page).
#
# Usage: scripts/eval-accounts.sh [CORPORA_DIR]        (default: ../shared/corpora)
#        CALQUE=target/debug/calque scripts/eval-accounts.sh   (that binary; default: release)
#
# Each corpus file is scanned once. A pseudo-account of N posts is N report rows drawn without
# replacement from one pool (seeded, so every figure is reproducible), all given the same
# author; `calque accounts` then rolls the batch up and compares it with the labels
# (--eval-labels: ROC-AUC from calque's own metric code). Nothing from the corpora is written
# into the repository except the figures.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="${1:-$repo/../shared/corpora}"
# A git worktree sits one level deeper than the main checkout.
[[ -n "${1:-}" || -d "$corpora" ]] || corpora="$repo/../../shared/corpora"
[[ -d "$corpora" ]] || { echo "eval-accounts.sh: no corpora directory at $corpora" >&2; exit 3; }
corpora="$(cd "$corpora" && pwd)"
doc="$repo/docs/EVALUATION.md"

if [[ -z "${CALQUE:-}" ]]; then
  (cd "$repo" && cargo build --release --quiet)
  CALQUE="$repo/target/release/calque"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/calque-eval-accounts.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"

# IRA English originals: the sample's rows with retweet == 0 and language == English.
python3 - "$corpora" <<'PY'
import csv, sys
with open(f"{sys.argv[1]}/ira_english_sample_2000.csv", newline="", encoding="utf-8") as src, \
     open("ira_english_originals.csv", "w", newline="", encoding="utf-8") as dst:
    out = csv.writer(dst)
    out.writerow(["id", "text"])
    for row in csv.DictReader(src):
        if row["retweet"] == "0" and row["language"] == "English":
            out.writerow([row["tweet_id"], row["content"]])
PY

# Pools: name, files (scanned one by one; lossy UTF-8 for the FiveThirtyEight files' truncated
# characters), scan arguments.
scan() { # OUT INPUT [args]
  local out="$1" in="$2"; shift 2
  "$CALQUE" scan "$in" -q --lossy-utf8 --raw-cells -o "$out" "$@"
}
scan ira_originals.csv ira_english_originals.csv
scan fearmonger.csv "$corpora/ira_english_fearmonger_all.csv" --text-col content
for f in neg_en_538_twitter-ratio_BarackObama neg_en_538_twitter-ratio_realDonaldTrump \
         ewt_native_en potus_newsconf_native_en argrewrite_native_en \
         parisstories_native_fr rhapsodie_native_fr; do
  scan "$f.report.csv" "$corpora/$f.csv"
done

# Base rates fitted without each native set, to see the false-positive rate on a genre the
# rates have not seen (held out).
declare -A held=(
  [tweets_538]="ewt_native_en potus_newsconf_native_en argrewrite_native_en parisstories_native_fr rhapsodie_native_fr"
  [ewt]="neg_en_538_twitter-ratio_BarackObama neg_en_538_twitter-ratio_realDonaldTrump potus_newsconf_native_en argrewrite_native_en parisstories_native_fr rhapsodie_native_fr"
  [potus]="neg_en_538_twitter-ratio_BarackObama neg_en_538_twitter-ratio_realDonaldTrump ewt_native_en argrewrite_native_en parisstories_native_fr rhapsodie_native_fr"
  [argrewrite]="neg_en_538_twitter-ratio_BarackObama neg_en_538_twitter-ratio_realDonaldTrump ewt_native_en potus_newsconf_native_en parisstories_native_fr rhapsodie_native_fr"
  [parisstories]="neg_en_538_twitter-ratio_BarackObama neg_en_538_twitter-ratio_realDonaldTrump ewt_native_en potus_newsconf_native_en argrewrite_native_en rhapsodie_native_fr"
  [rhapsodie]="neg_en_538_twitter-ratio_BarackObama neg_en_538_twitter-ratio_realDonaldTrump ewt_native_en potus_newsconf_native_en argrewrite_native_en parisstories_native_fr"
)
for pool in "${!held[@]}"; do
  reports=()
  for f in ${held[$pool]}; do reports+=("$f.report.csv"); done
  "$CALQUE" accounts --fit-base-rates "${reports[@]}" -o "rates_without_$pool.toml" -q
done

python3 - "$CALQUE" "$doc" <<'PY'
import csv, json, os, random, re, subprocess, sys
calque, doc = sys.argv[1], sys.argv[2]
csv.field_size_limit(1 << 30)
SIZES = [20, 50, 100, 200]
ACCOUNTS = 200          # pseudo-accounts per pool and size
SEED = 20240301
NEEDED = ["rank", "score", "level", "id", "timestamp", "platform", "source", "lang",
          "interference_rules", "campaign", "campaign_score", "other_campaigns",
          "all_campaign_rules", "words"]

def rows(*names):
    out = []
    for name in names:
        with open(name, newline="", encoding="utf-8") as f:
            out.extend({k: r[k] for k in NEEDED} for r in csv.DictReader(f))
    return out

positives = {
    "IRA English originals": rows("ira_originals.csv"),
    "IRA Fearmonger": rows("fearmonger.csv"),
}
natives = {
    "tweets_538": ("@BarackObama + @realDonaldTrump tweets", rows(
        "neg_en_538_twitter-ratio_BarackObama.report.csv",
        "neg_en_538_twitter-ratio_realDonaldTrump.report.csv")),
    "ewt": ("EWT web text", rows("ewt_native_en.report.csv")),
    "potus": ("presidential news conferences", rows("potus_newsconf_native_en.report.csv")),
    "argrewrite": ("ArgRewrite essays", rows("argrewrite_native_en.report.csv")),
    "parisstories": ("ParisStories (fr)", rows("parisstories_native_fr.report.csv")),
    "rhapsodie": ("Rhapsodie (fr)", rows("rhapsodie_native_fr.report.csv")),
}

def pseudo_accounts(pool_key, pool, n, rng):
    """ACCOUNTS pseudo-accounts of n rows each, drawn without replacement within an account."""
    k = min(n, len(pool))
    return [(f"{pool_key}-{n}-{a:03d}", rng.sample(pool, k)) for a in range(ACCOUNTS)]

CAMPAIGN_COLUMNS = {"campaign": "", "campaign_score": "0.0000", "other_campaigns": "",
                    "all_campaign_rules": ""}

def write_batch(name, accounts, interference_only=False):
    """The batch as a report: each pseudo-account's rows under its name. With
    interference_only, the campaign columns are blanked: levels then rest on the test alone."""
    report = f"{name}.batch.csv"
    with open(report, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(NEEDED + ["author"])
        rank = 0
        for account, posts in accounts:
            for r in posts:
                rank += 1
                cells = dict(r, rank=str(rank), platform="")
                if interference_only:
                    cells.update(CAMPAIGN_COLUMNS)
                w.writerow([cells[k] for k in NEEDED] + [account])
    return report

def roll_up(report, name, labels, config=None):
    """`calque accounts` on a batch; returns (eval json, accounts rows)."""
    label_file = f"{name}.labels.csv"
    with open(label_file, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["account", "label"])
        for account, label in sorted(labels.items()):
            w.writerow([account, label])
    cmd = [calque, "accounts", report, "-o", f"{name}.accounts.csv", "-q", "--raw-cells",
           "--eval-labels", label_file, "--eval-out", f"{name}.eval.json"]
    if config:
        cmd += ["--config", config]
    subprocess.run(cmd, check=True)
    with open(f"{name}.accounts.csv", newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    return json.load(open(f"{name}.eval.json")), table

def share(n, d):
    return "n/a" if d == 0 else f"{n}/{d} ({100 * n / d:.1f}%)"

def level_counts(table, prefix):
    mine = [r for r in table if r["account"].startswith(prefix)]
    c = {l: sum(1 for r in mine if r["level"] == l) for l in ("high", "medium", "low", "insufficient")}
    return c, len(mine)

def high_and_medium(counts):
    by = counts["by_level"]
    return (share(by.get("high", 0), counts["accounts"]),
            share(by.get("high", 0) + by.get("medium", 0), counts["accounts"]))

mixed_rows, native_rows = [], []
for n in SIZES:
    rng = random.Random(f"{SEED}-{n}")
    native_accounts = []
    for key, (_, pool) in natives.items():
        native_accounts += pseudo_accounts(key, pool, n, rng)
    native_labels = {a: 0 for a, _ in native_accounts}
    tweet_labels = {a: 0 for a, _ in native_accounts if a.startswith("tweets_538-")}
    for pos_name, pool in positives.items():
        key = "pos_ira" if "originals" in pos_name else "pos_fear"
        pos_accounts = pseudo_accounts(key, pool, n, rng)
        pos_labels = {a: 1 for a, _ in pos_accounts}
        batch = pos_accounts + native_accounts
        report = write_batch(f"{key}_{n}", batch)
        ev, _ = roll_up(report, f"{key}_{n}", dict(native_labels, **pos_labels))
        ev_tweets, _ = roll_up(report, f"{key}_{n}_tweets", dict(tweet_labels, **pos_labels))
        report = write_batch(f"{key}_{n}_interference", batch, interference_only=True)
        ev_int, _ = roll_up(report, f"{key}_{n}_interference", dict(native_labels, **pos_labels))
        p, q = ev["positive"], ev["negative"]
        mixed_rows.append(
            f"| {n} | {pos_name} | {p['accounts']} / {q['accounts']} | "
            f"{ev['roc_auc_interference']:.3f} | {ev_tweets['roc_auc_interference']:.3f} | "
            f"{ev['roc_auc_score']:.3f} | "
            + " | ".join(high_and_medium(p)) + " | "
            + " | ".join(high_and_medium(ev_int["positive"])) + " | "
            f"{share(p['by_level'].get('insufficient', 0), p['accounts'])} | "
            f"{high_and_medium(q)[0]} | {high_and_medium(ev_int['negative'])[0]} |")
    # Natives alone: a batch with nothing to find.
    report = write_batch(f"natives_{n}", native_accounts)
    _, table = roll_up(report, f"natives_{n}", native_labels)
    for key, (title, _) in natives.items():
        c, total = level_counts(table, f"{key}-")
        own = [a for a in native_accounts if a[0].startswith(f"{key}-")]
        report = write_batch(f"held_{key}_{n}", own)
        _, held_table = roll_up(report, f"held_{key}_{n}", {a: 0 for a, _ in own},
                                config=f"rates_without_{key}.toml")
        h, _ = level_counts(held_table, f"{key}-")
        native_rows.append(
            f"| {n} | {title} | {total} | {share(c['high'], total)} | {share(c['medium'], total)} | "
            f"{share(c['insufficient'], total)} | {share(h['high'], total)} | {share(h['medium'], total)} |")

version = subprocess.run([calque, "--version"], capture_output=True, text=True, check=True).stdout.strip()
section = f"""<!-- BEGIN accounts: generated by scripts/eval-accounts.sh; do not edit by hand. -->
## Accounts: the account-level statistic on pooled pseudo-accounts

Produced by `scripts/eval-accounts.sh` with `{version}`, default config (base rates of
`data/calque.toml`, fitted by `scripts/base-rates.sh`). Every figure is deterministic (seeded draws).

**Pseudo-accounts are pools, not real accounts.** A pseudo-account of N posts is N posts drawn at
random, without replacement, from one corpus file (or two, for the FiveThirtyEight tweets), all
labelled with one author name. The IRA positives mix many real troll accounts in one pool, and a
pool of 1,221 tweets gives overlapping draws; the native pools are texts by many writers of one
genre (the EWT, news-conference and essay files hold 20–150-word chunks, not posts, so their
pseudo-accounts have several times the words of a tweet account). Real accounts are more uniform
than pools (one writer, one habit), which this evaluation cannot show. The native sets are also
the sets the base rates were fitted on: the in-sample columns are optimistic, the held-out column
(rates fitted without that set) is the honest one for a genre the rates have not seen.

Method: each corpus file is scanned once with `calque scan`; rows of the reports are drawn into
pseudo-accounts ({ACCOUNTS} per pool and size) and rolled up with `calque accounts`, which tests each
account's interference hits against the native base rates (exact Poisson tail) and adjusts the
p-values across the batch (Benjamini–Hochberg); levels follow `docs/scoring.md` ("Accounts").
ROC-AUC (from `calque accounts --eval-labels`, calque's own metric code) ranks accounts by `-ln p`
(the test alone) and by the account score; a tie counts one half. Each batch mixes one positive
pool's {ACCOUNTS} pseudo-accounts with {ACCOUNTS} from each native pool (six pools, English and French).

### Positives against natives, mixed batches

"-ln p" columns rank by the interference test alone: against every native pool, and against the
native tweets only (the same genre as the positives). "Interference only": the same batch with the
campaign columns of the rows blanked, so that levels rest on the test alone (the IRA rule file cites
the Fearmonger hoaxes themselves: with campaign evidence, those figures measure recall of published
indicators on their own source material, not detection of new activity).

| N posts | positives | accounts pos / neg | ROC-AUC -ln p, all natives | ROC-AUC -ln p, native tweets | ROC-AUC score | positives high | positives high or medium | positives high, interference only | positives high or medium, interference only | positives insufficient | natives high | natives high, interference only |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
""" + "\n".join(mixed_rows) + f"""

### Natives alone (target: at most 1% at level high)

A batch of the native pseudo-accounts only (all six pools together). "Held-out" columns: the same
pool's accounts in a batch of their own, rolled up with base rates fitted on the other native sets
(`calque accounts --fit-base-rates`), that is, as if the genre were new to calque.

| N posts | native pool | accounts | high | medium | insufficient | high, held-out rates | medium, held-out rates |
|---|---|---|---|---|---|---|---|
""" + "\n".join(native_rows) + """

<!-- END accounts -->
"""
text = open(doc, encoding="utf-8").read() if os.path.exists(doc) else ""
m = re.search(r"<!-- BEGIN accounts.*?<!-- END accounts -->\n", text, re.S)
if m:
    text = text[:m.start()] + section + text[m.end():]
else:
    text = text.rstrip("\n") + "\n\n" + section
open(doc, "w", encoding="utf-8").write(text)
PY
echo "eval-accounts.sh: wrote the accounts section of $doc" >&2
