"""Shared fixtures: the repository, the sample, and the CLI the Python results are held to.

`CALQUE_BIN` names the `calque` binary (scripts/python-wheel.sh sets it to the one it built);
without it, the repository's target/debug/calque or target/release/calque is used.
"""

import csv
import os
import pathlib
import subprocess

import pytest

import calque

REPO = pathlib.Path(__file__).resolve().parents[2]
SAMPLE_CSV = REPO / "data" / "samples" / "posts.csv"
SAMPLE_TXT = REPO / "data" / "samples" / "posts.txt"


def _cli_binary():
    named = os.environ.get("CALQUE_BIN")
    if named:
        return named
    for profile in ("debug", "release"):
        candidate = REPO / "target" / profile / "calque"
        if candidate.exists():
            return str(candidate)
    pytest.fail("no calque binary: set CALQUE_BIN or run `cargo build` first")


@pytest.fixture(scope="session")
def cli():
    """Run the CLI from the repository root: returns (exit code, stdout, stderr)."""
    binary = _cli_binary()

    def run(*args):
        done = subprocess.run(
            [binary, *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=300
        )
        return done.returncode, done.stdout, done.stderr

    return run


@pytest.fixture(scope="session")
def analyzer():
    return calque.Analyzer()


@pytest.fixture(scope="session")
def sample_rows():
    """The sample CSV's records as dicts of strings, read as the CLI reads them."""
    with open(SAMPLE_CSV, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
