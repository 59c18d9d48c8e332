#!/usr/bin/env python3
"""Checks gateway configuration files against contracts/config.schema.json (jsonschema, with the
canonical schemas it refers to). Usage: check_config.py FILE...; prints one line a file and exits
non-zero when any file does not validate, naming the member and the rule it breaks."""
import json
import pathlib
import sys

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

contracts = pathlib.Path(__file__).resolve().parent


def validator() -> Draft202012Validator:
    schema = json.loads((contracts / "config.schema.json").read_text())
    resources = []
    for path in sorted((contracts / "canonical").glob("*.schema.json")):
        document = json.loads(path.read_text())
        resources.append((document["$id"], Resource.from_contents(document)))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=Registry().with_resources(resources))


def main(files: list[str]) -> int:
    if not files:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    check = validator()
    failed = 0
    for name in files:
        errors = sorted(check.iter_errors(json.loads(pathlib.Path(name).read_text())), key=lambda e: list(e.absolute_path))
        if errors:
            failed += 1
            for error in errors:
                print(f"FAIL {name}: /{'/'.join(str(p) for p in error.absolute_path)}: {error.message}")
        else:
            print(f"ok   {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
