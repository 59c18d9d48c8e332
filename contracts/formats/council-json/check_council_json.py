"""Check council JSON messages (council-json) against council-json.schema.json.

Usage: python check_council_json.py FILE...

Each file is validated with jsonschema (Draft 2020-12, formats checked: date, date-time with
rfc3339-validator, uuid), then with the rules a schema cannot express: NHS numbers pass the
modulus 11 check and are not repdigits; a joint package's icbPence and councilPence add up to
weeklyTotalPence. Numbers with a decimal point or an exponent are refused (money is integer
pence). Prints OK or FAIL per file; exits 1 if any file fails, 2 if jsonschema is missing.
"""
import json
import pathlib
import sys

try:
    from jsonschema import Draft202012Validator, FormatChecker
    import rfc3339_validator  # noqa: F401  (FormatChecker checks date-time only when it is installed)
except ImportError:
    print("FAIL jsonschema or rfc3339-validator is not installed (pip install -r scripts/requirements.txt)")
    sys.exit(2)

SCHEMA = pathlib.Path(__file__).with_name("council-json.schema.json")


def nhs_ok(number):
    if len(number) != 10 or not number.isdigit() or len(set(number)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(number[9])


def semantic(doc):
    errors = []
    person = doc.get("person")
    if isinstance(person, dict) and isinstance(person.get("nhsNumber"), str) and not nhs_ok(person["nhsNumber"]):
        errors.append("person/nhsNumber: fails the NHS number modulus 11 check")
    funding = doc.get("payload", {}).get("funding") if isinstance(doc.get("payload"), dict) else None
    if isinstance(funding, dict) and all(isinstance(funding.get(k), int) for k in ("weeklyTotalPence", "icbPence", "councilPence")):
        if funding["icbPence"] + funding["councilPence"] != funding["weeklyTotalPence"]:
            errors.append("payload/funding: icbPence + councilPence is not weeklyTotalPence")
    return errors


def check(validator, path):
    try:
        with open(path, encoding="utf-8") as handle:
            # Decimals are read as text, so a schema integer refuses 12.0 as well as 12.5.
            doc = json.load(handle, parse_float=str, parse_constant=str)
    except (ValueError, UnicodeDecodeError) as error:
        errors = [f"not JSON: {error}"]
    else:
        errors = [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]
        errors += semantic(doc) if isinstance(doc, dict) else []
    print(("OK   " if not errors else "FAIL ") + path + "".join("\n  " + e for e in errors))
    return not errors


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    results = [check(validator, p) for p in sys.argv[1:]]
    sys.exit(0 if all(results) else 1)
