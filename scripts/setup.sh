#!/usr/bin/env bash
# Installs what building and testing Handover needs on Debian: the C libraries the Swift
# packages link against, and a Python environment with the external validators the tests call.
# Safe to run again; it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
# chromium (Debian's) drives the IG console tests headless; zlib1g-dev is for the MESH gzip support;
# postgresql is the server the PostgreSQL store's tests run against (scripts/postgres.sh).
for package in libsqlite3-dev libcurl4-openssl-dev libssl-dev zlib1g-dev python3-venv chromium postgresql; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || need+=("$package")
done
if [ ${#need[@]} -gt 0 ]; then
    echo "installing Debian packages: ${need[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}"
fi

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import jsonschema, openapi_spec_validator, yaml, rfc3339_validator, hl7apy, xmlschema, mesh_client" 2>/dev/null; then
    echo "creating .venv with the validators"
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check -r scripts/requirements.txt
fi

# The FHIR R4 validator needs pydantic 1, the OpenAPI validator pydantic 2: the former lives in its
# own folder of the same environment (see scripts/requirements-fhir-r4.txt).
if ! .venv/bin/python -c "import sys; sys.path.insert(0, '.venv/fhir-r4'); import pydantic, fhir.resources; assert pydantic.VERSION.startswith('1.')" 2>/dev/null; then
    echo "installing the FHIR R4 validator into .venv/fhir-r4"
    .venv/bin/pip install --quiet --disable-pip-version-check --no-deps --target .venv/fhir-r4 -r scripts/requirements-fhir-r4.txt
fi
