#!/usr/bin/env bash
# Evaluate narrative matching (docs/EVALUATION.md, "Narratives"): recall@1 and recall@5 of
# scripted paraphrases of EUvsDisinfo case titles, and the false-match rate on native sets.
# Reads ../shared/corpora (never copied into the repository); deterministic (seeded).
#
# Usage: scripts/eval-narratives.sh [CALQUE_BINARY] [CORPORA_DIR]
#   default binary: target/release/calque (built if missing)
#
# 1. Claims: every EUvsDisinfo case title (euvsdisinfo_posts_cknabs.csv, 2015-2021).
# 2. Queries: for 1,000 cases drawn with a fixed seed (titles with 4+ words), a rewrite made by
#    a script at two strengths:
#      light - a news frame naming the case's outlet ("RT reports that ..."), a hashtag from
#              its keywords, some words replaced by synonyms or spelling variants;
#      heavy - the same, and a third of the remaining words dropped, clauses reordered.
#    A query is right at k when the case's URL (or that of a case with the same title) is
#    among its k best claims at or above the threshold.
# 3. False matches: the share of native texts whose best claim reaches the threshold -
#    538 @BarackObama + @realDonaldTrump tweets (2017), SPOTTED target=0 (news/government
#    accounts), POTUS news conferences 1960-1980 (spoken, 20-150 words), EWT web text; and
#    native spoken French (ParisStories, Rhapsodie) against the rule files' French narratives.
set -euo pipefail
cd "$(dirname "$0")/.."
CALQUE="${1:-target/release/calque}"
CORPORA="${2:-$(cd .. && pwd)/shared/corpora}"
[ -d "$CORPORA" ] || CORPORA=/work/shared/corpora
if [ ! -x "$CALQUE" ]; then cargo build --release --quiet; fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# KEEP=1 keeps the queries and match lists for a closer look.
if [ -n "${KEEP:-}" ]; then trap - EXIT; echo "working files in $WORK"; fi
CLAIMS="$CORPORA/euvsdisinfo_posts_cknabs.csv"

python3 - "$CLAIMS" "$WORK" <<'PY'
import csv, random, re, sys
claims, work = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(claims, newline='', encoding='utf-8')))
rng = random.Random(20261207)
SYN = {
    'says': ['claims', 'states'], 'said': ['claimed', 'stated'], 'wants': ['seeks', 'aims'],
    'prepare': ['plan'], 'prepares': ['plans'], 'preparing': ['planning'], 'attack': ['strike'],
    'attacks': ['strikes'], 'country': ['state', 'nation'], 'countries': ['states', 'nations'],
    'government': ['authorities', 'regime'], 'war': ['conflict'], 'killed': ['murdered'],
    'kill': ['murder'], 'destroy': ['ruin'], 'destroys': ['ruins'], 'control': ['rule'],
    'controls': ['rules'], 'controlled': ['run'], 'lies': ['falsehoods'], 'lie': ['falsehood'],
    'fake': ['false'], 'secret': ['covert'], 'huge': ['massive'], 'big': ['large'],
    'children': ['kids'], 'people': ['citizens'], 'soldiers': ['troops'], 'army': ['military'],
    'weapons': ['arms'], 'money': ['funds'], 'help': ['assist'], 'helped': ['assisted'],
    'behind': ['responsible for'], 'organised': ['organized'], 'organized': ['organised'],
    'provocation': ['set-up'], 'coup': ['putsch'], 'elections': ['vote'], 'election': ['vote'],
    'protests': ['demonstrations'], 'protesters': ['demonstrators'], 'crisis': ['collapse'],
    'economy': ['economic system'], 'sanctions': ['restrictions'], 'threat': ['danger'],
    'threatens': ['endangers'], 'bioweapons': ['biological weapons'], 'laboratories': ['labs'],
    'laboratory': ['lab'], 'virus': ['pathogen'], 'vaccine': ['jab'], 'vaccines': ['jabs'],
    'attempt': ['try'], 'banned': ['prohibited'], 'ban': ['prohibit'], 'forced': ['compelled'],
    'usa': ['United States'], 'us': ['America'], 'uk': ['Britain'], 'eu': ['Brussels'],
}
FRAMES = ['{o} reports that {t}', 'According to {o}, {t}', 'BREAKING: {t}', '{t} - {o}',
          'Shocking news from {o}: {t}', 'They will never tell you this: {t}']
def words(t): return re.findall(r"[\w’'-]+|[^\w\s]", t)
def rewrite(row, heavy):
    toks = [w for w in words(row['title']) if w not in '…']
    out = []
    for w in toks:
        low = w.lower()
        if low in SYN and rng.random() < 0.6:
            w = rng.choice(SYN[low])
        out.append(w)
    if heavy:
        content = [i for i, w in enumerate(out) if re.match(r'\w', w)]
        drop = set(rng.sample(content, len(content) // 3)) if len(content) >= 6 else set()
        out = [w for i, w in enumerate(out) if i not in drop]
        if ',' in out:
            k = out.index(',')
            out = out[k + 1:] + [','] + out[:k]
    text = ' '.join(out).replace(' ,', ',').replace(' .', '.').replace(' :', ':')
    outlet = (row['outlets'].split('+')[0].split(' - ')[0].strip() or 'the media')
    text = rng.choice(FRAMES).format(o=outlet, t=text)
    kws = [k for k in row['keywords'].split('+') if k]
    if kws:
        text += ' #' + re.sub(r'\W+', '', rng.choice(kws))
    return text
cases = [r for r in rows if len(words(r['title'])) >= 4]
sample = rng.sample(cases, 1000)
by_title = {}
for r in rows:
    by_title.setdefault(' '.join(r['title'].lower().split()), set()).add(r['id'])
with open(f'{work}/truth.csv', 'w', newline='') as f:
    w = csv.writer(f)
    for i, r in enumerate(sample):
        w.writerow([f'q{i}', '|'.join(sorted(by_title[' '.join(r['title'].lower().split())]))])
for level in ('light', 'heavy'):
    with open(f'{work}/queries-{level}.csv', 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['id', 'text'])
        for i, r in enumerate(sample):
            w.writerow([f'q{i}', rewrite(r, level == 'heavy')])
PY

echo "== Claims =="
"$CALQUE" narratives check "$CLAIMS" | sed 's/^/  /'
THRESHOLD=$(python3 -c "import tomllib;print(tomllib.load(open('data/calque.toml','rb'))['narratives']['threshold'])")
MIN_TERMS=$(python3 -c "import tomllib;print(tomllib.load(open('data/calque.toml','rb'))['narratives']['min_terms'])")
echo "   threshold $THRESHOLD, min_terms $MIN_TERMS (data/calque.toml)"

for level in light heavy; do
  "$CALQUE" narratives match --narratives "$CLAIMS" "$WORK/queries-$level.csv" --top "${TOP:-5}" \
    -o "$WORK/match-$level.csv" 2>/dev/null
done

negatives() { # NAME FILE [TEXT_COL] [FILTER_COL FILTER_VALUE]
  local name=$1 file=$2 col=${3:-} fcol=${4:-} fval=${5:-}
  # French sets are matched against the rule files' French narratives only (EUvsDisinfo's
  # titles are English).
  local claims=(--narratives "$CLAIMS")
  case "$name" in fr-*) claims=() ;; esac
  local input="$file"
  if [ -n "$fcol" ]; then
    input="$WORK/$name.filtered.csv"
    python3 - "$file" "$input" "$fcol" "$fval" <<'PY'
import csv, sys
src, dst, col, val = sys.argv[1:]
r = csv.DictReader(open(src, newline='', encoding='utf-8', errors='replace'))
w = csv.DictWriter(open(dst, 'w', newline=''), fieldnames=r.fieldnames)
w.writeheader()
for row in r:
    if row[col].strip() in val.split('|'):
        w.writerow(row)
PY
  fi
  python3 - "$input" "$WORK/$name.in.csv" "${col:-}" <<'PY'
import csv, sys
src, dst, col = sys.argv[1:]
csv.field_size_limit(1 << 24)
r = csv.DictReader(open(src, newline='', encoding='utf-8', errors='replace'))
col = col or next(c for c in ('text', 'content', 'tweet_text') if c in r.fieldnames)
w = csv.writer(open(dst, 'w', newline=''))
w.writerow(['id', 'text'])
for i, row in enumerate(r):
    w.writerow([f'n{i}', row[col]])
PY
  "$CALQUE" narratives match "${claims[@]}" "$WORK/$name.in.csv" --top "${NEG_TOP:-1}" \
    -o "$WORK/neg-$name.csv" 2>/dev/null
  echo "$name $WORK/$name.in.csv $WORK/neg-$name.csv" >> "$WORK/negatives.txt"
}
: > "$WORK/negatives.txt"
negatives 538-obama "$CORPORA/neg_en_538_twitter-ratio_BarackObama.csv"
negatives 538-trump "$CORPORA/neg_en_538_twitter-ratio_realDonaldTrump.csv"
negatives spotted-news "$CORPORA/spotted_validation_5000_mixed_labels.csv" tweet_text target '0.0|0'
negatives potus-newsconf "$CORPORA/potus_newsconf_native_en.csv" text
negatives ewt-web "$CORPORA/ewt_native_en.csv" text
negatives fr-parisstories "$CORPORA/parisstories_native_fr.csv" text
negatives fr-rhapsodie "$CORPORA/rhapsodie_native_fr.csv" text

python3 - "$WORK" "$THRESHOLD" <<'PY'
import csv, sys, collections
work, threshold = sys.argv[1], float(sys.argv[2])
truth = {r[0]: set(r[1].split('|')) for r in csv.reader(open(f'{work}/truth.csv'))}
grid = [0.3, 0.4, 0.5, 0.6, 0.7]
print('\n== Paraphrase retrieval (1,000 EUvsDisinfo cases, scripted rewrites) ==')
print(f'| rewrite | recall@1 | recall@5 | recall@1, score >= {threshold} | ' + ' | '.join(f'R@1 >= {t}' for t in grid) + ' |')
print('|---|---|---|---|' + '---|' * len(grid))
for level in ('light', 'heavy'):
    ranked = collections.defaultdict(list)
    for r in csv.DictReader(open(f'{work}/match-{level}.csv')):
        ranked[r['id']].append((int(r['rank']), float(r['score']), r['claim_source']))
    n = len(truth)
    r1 = sum(1 for q, t in truth.items() if ranked[q] and ranked[q][0][2] in t)
    r5 = sum(1 for q, t in truth.items() if any(s in t for _, _, s in ranked[q][:5]))
    at = lambda th: sum(1 for q, t in truth.items() if ranked[q] and ranked[q][0][2] in t and ranked[q][0][1] >= th)
    print(f'| {level} | {r1/n:.3f} | {r5/n:.3f} | {at(threshold)/n:.3f} | ' + ' | '.join(f'{at(t)/n:.3f}' for t in grid) + ' |')
print('\n== False matches on native text (best claim at or above the score) ==')
print(f'| set | items | >= {threshold} | ' + ' | '.join(f'>= {t}' for t in grid) + ' |')
print('|---|---|---|' + '---|' * len(grid))
examples = []
for line in open(f'{work}/negatives.txt'):
    name, inp, out = line.split()
    n = sum(1 for _ in csv.DictReader(open(inp, newline='')))
    best = {}
    for r in csv.DictReader(open(out)):
        best[r['id']] = (float(r['score']), r['claim'])
    texts = {r['id']: r['text'] for r in csv.DictReader(open(inp, newline=''))}
    rate = lambda th: sum(1 for s, _ in best.values() if s >= th)
    print(f'| {name} | {n} | {rate(threshold)} ({100*rate(threshold)/max(n,1):.2f}%) | ' + ' | '.join(f'{100*rate(t)/max(n,1):.2f}%' for t in grid) + ' |')
    for q, (s, c) in sorted(best.items(), key=lambda x: -x[1][0])[:2]:
        if s >= threshold:
            examples.append(f'  {name} {s:.2f}: {texts[q][:110]!r}\n      -> {c[:110]!r}')
if examples:
    print('\nHighest-scoring false matches (two per set, if at or above the threshold):')
    print('\n'.join(examples))
PY
