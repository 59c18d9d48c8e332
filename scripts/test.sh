#!/usr/bin/env bash
# Runs the whole test suite: the external validators on the published contracts, then the Swift
# tests (unit tests, and integration tests over real HTTP on 127.0.0.1 with real SQLite files and
# a throwaway PostgreSQL server, started here and stopped on exit).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export HANDOVER_PYTHON="$PWD/.venv/bin/python"

echo "== contracts: external validators"
"$HANDOVER_PYTHON" scripts/check_contracts.py

echo "== PostgreSQL for the store tests"
postgres_dir=$(mktemp -d "${TMPDIR:-/tmp}/handover-postgres.XXXXXX")
trap 'scripts/postgres.sh stop "$postgres_dir"' EXIT
eval "$(scripts/postgres.sh start "$postgres_dir")"
export HANDOVER_TEST_POSTGRES_URL

echo "== swift test"
swift test
