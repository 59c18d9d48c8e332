#!/usr/bin/env python3
"""Check HMPPS domain events (hmpps-json) against hmpps-event.schema.json with jsonschema.

Usage: python check_hmpps.py FILE...

Each file is validated against the JSON Schema (draft 2020-12) with format checking: date-time
needs rfc3339-validator, which is required here so that a missing package cannot silently turn
the check off. The schema cannot express a few rules, so they are checked in code: the NHS number
modulus 11 (and no repdigits), the PNC and CRO mod-23 check letters, each identifier type once,
and the prisoner number and booking id agreeing wherever they are repeated. Prints OK or FAIL per
file; exits 1 if any file fails, 2 if a validator package is missing.
"""
import json
import pathlib
import re
import sys

try:
    import rfc3339_validator  # noqa: F401  (makes FormatChecker check date-time)
    from jsonschema import Draft202012Validator
except ImportError as missing:
    print(f"FAIL {missing.name} is not installed (pip install -r scripts/requirements.txt)")
    sys.exit(2)

SCHEMA = json.loads((pathlib.Path(__file__).resolve().parent / "hmpps-event.schema.json").read_text())
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"


def nhs_ok(number):
    number = number.replace(" ", "")
    if not re.fullmatch(r"\d{10}", number) or len(set(number)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(number[9])


def pnc_ok(value):
    match = re.fullmatch(r"([0-9]{2}|[0-9]{4})/([0-9]{1,7})([A-Z])", value.upper())
    return bool(match) and LETTERS[int(match.group(1)[-2:] + match.group(2).zfill(7)) % 23] == match.group(3)


def cro_ok(value):
    value = value.upper()
    match = re.fullmatch(r"([0-9]{1,6})/([0-9]{2})([A-Z])", value)
    if match:
        return LETTERS[int(match.group(2) + match.group(1).zfill(6)) % 23] == match.group(3)
    match = re.fullmatch(r"SF([0-9]{2})/([0-9]{1,6})([A-Z])", value)
    return bool(match) and LETTERS[int(match.group(1) + match.group(2)) % 23] == match.group(3)


def semantic(event):
    errors = []
    identifiers = ((event.get("personReference") or {}).get("identifiers")) or []
    types = [i.get("type") for i in identifiers if isinstance(i, dict)]
    if len(types) != len(set(types)):
        errors.append("personReference/identifiers: an identifier type appears twice")
    seen = {}
    for index, item in enumerate(identifiers):
        if not isinstance(item, dict) or not isinstance(item.get("value"), str):
            continue
        kind, value = item.get("type"), item["value"]
        checks = {"NHS": nhs_ok, "PNC": pnc_ok, "CRO": cro_ok}
        if kind in checks and not checks[kind](value):
            errors.append(f"personReference/identifiers/{index}/value: bad {kind} check digit or letter")
        seen[kind] = value.upper()
    prisoner = event.get("prisoner") or {}
    additional = event.get("additionalInformation") or {}
    for kind, value, where in [
        ("NOMS", additional.get("nomsNumber"), "additionalInformation/nomsNumber"),
        ("NOMS", prisoner.get("prisonerNumber"), "prisoner/prisonerNumber"),
        ("BOOKING_ID", prisoner.get("bookingId"), "prisoner/bookingId"),
        ("PNC", prisoner.get("pncNumber"), "prisoner/pncNumber"),
        ("CRO", prisoner.get("croNumber"), "prisoner/croNumber"),
    ]:
        if not isinstance(value, str):
            continue
        if kind == "PNC" and not pnc_ok(value) or kind == "CRO" and not cro_ok(value):
            errors.append(f"{where}: bad {kind} check letter")
        if kind in seen and kind not in ("PNC",) and seen[kind] != value.upper():
            errors.append(f"{where}: disagrees with the {kind} identifier named elsewhere")
        seen.setdefault(kind, value.upper())
    return errors


def check(path):
    try:
        event = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        return [f"not JSON: {error}"]
    # Messages are cut short: a failed "not" repeats the whole document.
    errors = [f"/{'/'.join(map(str, e.absolute_path))}: {e.message[:160]}" for e in VALIDATOR.iter_errors(event)]
    if isinstance(event, dict):
        errors += semantic(event)
    return errors


def main(paths):
    failed = 0
    for path in paths:
        errors = check(path)
        print(("OK   " if not errors else "FAIL ") + path + "".join("\n  " + e for e in errors))
        failed += bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
