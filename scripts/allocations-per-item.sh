#!/usr/bin/env bash
# Steady-state heap allocations per item (valgrind): see scripts/per-item.sh.
# Usage: scripts/allocations-per-item.sh BINARY CORPUS.csv
exec "$(dirname "$0")/per-item.sh" allocations "$@"
