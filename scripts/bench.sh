#!/usr/bin/env bash
# Set everything up, then run the benchmark (bench/bench.py), which prints its
# figures and writes docs/benchmarks.md. It starts and stops its own testbed.
#
# Usage: scripts/bench.sh [--runs N]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exports=$("$HERE/setup.sh")
eval "$exports"
exec python "$HERE/../bench/bench.py" "$@"
