#!/usr/bin/env bash
# Measure `calque coordinate` (figures in docs/EVALUATION.md and docs/PERFORMANCE.md).
#
#   scripts/eval-coordination.sh quality          recall and precision of planted accounts
#   scripts/eval-coordination.sh speed [N...]     throughput and peak RSS on N generated posts
#                                                 (default 1000000 10000000)
#   scripts/eval-coordination.sh qut [N]          the QUT coordination-network-toolkit on the
#                                                 same N posts (default 1000000), installed
#                                                 into a temporary virtual environment, and
#                                                 calque on the same file, type by type
#
# quality: the real tweets of ../shared/corpora go to organic accounts at random but realistic
# times (7 days, diurnal cycle); 40 coordinated groups of 5-25 accounts are planted, 10 of each
# kind (exact copies, edited copies, one link with different tracking parameters, retweets),
# each posting 3 bursts of under a minute, and also ordinary tweets. Three seeds. Recall: the
# planted accounts found in a cluster; precision: the clustered accounts that were planted.
#
# Generated files are kept in $WORK (default /tmp/calque-coordination) and reused; the release
# build is used (built if missing). The machine is shared: wall-clock figures vary with load.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${WORK:-/tmp/calque-coordination}
CORPORA=${CORPORA:-$ROOT/../shared/corpora}
[ -d "$CORPORA" ] || CORPORA=/work/shared/corpora
BIN=$ROOT/target/release/calque
GEN="python3 $ROOT/scripts/make-coordination-corpus.py --corpora $CORPORA"
mkdir -p "$WORK"

build() {
    if [ ! -x "$BIN" ] || [ -n "$(find src Cargo.toml -newer "$BIN" -print -quit)" ]; then
        cargo build --release --locked >&2
    fi
}

# Peak RSS (MiB), wall seconds and CPU seconds (user + system) of a command, from
# /usr/bin/time; the command's stderr goes to $WORK/last.err.
measure() {
    /usr/bin/time -f "%M %e %U %S" -o "$WORK/time.txt" "$@" 2>"$WORK/last.err" >/dev/null
    read -r kib secs user sys <"$WORK/time.txt"
    echo "$((kib / 1024)) $secs $(python3 -c "print(round($user + $sys, 2))")"
}

quality() {
    build
    local table=$WORK/quality.md
    {
        printf "| seed | posts | planted accounts | clustered accounts | recall | recall, 2+ bursts | precision | groups recovered | exact | edited | link | retweet |\n"
        printf "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    } >"$table"
    for seed in 1 2 3; do
        local dir=$WORK/quality-$seed
        mkdir -p "$dir"
        $GEN --plant --seed "$seed" --out "$dir/posts.csv" --truth "$dir/truth.csv" 2>/dev/null
        "$BIN" coordinate "$dir/posts.csv" --repost-col repost_id -o "$dir/out" --quiet
        python3 - "$dir" "$seed" >>"$table" <<'EOF'
import csv, sys, collections
d, seed = sys.argv[1], sys.argv[2]
truth = {r["account"]: (r["group"], r["kind"], int(r["bursts"])) for r in csv.DictReader(open(f"{d}/truth.csv"))}
cluster = {r["Id"]: r["cluster"] for r in csv.DictReader(open(f"{d}/out/nodes.csv"))}
posts = sum(1 for _ in csv.reader(open(f"{d}/posts.csv", newline=""))) - 1
found = [a for a in truth if a in cluster]
recall = len(found) / len(truth)
repeat = [a for a in truth if truth[a][2] >= 2]
recall2 = sum(a in cluster for a in repeat) / len(repeat)
precision = len(found) / max(1, len(cluster))
# A group is recovered when one cluster holds 80% of its accounts and is 80% made of them.
members = collections.defaultdict(set)
for a, (g, k, n) in truth.items():
    members[g].add(a)
by_cluster = collections.defaultdict(set)
for a, c in cluster.items():
    by_cluster[c].add(a)
recovered = 0
per_kind = collections.defaultdict(lambda: [0, 0])
for g, accs in members.items():
    kind = truth[next(iter(accs))][1]
    counts = collections.Counter(cluster[a] for a in accs if a in cluster)
    if counts:
        c, n = counts.most_common(1)[0]
        recovered += n >= 0.8 * len(accs) and n >= 0.8 * len(by_cluster[c])
    per_kind[kind][0] += sum(a in cluster for a in accs)
    per_kind[kind][1] += len(accs)
kinds = " | ".join(f"{per_kind[k][0] / per_kind[k][1]:.3f}" for k in ["exact", "edited", "link", "retweet"])
print(f"| {seed} | {posts:,} | {len(truth)} | {len(cluster)} | {recall:.3f} | {recall2:.3f} | {precision:.3f} | {recovered}/{len(members)} | {kinds} |")
EOF
    done
    cat "$table"
    python3 "$ROOT/scripts/coordination-eval-doc.py" "$ROOT/docs/EVALUATION.md" "$table"
}

# N generated posts: up to 1 M drawn directly, beyond as copies of the 1 M file (see the
# generator's doc).
generate() {
    local n=$1 file=$WORK/synthetic-$1.csv
    if [ ! -s "$file" ]; then
        if [ "$n" -gt 1000000 ] && [ $((n % 1000000)) -eq 0 ]; then
            local base
            base=$(generate 1000000)
            $GEN --from "$base" --copies $((n / 1000000)) --seed 8 --days 30 --out "$file.tmp"
        else
            $GEN --synthetic "$n" --seed 7 --days 30 --out "$file.tmp"
        fi
        mv "$file.tmp" "$file"
    fi
    echo "$file"
}

speed() {
    build
    local sizes=("$@")
    [ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
    printf "| posts | types | wall s | posts/s | CPU s | posts per CPU s | peak RSS MiB | sort runs | pairs | edges kept | load average |\n|---|---|---|---|---|---|---|---|---|---|---|\n"
    for n in "${sizes[@]}"; do
        local file
        file=$(generate "$n")
        for types in text,url,domain,hashtag,mention,repost near-text; do
            local out=$WORK/speed-$n-${types//,/_}
            read -r mib secs cpu < <(measure "$BIN" coordinate "$file" --repost-col repost_id \
                --types "$types" -o "$out" --no-campaigns)
            python3 - "$out/summary.json" "$n" "$types" "$secs" "$mib" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))
n, types, secs, mib, cpu, load = sys.argv[2:]
n, secs, cpu = int(n), float(secs), float(cpu)
print(f"| {n:,} | {types} | {secs:.1f} | {n / secs:,.0f} | {cpu:.1f} | {n / cpu:,.0f} | {mib} | {s['sort_runs']} | {s['network']['pairs_found']:,} | {s['network']['edges_kept']:,} | {load} |")
EOF
        done
    done
}

qut() {
    build
    local n=${1:-1000000} file venv=$WORK/qut-venv
    file=$(generate "$n")
    if [ ! -x "$venv/bin/compute_networks" ]; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet coordination-network-toolkit
    fi
    local db=$WORK/qut-$n.db
    rm -f "$db"
    read -r qmib qprep _ < <(measure "$venv/bin/compute_networks" "$db" preprocess --format csv "$file")
    printf "QUT preprocess (CSV into SQLite): %s s, %s MiB\n\n" "$qprep" "$qmib"
    printf "| type (QUT / calque) | QUT compute s | QUT edges (weight >= 1) | calque s | calque edges (weight >= 1) | QUT compute / calque | QUT preprocess + compute / calque |\n|---|---|---|---|---|---|---|\n"
    # QUT's CSV preprocessing turns an empty urls cell into one empty URL, which every post
    # without a link then "shares": drop those rows, or co_link links everything.
    python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"delete from message_url where url = ''\"); c.commit()" "$db"
    for pair in co_tweet:text co_link:url co_retweet:repost co_similar_tweet:near-text; do
        local network=${pair%%:*} types=${pair##*:}
        read -r _ qsecs _ < <(measure "$venv/bin/compute_networks" "$db" compute "$network" \
            --time_window 60 --min_edge_weight 1 --n_cpus 2 --similarity_threshold 0.8)
        local qedges
        qedges=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select count(*) from (select distinct min(user_1,user_2), max(user_1,user_2) from ${network}_network where user_1 != user_2)').fetchone()[0])" "$db")
        local out=$WORK/qut-calque-$n-$types
        read -r _ csecs _ < <(measure "$BIN" coordinate "$file" --repost-col repost_id --types "$types" \
            --min-weight 1 --max-object-accounts 1000000000 --min-words 1 -o "$out" --no-campaigns)
        local cedges
        cedges=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['network']['edges_kept'])" "$out/summary.json")
        printf "| %s / %s | %s | %s | %s | %s | %.1f | %.1f |\n" "$network" "$types" "$qsecs" "$qedges" "$csecs" "$cedges" \
            "$(python3 -c "print($qsecs / max($csecs, 0.01))")" \
            "$(python3 -c "print(($qsecs + $qprep) / max($csecs, 0.01))")"
    done
}

case "${1:-}" in
    quality) quality ;;
    speed) shift; speed "$@" ;;
    qut) shift; qut "$@" ;;
    *) sed -n '2,20p' "$0"; exit 2 ;;
esac
