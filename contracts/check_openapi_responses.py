#!/usr/bin/env python3
"""Validates JSON documents the gateway answered with against a schema of contracts/openapi.yaml.

    check_openapi_responses.py SCHEMA FILE [SCHEMA FILE ...]

SCHEMA names a component (MessageStatus, MessagePage, Problem). The OpenAPI 3.1 schema dialect
is JSON Schema 2020-12, so `jsonschema` validates with the document itself as the registry,
resolving `#/components/...` and the relative `canonical/*.schema.json` references.
Prints 'N passed, N failed'; exits non-zero on any failure.
"""
import json
import pathlib
import sys

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

here = pathlib.Path(__file__).resolve().parent
base = "https://handover.example/contracts/"
openapi = yaml.safe_load((here / "openapi.yaml").read_text())
resources = [(base + "openapi.yaml", Resource.from_contents({"$schema": "https://json-schema.org/draft/2020-12/schema", **openapi}))]
for path in (here / "canonical").glob("*.schema.json"):
    document = json.loads(path.read_text())
    resources.append((base + "canonical/" + path.name, Resource.from_contents(document)))
registry = Registry().with_resources(resources)

passed = failed = 0
arguments = sys.argv[1:]
for name, file in zip(arguments[::2], arguments[1::2]):
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$ref": base + "openapi.yaml#/components/schemas/" + name}
    validator = Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())
    document = json.loads(pathlib.Path(file).read_text())
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
    if problems:
        failed += 1
        print(f"FAIL {file} as {name}: {'; '.join(problems)}")
    else:
        passed += 1
        print(f"ok   {file} as {name}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not arguments else 0)
