#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run): the Rust tests, then the Python package's
# (scripts/python-wheel.sh: build the wheel, install it into a fresh virtual environment, run
# pytest and the CI-sized pandas and Dask examples).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked
scripts/python-wheel.sh
