"""Check HL7 v2 ER7 files with hl7apy in strict validation mode.

Usage: python check_hl7.py FILE...

Each file is parsed with hl7apy (STRICT validation, message groups found) and validated: structure,
cardinality and data types of HL7 v2.4. hl7apy does not check v2.4 timestamps, so the TS fields the
prison healthcare mapping uses are checked against the TS pattern here, and PID-3 identifiers are
checked (NHS number modulus 11, prisoner number pattern). Prints OK or FAIL per file; exits 1 if any
file fails, 2 if hl7apy is missing.
"""
import re
import sys

try:
    from hl7apy.consts import VALIDATION_LEVEL
    from hl7apy.parser import parse_message
except ImportError:
    print("FAIL hl7apy is not installed (pip install -r scripts/requirements.txt)")
    sys.exit(2)

TS = re.compile(r"\d{8}(\d{4}(\d{2}(\.\d{1,4})?)?([+-]\d{4})?)?")
TS_FIELDS = (("MSH", 7), ("EVN", 2), ("EVN", 3), ("EVN", 6), ("PID", 7), ("PV1", 44), ("PV1", 45),
             ("RF1", 7), ("RF1", 8), ("DG1", 5))


def nhs_ok(number):
    if not re.fullmatch(r"\d{10}", number) or len(set(number)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(number[9])


def check(path):
    errors = []
    with open(path, "rb") as handle:
        raw = handle.read().decode("utf-8")
    segments = [s for s in re.split(r"\r\n|\r|\n", raw) if s]
    try:
        message = parse_message("\r".join(segments), validation_level=VALIDATION_LEVEL.STRICT, find_groups=True)
        message.validate()
    except Exception as error:  # hl7apy raises many types; all are failures here
        errors.append(f"hl7apy: {type(error).__name__}: {error}")
    fields = {}
    for segment in segments:
        parts = segment.split("|")
        fields.setdefault(parts[0], parts)
    for name, index in TS_FIELDS:
        parts = fields.get(name)
        offset = index if name != "MSH" else index - 1
        if parts and len(parts) > offset:
            value = parts[offset].split("^")[0]
            if value and not TS.fullmatch(value):
                errors.append(f"{name}-{index} is not an HL7 TS")
    if "PID" in fields and len(fields["PID"]) > 3:
        for repetition in fields["PID"][3].split("~"):
            parts = repetition.split("^")
            if len(parts) >= 5 and parts[4] == "NH" and not nhs_ok(parts[0]):
                errors.append("PID-3: NHS number fails the modulus 11 check")
            if len(parts) >= 5 and parts[3] == "HMPPS" and not re.fullmatch(r"[A-Z]\d{4}[A-Z]{2}", parts[0]):
                errors.append("PID-3: prisoner number is not A1234BC")
    print(("OK   " if not errors else "FAIL ") + path + "".join("\n  " + e for e in errors))
    return not errors


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    results = [check(p) for p in sys.argv[1:]]
    sys.exit(0 if all(results) else 1)
