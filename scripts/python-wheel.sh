#!/usr/bin/env bash
# Build the Python wheel (python/, PyO3 + maturin), install it into a fresh virtual environment,
# and run the Python tests and the CI-sized examples (pandas, Dask; Spark with --spark).
#
#   scripts/python-wheel.sh            # build, install, pytest, examples
#   scripts/python-wheel.sh --spark    # also the Spark example (pip installs pyspark; the
#                                      # example installs a Debian JRE if java is missing)
#
# Nothing is cached outside the project: maturin and the test packages go into temporary
# virtual environments (pip's cache in python/.pip-cache), the build into python/target, the
# wheel into python/dist. CALQUE_WHEEL_PROFILE=release builds with fat LTO (benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
spark=0
for arg in "$@"; do
    case $arg in
        --spark) spark=1 ;;
        *) echo "usage: $0 [--spark]" >&2; exit 2 ;;
    esac
done
profile=${CALQUE_WHEEL_PROFILE:-ci}
python=${PYTHON:-python3}
export PIP_CACHE_DIR="$root/python/.pip-cache" PIP_DISABLE_PIP_VERSION_CHECK=1

work=$(mktemp -d "${TMPDIR:-/tmp}/calque-python.XXXXXX")
trap 'rm -rf "$work"' EXIT

step() { printf '\n== %s (%s)\n' "$1" "$(uptime | sed 's/.*load/load/')"; }

# The CLI the tests hold the Python results to (already built by `cargo test`).
step "calque CLI"
cargo build --locked --quiet
export CALQUE_BIN="$root/target/debug/calque"

step "wheel (profile $profile)"
"$python" -m venv "$work/build"
"$work/build/bin/pip" install --quiet "maturin>=1.7,<2"
rm -rf python/dist
SECONDS=0
"$work/build/bin/maturin" build --quiet --manifest-path python/Cargo.toml --locked \
    --profile "$profile" --interpreter "$python" --out python/dist
echo "built $(ls python/dist) in ${SECONDS} s"

step "fresh virtual environment"
"$python" -m venv "$work/env"
packages=(pytest "pyarrow>=14" "pandas>=2" "dask[dataframe,distributed]>=2024.1")
[ "$spark" = 1 ] && packages+=(pyspark)
"$work/env/bin/pip" install --quiet python/dist/calque-*.whl "${packages[@]}"
py="$work/env/bin/python"
# The installed wheel, not the source tree, is what the tests import.
(cd "$work" && "$py" -c 'import calque, sys; print("calque", calque.__version__, "from", calque.__file__)')

step "pytest"
(cd "$work" && "$py" -m pytest -q -p no:cacheprovider "$root/python/tests")

step "example: pandas"
(cd "$work" && "$py" "$root/examples/pandas_report.py")
step "example: Dask, 2 workers"
(cd "$work" && "$py" "$root/examples/dask_parquet.py" --workers 2)
if [ "$spark" = 1 ]; then
    step "example: Spark, local[2]"
    (cd "$work" && "$py" "$root/examples/spark_arrow.py" --cores 2)
fi
step "done"
