#!/usr/bin/env bash
# MESH throughput of Handover against NHS Digital's mesh-sandbox, both driven by the same
# mesh-client (scripts/mesh_bench.py). mesh-sandbox is installed from PyPI into .venv at run time;
# none of its code is kept in this repository. Arguments go to mesh_bench.py (e.g. --clients 1,2,4).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python -c "import mesh_sandbox" 2>/dev/null || .venv/bin/pip install --quiet --disable-pip-version-check mesh-sandbox==1.0.137
swift build -c release --product handover
: "${MESH_BASELINE:=../shared/tools/mesh_baseline.py}"
export MESH_BASELINE
exec .venv/bin/python scripts/mesh_bench.py --handover .build/release/handover "$@"
