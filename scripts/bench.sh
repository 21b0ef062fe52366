#!/usr/bin/env bash
# Runs herd's benchmarks (release build) and writes docs/BENCHMARKS.md. Needs root for the sshd test bed.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 scripts/bench.py "$@"
