#!/usr/bin/env bash
# The Python binding's speed (docs/PERFORMANCE.md, "Python"):
#   1. analyze_arrow on ROWS tweets (a pyarrow table in memory) against `calque scan` on the
#      same CSV (target: within 20%), both on 2 threads, both built with fat LTO;
#   2. Dask with 2 worker processes on 2 cores against the same partition function in one
#      process (1 and 2 calque threads), over the same rows as 8 Parquet files;
#   3. with --instructions: steady-state instructions per item (callgrind) of read_csv +
#      analyze_arrow against `calque scan`, both on 1 thread, repeatable whatever the load.
# Every timing is printed with the load average: the machine is shared.
#
# Usage: scripts/bench-python.sh [--instructions] [ROWS]     (default 1000000)
# Needs the corpora in ../shared/corpora (or CALQUE_SHARED=DIR holding corpora/); builds
# target/release/calque and a fat-LTO wheel; the corpus and the environments go to a temporary
# directory, never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
instructions=0
rows=1000000
for arg in "$@"; do
    case $arg in
        --instructions) instructions=1 ;;
        [0-9]*) rows=$arg ;;
        *) sed -n '2,15p' "$0" >&2; exit 2 ;;
    esac
done
shared=$(cd "${CALQUE_SHARED:-$repo/../shared}" && pwd)
[ -d "$shared/corpora" ] || { echo "bench-python.sh: no corpora in $shared" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/calque-bench-python.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PIP_CACHE_DIR="$repo/python/.pip-cache" PIP_DISABLE_PIP_VERSION_CHECK=1
load() { uptime | sed 's/.*load average: /load /'; }

echo "== corpus: $rows tweets ($(load))"
# make-bench-corpus.py reads ../../shared/corpora from its own folder.
mkdir -p "$work/gen/scripts"
cp scripts/make-bench-corpus.py "$work/gen/scripts/"
ln -s "$shared" "$work/shared"
python3 "$work/gen/scripts/make-bench-corpus.py" "$work/pool.csv" $((rows * 170 / 1000000 + 1))
python3 - "$work/pool.csv" "$work/tweets.csv" "$rows" <<'EOF'
import csv, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
csv.field_size_limit(1 << 24)
with open(src, newline="", encoding="utf-8") as f, open(dst, "w", newline="", encoding="utf-8") as out:
    r, w = csv.reader(f), csv.writer(out)
    w.writerow(next(r))
    for i, row in enumerate(r):
        if i == n:
            break
        w.writerow(row)
    else:
        sys.exit("corpus too small: %d rows" % i)
EOF
rm "$work/pool.csv"
echo "$work/tweets.csv: $(du -m "$work/tweets.csv" | cut -f1) MB"

echo "== builds: calque (release, fat LTO) and the wheel (release profile, fat LTO) ($(load))"
cargo build --release --locked --quiet
python3 -m venv "$work/build"
"$work/build/bin/pip" install --quiet "maturin>=1.7,<2"
"$work/build/bin/maturin" build --quiet --manifest-path python/Cargo.toml --locked \
    --profile release --interpreter python3 --out "$work/dist"
python3 -m venv "$work/env"
"$work/env/bin/pip" install --quiet "$work"/dist/calque-*.whl "pyarrow>=14" "pandas>=2" \
    "dask[dataframe,distributed]>=2024.1"
py="$work/env/bin/python"

cat > "$work/arrow.py" <<'EOF'
"""read_csv (every column as text) then analyze_arrow; prints seconds per step as JSON."""
import json, sys, time
import pyarrow as pa, pyarrow.csv as pc
import calque
path, threads = sys.argv[1], int(sys.argv[2])
started = time.perf_counter()
# Quoted texts may hold line breaks.
parse = pc.ParseOptions(newlines_in_values=True)
read = pc.ReadOptions(use_threads=threads > 1)
names = pc.read_csv(path, read_options=read, parse_options=parse).column_names
table = pc.read_csv(path, read_options=read, parse_options=parse,
                    convert_options=pc.ConvertOptions(column_types={n: pa.string() for n in names},
                                                      strings_can_be_null=False))
read = time.perf_counter()
analyzer = calque.Analyzer()
built = time.perf_counter()
report = analyzer.analyze_arrow(table, text_col="text", threads=threads)
done = time.perf_counter()
assert report.num_rows == table.num_rows
print(json.dumps({"rows": report.num_rows, "read_s": round(read - started, 2),
                  "build_s": round(built - read, 2), "analyze_s": round(done - built, 2),
                  "analyze_rows_per_s": round(report.num_rows / (done - built))}))
EOF

echo "== 1. analyze_arrow vs calque scan, 2 threads, alternately"
for run in 1 2; do
    target/release/calque scan "$work/tweets.csv" -o "$work/report.csv" -q --threads 2 \
        --summary "$work/summary.json"
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("calque scan:   %d rows in %.2f s, %.0f rows/s" % (s["records_read"], s["elapsed_seconds"], s["items_per_second"]))' "$work/summary.json"
    echo "               ($(load))"
    result=$("$py" "$work/arrow.py" "$work/tweets.csv" 2)
    echo "analyze_arrow: $result"
    echo "               ($(load))"
done
rm -f "$work/report.csv" "$work"/report.rejects.csv

echo "== 2. Dask, 2 workers x 1 thread, vs one process ($(load))"
mkdir "$work/parquet"
"$py" - "$work/tweets.csv" "$work/parquet" <<'EOF'
import sys
import pyarrow as pa, pyarrow.csv as pc, pyarrow.parquet as pq
parse = pc.ParseOptions(newlines_in_values=True)
names = pc.read_csv(sys.argv[1], parse_options=parse).column_names
table = pc.read_csv(sys.argv[1], parse_options=parse, convert_options=pc.ConvertOptions(
    column_types={n: pa.string() for n in names}, strings_can_be_null=False))
step = -(-table.num_rows // 8)
for i in range(8):
    pq.write_table(table.slice(i * step, step), "%s/part-%d.parquet" % (sys.argv[2], i))
EOF
for args in "--workers 0 --threads 1" "--workers 2 --threads 1" "--workers 0 --threads 2"; do
    # shellcheck disable=SC2086
    "$py" examples/dask_parquet.py --parquet "$work/parquet" --summary-only $args >"$work/dask.out"
    echo "$(head -1 "$work/dask.out")  ($(load))"
done

if [ "$instructions" = 1 ]; then
    echo "== 3. instructions per item, 1 thread (callgrind; 10,000 items once and twice)"
    python3 - "$work/tweets.csv" "$work/once.csv" "$work/twice.csv" <<'EOF'
import csv, sys
csv.field_size_limit(1 << 24)
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    header = next(r)
    rows = [row for _, row in zip(range(10000), r)]
for path, times in ((sys.argv[2], 1), (sys.argv[3], 2)):
    with open(path, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(header)
        for _ in range(times):
            w.writerows(rows)
EOF
    scripts/per-item.sh instructions target/release/calque "$work/once.csv" | sed 's/^/calque scan:   /'
    for run in once twice; do
        valgrind --tool=callgrind --callgrind-out-file="$work/$run.cg" \
            "$py" "$work/arrow.py" "$work/$run.csv" 1 >/dev/null 2>"$work/valgrind.err" ||
            { cat "$work/valgrind.err" >&2; exit 1; }
        callgrind_annotate "$work/$run.cg" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
    done | paste -sd' ' | awk '{printf "analyze_arrow: 10000 items: %.1f instructions per item\n", ($2 - $1) / 10000}'
fi
