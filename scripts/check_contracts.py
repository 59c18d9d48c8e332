#!/usr/bin/env python3
"""Checks the published contracts with validators nobody here wrote.

- contracts/openapi.yaml must be a valid OpenAPI 3.1 document (openapi-spec-validator);
- every example under contracts/canonical/examples must validate against its JSON Schema, and
  deliberately broken copies must not (contracts/canonical/check_examples.py, jsonschema);
- every FHIR R4 example and golden Bundle must pass contracts/formats/fhir-r4/check_fhir.py
  (fhir.resources, exactly FHIR R4 4.0.1);
- the deployment's example configuration must validate against contracts/config.schema.json
  (contracts/check_config.py, jsonschema).
Prints 'N passed, N failed' and exits non-zero on any failure.
"""
import pathlib
import subprocess
import sys

import yaml
from openapi_spec_validator import validate

root = pathlib.Path(__file__).resolve().parent.parent
passed = failed = 0

def check(name, fn):
    global passed, failed
    try:
        fn()
        passed += 1
        print(f"ok   {name}")
    except Exception as error:  # report and go on, so one run lists every failure
        failed += 1
        print(f"FAIL {name}: {error}")

def openapi():
    document = yaml.safe_load((root / "contracts/openapi.yaml").read_text())
    if not str(document.get("openapi", "")).startswith("3.1"):
        raise ValueError("openapi must be 3.1.x")
    validate(document, base_uri=(root / "contracts/openapi.yaml").as_uri())

def canonical_examples():
    result = subprocess.run([sys.executable, str(root / "contracts/canonical/check_examples.py")],
                            capture_output=True, text=True)
    print(result.stdout.strip())
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip() or "check_examples.py failed")

def fhir_bundles():
    folder = root / "contracts/formats/fhir-r4"
    files = sorted(str(p) for p in (folder / "examples").glob("*.json")) + sorted(str(p) for p in (folder / "golden").glob("*.fhir.json"))
    result = subprocess.run([sys.executable, str(folder / "check_fhir.py"), *files], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError((result.stdout + result.stderr).strip() or "check_fhir.py failed")

def example_configuration():
    result = subprocess.run([sys.executable, str(root / "contracts/check_config.py"), str(root / "deploy/handover.example.json")],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError((result.stdout + result.stderr).strip() or "check_config.py failed")

check("contracts/openapi.yaml is valid OpenAPI 3.1", openapi)
check("canonical examples validate against the canonical schemas", canonical_examples)
check("FHIR R4 examples and golden Bundles pass the R4 validator", fhir_bundles)
check("deploy/handover.example.json validates against contracts/config.schema.json", example_configuration)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
