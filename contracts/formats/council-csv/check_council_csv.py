"""Check council CSV batch files (council-csv) against columns.json, with Python's csv module.

Usage: python check_council_csv.py FILE...

Each file must be UTF-8 (a byte order mark is allowed) and RFC 4180 as the csv module reads it
in strict mode, with no double quote inside an unquoted field (which the csv module would read as
a literal quote); its header must be exactly the columns of columns.json, in order; every row must
have as many fields. Per row: record_type is one of the record types; a column not for that
record type is empty; the columns required for it are present; every non-empty cell matches its
column's enum, pattern, date, UUID, NHS number (modulus 11), byte length and list rules; the
lawful basis is a consent_id or a complete statute, article6 and article9; the person has
local_person_id or nhs_number. No cell may start with = + - @ tab or CR (formula injection: the
gateway writes such text with a leading single quote). Rows count the header as row 1.
Prints OK or FAIL per file; exits 1 if any file fails.
"""
import csv
import datetime
import io
import json
import pathlib
import re
import sys
import uuid

SPEC = json.loads(pathlib.Path(__file__).with_name("columns.json").read_text(encoding="utf-8"))
COLUMNS = SPEC["columns"]
NAMES = [c["name"] for c in COLUMNS]
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def nhs_ok(number):
    if not re.fullmatch(r"[0-9]{10}", number) or len(set(number)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(number[9])


def is_date(value):
    try:
        return bool(re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)) and bool(datetime.date.fromisoformat(value))
    except ValueError:
        return False


def is_uuid(value):
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return len(value) == 36 and all(value[i] == "-" for i in (8, 13, 18, 23))


def item_errors(column, value):
    """Problems of one non-list value of a column."""
    if "enum" in column and value not in column["enum"]:
        return ["not one of the allowed values"]
    if "pattern" in column and not re.fullmatch(column["pattern"], value):
        return ["does not match the pattern"]
    check = column.get("check")
    if (check == "date" and not is_date(value)) or (check == "uuid" and not is_uuid(value)) or (check == "nhs-number" and not nhs_ok(value)):
        return [f"is not a valid {check}"]
    limit = column.get("maxBytes", column.get("itemMaxBytes"))
    if limit is not None and len(value.encode("utf-8")) > limit:
        return [f"is longer than {limit} bytes"]
    return []


def cell_errors(column, value):
    if value.startswith(FORMULA):
        return ["starts with a formula character (= + - @ tab CR) without a leading single quote"]
    separator = {"space": " ", "newline": "\n"}.get(column.get("separator"))
    if separator is None:
        return item_errors(column, value)
    items = [v for v in (value.split(" ") if separator == " " else value.splitlines()) if v]
    if len(items) > column.get("maxItems", len(items)):
        return [f"has more than {column['maxItems']} items"]
    return [e for item in items for e in item_errors(column, item)]


def bare_quotes(text):
    """Rows with a double quote inside an unquoted field, which RFC 4180 forbids and the csv
    module reads as a literal quote."""
    rows, row, quoted, start = [], 1, False, True
    index = 0
    while index < len(text):
        char = text[index]
        if quoted:
            if char == '"':
                if text[index + 1:index + 2] == '"':
                    index += 1
                else:
                    quoted = False
        elif char == '"':
            if start:
                quoted = True
            elif not rows or rows[-1] != row:
                rows.append(row)
        elif char == "\n":
            row += 1
        start = char in ",\n" if not quoted else False
        index += 1
    return rows


def row_errors(number, row):
    errors = []
    cells = dict(zip(NAMES, row))
    kind = cells["record_type"]
    if kind not in SPEC["recordTypes"]:
        return [f"row {number}, column record_type: not one of {SPEC['recordTypes']}"]
    for column in COLUMNS:
        value = cells[column["name"]]
        where = f"row {number}, column {column['name']}"
        if value == "":
            if kind in column["requiredFor"]:
                errors.append(f"{where}: required for {kind}")
            continue
        if kind not in column["recordTypes"]:
            errors.append(f"{where}: must be empty for {kind}")
            continue
        errors += [f"{where}: {e}" for e in cell_errors(column, value)]
    statute = [cells[c] != "" for c in ("statute", "article6", "article9")]
    if cells["consent_id"] and any(statute):
        errors.append(f"row {number}: consent_id and a statute together")
    if any(statute) and not all(statute):
        errors.append(f"row {number}: statute, article6 and article9 go together")
    if not cells["local_person_id"] and not cells["nhs_number"]:
        errors.append(f"row {number}: neither local_person_id nor nhs_number")
    if cells["local_person_system"] and not cells["local_person_id"]:
        errors.append(f"row {number}: local_person_system without local_person_id")
    return errors


def check(path):
    errors = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            text = handle.read()
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        errors += [f"row {n}: a double quote inside an unquoted field" for n in bare_quotes(text)]
    except (UnicodeDecodeError, csv.Error) as error:
        rows, errors = [], [f"not RFC 4180 UTF-8 CSV: {error}"]
    if rows and rows[0] != NAMES:
        errors.append("row 1: the header is not exactly the columns of columns.json")
    elif rows:
        if len(rows) < 2:
            errors.append("no rows after the header")
        for number, row in enumerate(rows[1:], start=2):
            if len(row) != len(NAMES):
                errors.append(f"row {number}: {len(row)} fields, not {len(NAMES)}")
            else:
                errors += row_errors(number, row)
    elif not errors:
        errors.append("empty file")
    print(("OK   " if not errors else "FAIL ") + path + "".join("\n  " + e for e in errors))
    return not errors


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    results = [check(p) for p in sys.argv[1:]]
    sys.exit(0 if all(results) else 1)
