#!/usr/bin/env bash
# Runs the whole test suite: the external validators on the published contracts, then the Swift
# tests (unit tests, and integration tests over real HTTP on 127.0.0.1 with real SQLite files).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export HANDOVER_PYTHON="$PWD/.venv/bin/python"

echo "== contracts: external validators"
"$HANDOVER_PYTHON" scripts/check_contracts.py

echo "== swift test"
swift test
