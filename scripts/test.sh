#!/usr/bin/env bash
# Every test: set everything up (virtualenv, Go tools, provider plugin), then run the
# unit tier and the end-to-end tier, which starts its own testbed cluster.
#
# Usage: scripts/test.sh [pytest arguments]   e.g. scripts/test.sh -m "not e2e"
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
# Assigned first: `eval "$(...)"` would hide a failing set-up behind eval's success.
exports=$("$HERE/setup.sh")
eval "$exports"
cd "$ROOT"
ruff check .
ruff format --check .
mypy
pytest "$@"
