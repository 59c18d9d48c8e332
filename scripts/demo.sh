#!/usr/bin/env bash
# Builds Handover and starts a demo gateway on http://127.0.0.1:8080 with four demo partners,
# printing their API keys. Data is kept in ./demo-data; stop with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --product handover
exec .build/debug/handover serve --demo --data demo-data "$@"
