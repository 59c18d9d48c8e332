#!/usr/bin/env python3
"""Checks FHIR R4 AuditEvents the gateway exports against the IHE BALP privacy disclosure at
the source: DICOM 110106 Export, ISO 21089 subtype `disclose`, a custodian and an information
recipient agent, a patient entity, purposeOfEvent; and parses each event with the FHIR R4
validator `fhir.resources` (pydantic 1), which scripts/setup.sh installs in `.venv/fhir-r4`.

    check_auditevent.py FILE [FILE ...]

Prints 'N passed, N failed'; exits non-zero on any failure.
"""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(root / ".venv" / "fhir-r4"))
try:
    from fhir.resources.auditevent import AuditEvent  # noqa: E402
except Exception as missing:  # a missing validator must fail the check, not quietly skip it
    print(f"FAIL the FHIR R4 validator is not installed in .venv/fhir-r4 ({missing}); run scripts/setup.sh")
    sys.exit(2)


def problems(event):
    found = []
    if event.get("resourceType") != "AuditEvent":
        found.append("resourceType is not AuditEvent")
    if event.get("type", {}).get("system") != "http://dicom.nema.org/resources/ontology/DCM" or event.get("type", {}).get("code") != "110106":
        found.append("type is not DCM 110106 Export")
    if not any(s.get("code") == "disclose" and s.get("system") == "http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle"
               for s in event.get("subtype", [])):
        found.append("subtype lacks iso-21089-lifecycle#disclose")
    roles = {c.get("code") for a in event.get("agent", []) for c in a.get("type", {}).get("coding", [])}
    for role in ("CST", "IRCP"):
        if role not in roles:
            found.append(f"no agent of type {role}")
    if not any(e.get("role", {}).get("code") == "1" for e in event.get("entity", [])):
        found.append("no patient entity")
    if not event.get("purposeOfEvent"):
        found.append("no purposeOfEvent")
    try:
        AuditEvent.parse_obj(event)
    except Exception as error:
        found.append(f"fhir.resources: {error}")
    return found


passed = failed = 0
for name in sys.argv[1:]:
    found = problems(json.loads(pathlib.Path(name).read_text()))
    if found:
        failed += 1
        print(f"FAIL {name}: {'; '.join(found)}")
    else:
        passed += 1
        print(f"ok   {name}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not sys.argv[1:] else 0)
