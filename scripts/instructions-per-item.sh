#!/usr/bin/env bash
# Steady-state instructions per item (callgrind): see scripts/per-item.sh.
# Usage: scripts/instructions-per-item.sh BINARY CORPUS.csv
exec "$(dirname "$0")/per-item.sh" instructions "$@"
