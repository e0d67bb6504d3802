#!/usr/bin/env bash
# Run every cargo-fuzz target in fuzz/ for its share of SECONDS (default 600), one after the
# other, and print executions and crashes per target.
#
#   scripts/fuzz.sh 1200                 # 20 minutes in all
#   FUZZ_TARGETS="analyze read_csv" scripts/fuzz.sh 300
#   FUZZ_SANITIZER=address scripts/fuzz.sh 600   # default: none (safe Rust; faster)
#
# Needs a nightly toolchain (libFuzzer instrumentation) and cargo-fuzz; installs cargo-fuzz
# with `cargo install cargo-fuzz` when it is missing. CI does not run this. Corpora grow in
# fuzz/corpus/TARGET (seeded from data/samples and tests/fixtures), crashes are saved in
# fuzz/artifacts/TARGET; both are git-ignored. Reproduce a crash with
#   cargo +nightly fuzz run --fuzz-dir fuzz TARGET fuzz/artifacts/TARGET/crash-…
# then turn it into a regression test in the crate (docs/RELIABILITY.md).
set -euo pipefail

seconds="${1:-600}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
    echo "usage: scripts/fuzz.sh SECONDS (the total, shared by the targets)" >&2
    exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! command -v rustup >/dev/null 2>&1 || ! rustup toolchain list | grep -q '^nightly'; then
    echo "fuzz.sh: cargo-fuzz needs a nightly Rust toolchain, and none is installed." >&2
    echo "fuzz.sh: install one with: rustup toolchain install nightly" >&2
    exit 3
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: cargo-fuzz is missing; installing it (cargo install cargo-fuzz)..." >&2
    if ! cargo install cargo-fuzz --locked; then
        echo "fuzz.sh: could not install cargo-fuzz; install it by hand: cargo install cargo-fuzz" >&2
        exit 3
    fi
fi

all_targets="read_csv read_tsv read_jsonl read_text read_gzip analyze"
targets="${FUZZ_TARGETS:-$all_targets}"
sanitizer="${FUZZ_SANITIZER:-none}"
count=$(wc -w <<<"$targets")
share=$((seconds / count))
[ "$share" -ge 1 ] || share=1

# Seeds: the bundled samples and test fixtures of each format.
seed() {
    local target="$1" dir="fuzz/corpus/$1"
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return
    case "$target" in
        read_csv) cp data/samples/posts.csv tests/fixtures/*.csv tests/fixtures/campaigns/*.csv "$dir"/ ;;
        read_tsv) printf 'id\ttext\n1\thello "world\n2\tsecond\trow\n' >"$dir/seed.tsv" ;;
        read_jsonl) cp data/samples/posts.jsonl tests/fixtures/*.jsonl "$dir"/ ;;
        read_text) cp data/samples/posts.txt tests/fixtures/*.txt "$dir"/ ;;
        read_gzip)
            # Mode byte: format in bits 0-1, gzip handling in bits 2-3 (fuzz_targets/read_gzip.rs).
            for mode in 04 05 06 07 08 0b 0c; do
                { printf "\\x$mode"; head -c 4000 data/samples/posts.csv; } >"$dir/seed-$mode"
            done ;;
        analyze)
            # One post per seed: the samples' text lines, cut to a few KB.
            local i=0
            while IFS= read -r line && [ $i -lt 200 ]; do
                printf '%s' "$line" >"$dir/line-$i"
                i=$((i + 1))
            done < <(cat data/samples/posts.txt tests/fixtures/*.txt)
            ;;
    esac
}

# Inputs libFuzzer saved for target $1: crashes, timeouts, out-of-memory, leaks.
failures() {
    find "fuzz/artifacts/$1" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \
        -o -name 'leak-*' \) 2>/dev/null | wc -l
}

echo "fuzz.sh: building ${targets} (nightly, sanitizer ${sanitizer})..." >&2
for t in $targets; do
    cargo +nightly fuzz build --fuzz-dir fuzz -s "$sanitizer" "$t" >&2
done

summary=()
status=0
for t in $targets; do
    seed "$t"
    case "$t" in
        analyze) max_len=16384 ;;
        *) max_len=65536 ;;
    esac
    log="fuzz/artifacts/$t.log"
    mkdir -p "fuzz/artifacts/$t"
    before=$(failures "$t")
    echo "fuzz.sh: $t for ${share}s (log: $log)" >&2
    set +e
    cargo +nightly fuzz run --fuzz-dir fuzz -s "$sanitizer" "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$share" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
        -print_final_stats=1 >"$log" 2>&1
    rc=$?
    set -e
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    crashes=$(($(failures "$t") - before))
    summary+=("$(printf '%-12s %12s executions  %3s new crash/timeout/oom inputs  exit %s' "$t" "${execs:-?}" "$crashes" "$rc")")
    if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        status=1
    fi
done

echo
echo "fuzz.sh: ${seconds}s over $count targets (${share}s each, sanitizer ${sanitizer}):"
printf '  %s\n' "${summary[@]}"
[ "$status" -eq 0 ] || echo "fuzz.sh: see fuzz/artifacts/ for the inputs that failed" >&2
exit "$status"
