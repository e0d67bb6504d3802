#!/usr/bin/env bash
# Measure the native base rates of the interference heuristics, per language and heuristic
# family, and write them into data/calque.toml (between the "BEGIN base rates" / "END base
# rates" lines of its [accounts] section), with their provenance.
#
# Usage: scripts/base-rates.sh [CORPORA_DIR]        (default: ../shared/corpora)
#        CALQUE=target/debug/calque scripts/base-rates.sh   (use that binary; default: a release build)
#
# Each native set of ../shared/corpora is scanned with the default config; `calque accounts
# --fit-base-rates` then counts, per language and family, the interference hits (one per
# heuristic per post) over the words of the posts detected as that language, pooled over the
# sets: rate = (hits + 0.5) / words per 1,000 words (src/accounts/fit.rs). Deterministic: rerun
# it after adding or changing heuristics, then rebuild (the defaults are embedded).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpora="${1:-$repo/../shared/corpora}"
# A git worktree sits one level deeper than the main checkout.
[[ -n "${1:-}" || -d "$corpora" ]] || corpora="$repo/../../shared/corpora"
[[ -d "$corpora" ]] || { echo "base-rates.sh: no corpora directory at $corpora" >&2; exit 3; }
corpora="$(cd "$corpora" && pwd)"
config="$repo/data/calque.toml"

# Native sets: file and, where it is not discovered, the text column.
english=(neg_en_538_twitter-ratio_BarackObama.csv neg_en_538_twitter-ratio_realDonaldTrump.csv
         ewt_native_en.csv potus_newsconf_native_en.csv argrewrite_native_en.csv)
french=(parisstories_native_fr.csv rhapsodie_native_fr.csv)
for f in "${english[@]}" "${french[@]}"; do
  [[ -r "$corpora/$f" ]] || { echo "base-rates.sh: missing $corpora/$f" >&2; exit 3; }
done

if [[ -z "${CALQUE:-}" ]]; then
  (cd "$repo" && cargo build --release --quiet)
  CALQUE="$repo/target/release/calque"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/calque-base-rates.XXXXXX")"
trap 'rm -rf "$work"' EXIT

reports=()
for f in "${english[@]}" "${french[@]}"; do
  # The FiveThirtyEight files hold invalid UTF-8 where tweets were truncated: read lossily
  # rather than lose those tweets. The default config, whatever --config a user has.
  "$CALQUE" scan "$corpora/$f" --lossy-utf8 -q --threads 1 -o "$work/$f"
  reports+=("$work/$f")
done
(cd "$work" && "$CALQUE" accounts --fit-base-rates "${reports[@]##*/}" -o rates.toml -q)

version="$("$CALQUE" --version)"
{
  echo "# BEGIN base rates: written by scripts/base-rates.sh; edit the script, not these lines."
  echo "# Native base rates: interference hits (one per heuristic per post) per 1,000 words of"
  echo "# text detected as the language, by heuristic family, pooled over the native sets of"
  echo "# ../shared/corpora (README.md there: provenance, licences): (hits + 0.5) / words."
  echo "# Measured with $version, default config. Sets (sha256, first 12 hex digits):"
  for f in "${english[@]}" "${french[@]}"; do
    echo "#   $f $(sha256sum "$corpora/$f" | cut -c1-12)"
  done
  echo "# Per set (posts detected as the language only):"
  cat "$work/rates.toml"
  echo "# END base rates"
} > "$work/block"

python3 - "$config" "$work/block" <<'PY'
import sys
path, block = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
text = open(path, encoding="utf-8").read()
begin = text.index("# BEGIN base rates")
end = text.index("# END base rates")
end = text.index("\n", end) + 1
open(path, "w", encoding="utf-8").write(text[:begin] + block + text[end:])
PY
echo "base-rates.sh: wrote the base rates into $config; rebuild calque to embed them" >&2
