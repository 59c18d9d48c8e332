"""Validates FHIR R4 message Bundles (JSON) the way an NHS partner's system would read them.

Usage: check_fhir.py FILE...   prints OK or FAIL per file and exits 1 if any failed.

Structure, types and cardinality are checked by fhir.resources 6.4.0 (exactly FHIR R4 4.0.1, on
pydantic 1, installed by scripts/setup.sh into .venv/fhir-r4). That library does not check
required value-set bindings or the Bundle invariants, so this script adds: Bundle.type message;
the first entry a MessageHeader (bdl-11) with its event, source endpoint and destination
endpoints as https URLs; unique fullUrls (bdl-7) and every urn:uuid reference resolving to one;
the required bindings of the elements the gateway writes; NHS numbers (modulus 11, no repdigits);
ODS and GSS code formats; and the Bundle against fhir-message.schema.json, the JSON Schema of
what the gateway's mapping reads (jsonschema, from scripts/requirements.txt).
"""
import json
import os
import re
import sys

# The validator's own folder inside the environment running this script (.venv/fhir-r4), else
# inside the repository's .venv.
for site in (os.path.join(sys.prefix, "fhir-r4"), os.path.join(os.path.dirname(os.path.realpath(__file__)), "..", "..", "..", ".venv", "fhir-r4")):
    if os.path.isdir(site):
        sys.path.insert(0, os.path.normpath(site))
        break

NHS = "https://fhir.nhs.uk/Id/nhs-number"
ODS = "https://fhir.nhs.uk/Id/ods-organization-code"
GSS = "http://statistics.data.gov.uk/id/statistical-geography"

# Required bindings (FHIR R4 4.0.1) of the coded elements the gateway reads and writes.
REQUIRED = {
    ("Bundle", "type"): {"document", "message", "transaction", "transaction-response", "batch", "batch-response", "history", "searchset", "collection"},
    ("Patient", "gender"): {"male", "female", "other", "unknown"},
    ("ServiceRequest", "status"): {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"},
    ("ServiceRequest", "intent"): {"proposal", "plan", "directive", "order", "original-order", "reflex-order", "filler-order", "instance-order", "option"},
    ("ServiceRequest", "priority"): {"routine", "urgent", "asap", "stat"},
    ("Task", "status"): {"draft", "requested", "received", "accepted", "rejected", "ready", "cancelled", "in-progress", "on-hold", "failed", "completed", "entered-in-error"},
    ("Task", "intent"): {"unknown", "proposal", "plan", "order", "original-order", "reflex-order", "filler-order", "instance-order", "option"},
    ("Consent", "status"): {"draft", "proposed", "active", "rejected", "inactive", "entered-in-error"},
    ("QuestionnaireResponse", "status"): {"in-progress", "completed", "amended", "entered-in-error", "stopped"},
    ("OperationOutcome.issue", "severity"): {"fatal", "error", "warning", "information"},
    ("MessageHeader.response", "code"): {"ok", "transient-error", "fatal-error"},
    ("Consent.provision", "type"): {"deny", "permit"},
}


def nhs_number_ok(value):
    if not re.fullmatch(r"\d{10}", value) or len(set(value)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(value[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(value[9])


def walk(node, path):
    if isinstance(node, dict):
        yield node, path
        for key, value in node.items():
            yield from walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}[{index}]")


def binding(errors, resource, dotted, where):
    """Checks REQUIRED bindings for `resource` (a dict) under the type path `dotted`."""
    for (owner, field), allowed in REQUIRED.items():
        if owner == dotted and field in resource and resource[field] not in allowed:
            errors.append(f"{where}.{field}: {resource[field]!r} is not in the required value set")


def schema_errors(raw):
    from jsonschema import Draft202012Validator

    with open(os.path.join(os.path.dirname(os.path.realpath(__file__)), "fhir-message.schema.json"), encoding="utf-8") as handle:
        validator = Draft202012Validator(json.load(handle))
    return [f"schema: {'/'.join(map(str, e.absolute_path)) or '(bundle)'}: {e.message[:200]}" for e in validator.iter_errors(raw)]


def check(path):
    from fhir.resources.bundle import Bundle  # FHIR R4 4.0.1 in fhir.resources 6.4.x

    with open(path, encoding="utf-8") as handle:
        raw = json.load(handle)
    Bundle.parse_obj(raw)  # structure, types, cardinality; raises on any problem
    errors = schema_errors(raw)
    if raw.get("type") != "message":
        errors.append("Bundle.type must be message")
    entries = raw.get("entry") or []
    if not entries or entries[0].get("resource", {}).get("resourceType") != "MessageHeader":
        errors.append("Bundle.entry[0] must be a MessageHeader (bdl-11)")
    else:
        header = entries[0]["resource"]
        if "eventCoding" not in header and "eventUri" not in header:
            errors.append("MessageHeader has no event")
        urls = [header.get("source", {}).get("endpoint", "")] + [d.get("endpoint", "") for d in header.get("destination", [])]
        for url in urls:
            if not url.startswith("https://"):
                errors.append(f"MessageHeader endpoint {url!r} is not an https URL")
        binding(errors, header.get("response", {}), "MessageHeader.response", "Bundle.entry[0].resource.response")
    full_urls = [e.get("fullUrl") for e in entries]
    if len(full_urls) != len(set(full_urls)):
        errors.append("duplicate fullUrl (bdl-7)")
    for index, entry in enumerate(entries):
        resource = entry.get("resource", {})
        kind = resource.get("resourceType")
        where = f"Bundle.entry[{index}].resource"
        binding(errors, resource, kind, where)
        for issue_index, issue in enumerate(resource.get("issue", []) if kind == "OperationOutcome" else []):
            binding(errors, issue, "OperationOutcome.issue", f"{where}.issue[{issue_index}]")
        if kind == "Consent" and "provision" in resource:
            binding(errors, resource["provision"], "Consent.provision", f"{where}.provision")
    binding(errors, raw, "Bundle", "Bundle")
    for node, where in walk(raw, "Bundle"):
        reference = node.get("reference")
        if isinstance(reference, str) and reference.startswith("urn:uuid:") and reference not in full_urls:
            errors.append(f"{where}: unresolved reference {reference}")
        system, value = node.get("system"), node.get("value")
        if isinstance(value, str):
            if system == NHS and not nhs_number_ok(value):
                errors.append(f"{where}: NHS number fails the modulus 11 check")
            if system == ODS and not re.fullmatch(r"[A-Z0-9]{3,6}", value):
                errors.append(f"{where}: ODS code format")
            if system == GSS and not re.fullmatch(r"[ENSW][0-9]{8}", value):
                errors.append(f"{where}: GSS code format")
    return errors


def main(paths):
    if not paths:
        print("usage: check_fhir.py FILE...")
        return 2
    failed = 0
    for path in paths:
        try:
            errors = check(path)
        except Exception as error:  # a parse or validation failure from fhir.resources
            errors = [f"{type(error).__name__}: {error}"]
        print(("OK   " if not errors else "FAIL ") + path + "".join("\n  " + e for e in errors))
        failed += bool(errors)
    print(f"{len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
