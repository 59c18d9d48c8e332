#!/usr/bin/env python3
"""Validates the canonical examples against their JSON Schemas with `jsonschema`, and checks that
deliberately broken copies are refused. Usage:

    check_examples.py                      # every example, plus the broken copies
    check_examples.py message FILE...      # validate FILEs (e.g. gateway output) against one schema

Prints 'N passed, N failed'; exits non-zero on any failure. Needs `jsonschema` and `referencing`.
"""
import copy
import json
import pathlib
import sys

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

here = pathlib.Path(__file__).resolve().parent
resources = {}
for path in here.glob("*.schema.json"):
    document = json.loads(path.read_text())
    resources[path.name] = Resource.from_contents(document)
    resources[document["$id"]] = resources[path.name]
registry = Registry().with_resources(resources.items())

def validator(name):
    schema = json.loads((here / f"{name}.schema.json").read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())

passed = failed = 0

def expect(ok, label, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {label}")
    else:
        failed += 1
        print(f"FAIL {label} {detail}")

def errors(name, document):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(document)]

if len(sys.argv) > 2:
    for file in sys.argv[2:]:
        problems = errors(sys.argv[1], json.loads(pathlib.Path(file).read_text()))
        expect(not problems, f"{file} is a valid {sys.argv[1]}", "; ".join(problems))
else:
    examples = sorted((here / "examples").glob("*.json"))
    for path in examples:
        name = "submission" if path.name.endswith(".submission.json") else "message"
        problems = errors(name, json.loads(path.read_text()))
        expect(not problems, f"examples/{path.name} is a valid {name}", "; ".join(problems))

    referral = json.loads((here / "examples/referral-chc-checklist.submission.json").read_text())
    def broken(label, change, name="submission"):
        document = copy.deepcopy(referral)
        change(document)
        expect(bool(errors(name, document)), f"refused: {label}")
    broken("an unknown field", lambda d: d.update(colour="blue"))
    broken("a referral without a subject", lambda d: d.pop("subject"))
    broken("a referral without a purpose", lambda d: d.pop("purpose"))
    broken("a referral without a lawful basis", lambda d: d.pop("lawfulBasis"))
    broken("an NHS number of 9 digits", lambda d: d["subject"].update(nhsNumber="943476591"))
    broken("a subject with no identifier", lambda d: d["subject"].pop("nhsNumber") and d["subject"].pop("localIds"))
    broken("an unknown kind", lambda d: d.update(kind="gossip"))
    broken("a non-delivery report from a partner", lambda d: d.update(kind="non-delivery-report"))
    broken("a reply without a conversationId", lambda d: d.update(kind="placement-reply"))
    broken("a mailbox in capitals", lambda d: d.update(recipient="BSW-ICB"))
    broken("a payload that is not an object", lambda d: d.update(payload=[1, 2]))
    broken("an NHS number with spaces", lambda d: d["subject"].update(nhsNumber="943 476 5919"))
    broken("a prisoner number in lower case", lambda d: d["subject"].update(prisonerNumber="a1234bc"))
    broken("a date of birth as DD/MM/YYYY", lambda d: d["subject"].update(birthDate="14/07/1938"))
    broken("an unknown field in the subject", lambda d: d["subject"].update(ethnicity="not stated"))
    broken("a senderLocalId of 129 characters", lambda d: d.update(senderLocalId="x" * 129))
    broken("a gateway-assigned id in a submission", lambda d: d.update(id="6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10"))

    delivered = json.loads((here / "examples/referral.message.json").read_text())
    def broken_message(label, change, source=delivered):
        document = copy.deepcopy(source)
        change(document)
        expect(bool(errors("message", document)), f"refused: {label}")
    broken_message("a message without createdAt", lambda d: d.pop("createdAt"))
    broken_message("a createdAt without milliseconds", lambda d: d.update(createdAt="2026-11-23T19:38:09Z"))
    broken_message("an id in upper case", lambda d: d.update(id=d["id"].upper()))
    broken_message("a message without a sender", lambda d: d.pop("sender"))
    report = json.loads((here / "examples/non-delivery-report.message.json").read_text())
    broken_message("a non-delivery report without a conversationId", lambda d: d.pop("conversationId"), report)

    swindon = {"kind": "local-authority", "name": "Swindon Borough Council",
               "identifier": {"scheme": "gss", "value": "E06000030"}}
    problems = errors("organisation", swindon)
    expect(not problems, "an organisation identified by GSS code is valid", "; ".join(problems))
    for label, identifier in [("a GSS code of 8 characters", {"scheme": "gss", "value": "E6000030"}),
                              ("an ODS code of 2 characters", {"scheme": "ods", "value": "Q0"}),
                              ("a prison agency id with a digit first", {"scheme": "prison-agency", "value": "1EI"})]:
        expect(bool(errors("organisation", dict(swindon, identifier=identifier))), f"refused: {label}")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
