#!/usr/bin/env bash
# Open calque's HTML page in a real browser, offline, and check it.
#
# Usage: scripts/html-browser-check.sh [CALQUE_BINARY]
#
# Renders the page of the bundled sample (data/samples/posts.csv), once as the README's command
# writes it and once with the hand-made accounts and coordination inputs of
# tests/fixtures/render/, then loads each in headless Chromium inside a network namespace
# with no network (`unshare -n`, when available) and with Chromium's own networking switched
# off. Checks:
#   - no console message at all (a script error or a Content-Security-Policy violation
#     would print one);
#   - the script ran (the search box is shown and counts the items) under the page's policy;
#   - the expected sections and elements are in the DOM;
#   - with JavaScript disabled, the items are all there and the search box stays hidden;
# and saves a screenshot to docs/report-page.png for the README.
#
# Installs Debian's `chromium` with apt-get if it is missing (needs root). Not part of
# `cargo test`: CI must not depend on apt. Exit status 0 when every check passes.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

if ! command -v chromium >/dev/null 2>&1; then
    echo "installing chromium (Debian package)…" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

calque="${1:-}"
if [[ -z "$calque" ]]; then
    cargo build --locked -q
    calque="$repo/target/debug/calque"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Without network: a fresh network namespace if we may make one, and Chromium's own
# background networking off either way. The page's policy (default-src 'none') forbids any
# request too.
isolate=()
if unshare -n true 2>/dev/null; then
    isolate=(unshare -n)
else
    echo "note: cannot make a network namespace; relying on Chromium's flags and the page's policy" >&2
fi

browse() { # browse OUTPUT_FLAG… -- FILE : run headless Chromium, stderr to $work/console.txt
    local file="${*: -1}"
    local flags=("${@:1:$#-1}")
    "${isolate[@]}" timeout 120 chromium --headless --no-sandbox --disable-gpu \
        --disable-background-networking --disable-component-update --disable-sync \
        --no-first-run --disable-default-apps --disable-extensions \
        --user-data-dir="$(mktemp -d -p "$work")" \
        --enable-logging=stderr --v=0 \
        "${flags[@]}" "file://$file" 2>"$work/console.txt"
}

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect() { # expect FILE PATTERN DESCRIPTION
    grep -q -- "$2" "$1" || fail "$3 (no match for $2)"
}

check_console() { # messages of the page itself (Chromium's own internal pages may log too)
    if grep "CONSOLE" "$work/console.txt" | grep -q "source: file://"; then
        fail "$1: console messages:"
        grep "CONSOLE" "$work/console.txt" | grep "source: file://" >&2
    fi
}

# 1. The README's main command on the bundled sample.
"$calque" scan data/samples/posts.csv -o "$work/report.csv" --summary "$work/summary.json" \
    --html "$work/report.html" -q
# 2. The same report with the optional inputs.
"$calque" render "$work/report.csv" --html "$work/full.html" --summary "$work/summary.json" \
    --accounts tests/fixtures/render/accounts.csv \
    --coordination tests/fixtures/render/coordination

for page in report full; do
    html="$work/$page.html"
    browse --dump-dom "$html" >"$work/$page.dom"
    check_console "$page.html"
    dom="$work/$page.dom"
    expect "$dom" 'id="summary"' "$page: summary section"
    expect "$dom" 'id="plots"' "$page: plots section"
    expect "$dom" 'aria-label="Scores above 0 by level"' "$page: score histogram"
    expect "$dom" 'aria-label="Items per day, by best-matching campaign"' "$page: items per day"
    expect "$dom" 'aria-label="Items by best-matching campaign and language"' "$page: campaigns x languages"
    expect "$dom" '<mark class="ev-c"' "$page: highlighted campaign evidence"
    expect "$dom" '<mark class="ev-h"' "$page: highlighted interference evidence"
    expect "$dom" '<sup class="tag[^"]*" title="MAT-' "$page: labelled highlights"
    # The script ran: it shows the search box and counts the items.
    expect "$dom" '<input type="search" id="q"[^>]*aria-label' "$page: search box"
    if grep -q '<input type="search" id="q"[^>]* hidden' "$dom"; then
        fail "$page: the search box is still hidden: the page's script did not run"
    fi
    expect "$dom" '>40 of 40 items shown<' "$page: item count from the script"
    items=$(grep -o '<li class="lv-' "$dom" | wc -l)
    [[ "$items" -eq 40 ]] || fail "$page: $items items in the list, expected 40"
done
expect "$work/full.dom" 'id="accounts"' "full: accounts section"
expect "$work/full.dom" 'id="coordination"' "full: coordination section"
expect "$work/full.dom" 'aria-label="Largest coordinated clusters"' "full: network picture"
if grep -q 'id="accounts"' "$work/report.dom"; then
    fail "report: an accounts section without an accounts table"
fi

# 3. Without its script (as with JavaScript disabled; --dump-dom itself needs scripting, so the
# script element is taken out instead): every item is there, the filters' radio buttons too,
# and the search box stays hidden.
perl -0777 -pe 's|<script>.*?</script>||s' "$work/report.html" >"$work/noscript.html"
if grep -q '<script' "$work/noscript.html"; then
    fail "could not take the script out of the page"
fi
browse --dump-dom "$work/noscript.html" >"$work/noscript.dom"
check_console "report.html without JavaScript"
items=$(grep -o '<li class="lv-' "$work/noscript.dom" | wc -l)
[[ "$items" -eq 40 ]] || fail "no JavaScript: $items items, expected 40"
expect "$work/noscript.dom" '<input type="search" id="q"[^>]* hidden' "no JavaScript: search box hidden"
expect "$work/noscript.dom" 'type="radio" name="fc"' "no JavaScript: campaign filter"

# 4. The screenshot for the README.
mkdir -p docs
browse --hide-scrollbars --window-size=1100,2300 --screenshot="$work/shot.png" "$work/full.html" >/dev/null
check_console "screenshot"
cp "$work/shot.png" docs/report-page.png

if [[ "$failures" -gt 0 ]]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "html-browser-check: all checks passed ($(chromium --version 2>/dev/null | head -1)); screenshot in docs/report-page.png"
