"""Validates council XML files against council-xml.xsd (XSD 1.1, with xmlschema's XMLSchema11).

Usage: check_council_xml.py FILE...   Prints OK/FAIL per file and `N passed, N failed`; exits 1 on
any failure. The documents are parsed with entity resolution and network access off (a DOCTYPE is
refused by the gateway anyway).
"""
import io
import pathlib
import sys

import xmlschema

SCHEMA = pathlib.Path(__file__).with_name("council-xml.xsd")


def main(paths):
    schema = xmlschema.XMLSchema11(str(SCHEMA))
    passed = failed = 0
    for path in paths:
        try:
            with open(path, "rb") as handle:
                resource = xmlschema.XMLResource(io.BytesIO(handle.read()), allow="none", defuse="always")
            errors = [f"{error.path}: {error.reason}" for error in schema.iter_errors(resource)]
        except Exception as problem:  # a document that is not well-formed, or refused by defusing
            errors = [f"(document): {problem}"]
        if errors:
            failed += 1
            print("FAIL " + path + "".join("\n  " + error for error in errors))
        else:
            passed += 1
            print("OK   " + path)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
