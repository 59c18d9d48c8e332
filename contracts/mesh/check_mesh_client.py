#!/usr/bin/env python3
"""Drives a Handover gateway's MESH API with the real mesh-client (PyPI), as an NHS MESH user would.

Usage: check_mesh_client.py exchange|report-send|report-check [--linked ID] --url http://127.0.0.1:PORT --shared-key KEY
           --sender X26ABC1 --recipient X26ABC2 --password PASSWORD --recipient-native bsw-icb
Prints one line per check and "N passed, N failed"; exits non-zero when a check fails.
Loopback only; every loop is bounded.
"""
import argparse
import json
import sys
from urllib.parse import urlparse

import requests
from mesh_client import MeshClient, MeshError

RESULTS = []


def check(name, condition, detail=""):
    RESULTS.append(bool(condition))
    print(f"{'ok  ' if condition else 'FAIL'} {name}{'' if condition else ': ' + str(detail)}", flush=True)


def client(args, mailbox, password=None, key=None, **kwargs):
    return MeshClient(args.url, mailbox, password or args.password, shared_key=(key or args.shared_key).encode(), **kwargs)


def exchange(args):
    sender = client(args, args.sender)
    receiver = client(args, args.recipient)
    check("handshake as sender", sender.handshake() == b"hello")
    check("handshake as recipient", receiver.handshake() == b"hello")
    check("ping", sender.ping().get("status") == "running")

    # A single message: send, list, download with its headers, acknowledge, track.
    payload = b"NHS,9434765919,SMITH\n" * 40
    mid = sender.send_message(args.recipient, payload, workflow_id=args.workflow, local_id="CHK-1",
                              subject="check", filename="check-1.csv", content_type="text/csv")
    check("send answers a message id", isinstance(mid, str) and mid == mid.upper(), mid)
    check("the recipient lists it", mid in receiver.list_messages())
    with receiver.retrieve_message(mid) as message:
        data = message.read()
        check("download returns the bytes sent", data == payload, len(data))
        check("download carries the workflow, local id, file name and subject",
              (message.workflow_id, message.local_id, message.filename, message.subject)
              == (args.workflow, "CHK-1", "check-1.csv", "check"),
              (message.workflow_id, message.local_id, message.filename, message.subject))
        check("download is a DATA message from the sender", message.message_type == "DATA" and message.sender == args.sender,
              (message.message_type, message.sender))
    check("acknowledged messages leave the inbox", mid not in receiver.list_messages())
    tracked = sender.track_message(mid)
    check("tracking shows acknowledged", tracked.get("status") == "acknowledged", tracked)

    # A resend with the same local id and bytes is the same message.
    again1 = sender.send_message(args.recipient, b"idempotent", workflow_id=args.workflow, local_id="CHK-SAME")
    again2 = sender.send_message(args.recipient, b"idempotent", workflow_id=args.workflow, local_id="CHK-SAME")
    check("a resend with the same mex-LocalID is idempotent", again1 == again2, (again1, again2))
    receiver.retrieve_message(again1).read()
    receiver.acknowledge_message(again1)

    # Three chunks, uploaded by hand so the state in between can be seen.
    chunks = [b"A" * 1000, b"B" * 1000, b"C" * 500]
    first = sender.send_chunk(args.recipient, chunks[0], 1, 3, workflow_id=args.workflow, local_id="CHK-CHUNKS")
    cid = first.json()["message_id"]
    check("an upload in progress is tracked as uploading", sender.track_message(cid).get("status") == "uploading")
    check("an upload in progress is not in the recipient's inbox", cid not in receiver.list_messages())
    for number in (2, 3):
        sender.send_chunk(args.recipient, chunks[number - 1], number, 3, message_id=cid)
    check("a complete upload is accepted", sender.track_message(cid).get("status") == "accepted")
    head = receiver.retrieve_message_chunk(cid, 1)
    check("chunk 1 of 3 is a 206 with mex-Chunk-Range 1:3",
          head.status_code == 206 and head.headers.get("mex-chunk-range") == "1:3", (head.status_code, dict(head.headers)))
    head.close()
    message = receiver.retrieve_message(cid)
    check("the three chunks come back as the message", message.read() == b"".join(chunks))
    message.close()
    last = receiver.retrieve_message_chunk(cid, 3)
    check("the last chunk is a 200", last.status_code == 200, last.status_code)
    last.close()
    receiver.acknowledge_message(cid)
    big = bytes(range(256)) * 4000
    bid = sender.send_message(args.recipient, big, workflow_id=args.workflow, max_chunk_size=400_000)
    with receiver.retrieve_message(bid) as message:
        check("send_message splits into chunks and download joins them", message.read() == big)

    # gzip: uploaded compressed, kept compressed, served compressed to a client that accepts it.
    text = b"9434765919,SMITH,JOHN,1970-01-01,M,LS1 4AP\n" * 5000
    zipper = client(args, args.sender, transparent_compress=True)
    gid = zipper.send_message(args.recipient, text, workflow_id=args.workflow)
    raw = receiver.retrieve_message_chunk(gid, 1)
    check("a gzip upload is served as the stored gzip", raw.headers.get("Content-Encoding") == "gzip"
          and int(raw.headers.get("Content-Length", "0")) < len(text) // 10, dict(raw.headers))
    raw.close()
    with receiver.retrieve_message(gid) as message:
        check("gzip round trip", message.read() == text)
    zipped_chunks = zipper.send_message(args.recipient, text, workflow_id=args.workflow, max_chunk_size=100_000)
    with receiver.retrieve_message(zipped_chunks) as message:
        check("gzip chunks round trip", message.read() == text)
    plain = requests.get(f"{args.url}/messageexchange/{args.recipient}/inbox/{gid}",
                         headers={"Authorization": receiver._session.auth.generate_token(), "Accept-Encoding": "identity"})
    check("a client that does not accept gzip gets the bytes inflated",
          plain.status_code == 200 and plain.content == text and "gzip" not in plain.headers.get("Content-Encoding", ""),
          plain.status_code)

    # A Handover workflow: the body is a canonical submission and is checked as one.
    referral = {
        "recipient": args.recipient_native, "kind": "referral", "purpose": "chc-assessment", "senderLocalId": "MESH-REF-1",
        "lawfulBasis": {"statute": "nhs-standing-rules-2012-reg21", "article6": "6(1)(e)", "article9": "9(2)(h)"},
        "subject": {"nhsNumber": "9434765919", "name": {"family": "Partridge", "given": ["Margaret"]}, "birthDate": "1938-07-14"},
        "payload": {"referralType": "chc-checklist", "checklistOutcome": "positive", "respondBy": "2026-12-21"},
    }
    hid = sender.send_message(args.recipient, json.dumps(referral).encode(), workflow_id="HANDOVER_REFERRAL")
    with receiver.retrieve_message(hid) as message:
        delivered = json.loads(message.read())
        check("a Handover referral arrives as a canonical message", delivered.get("kind") == "referral"
              and delivered.get("subject", {}).get("nhsNumber") == "9434765919" and message.workflow_id == "HANDOVER_REFERRAL",
              delivered)
    bad = dict(referral, subject={"nhsNumber": "9434765918", "name": {"family": "X", "given": []}, "birthDate": "1938-07-14"})
    try:
        sender.send_message(args.recipient, json.dumps(bad).encode(), workflow_id="HANDOVER_REFERRAL")
        check("an invalid Handover message is refused", False, "accepted")
    except MeshError as error:
        check("an invalid Handover message is refused", "nhs-number" in str(error.args), error.args)

    # Refusals.
    for label, call in [
        ("an unknown recipient is refused", lambda: sender.send_message("X99NONE", b"x", workflow_id=args.workflow)),
        ("an unknown workflow is refused", lambda: sender.send_message(args.recipient, b"x", workflow_id="NO_SUCH_WORKFLOW")),
    ]:
        try:
            call()
            check(label, False, "accepted")
        except MeshError:
            check(label, True)
    for label, bad_client in [("a wrong password is refused with 403", client(args, args.sender, password="wrong")),
                              ("a wrong shared key is refused with 403", client(args, args.sender, key="wrong"))]:
        try:
            bad_client.handshake()
            check(label, False, "accepted")
        except requests.HTTPError as error:
            check(label, error.response.status_code == 403, error.response.status_code)
    try:
        sender.track_message("00000000-0000-4000-8000-000000000000")
        check("tracking an unknown message is a 404", False, "found")
    except requests.HTTPError as error:
        check("tracking an unknown message is a 404", error.response.status_code == 404, error.response.status_code)

    # More than 1,000 messages: paging crosses the 500 boundary.
    for message_id in list(receiver.iterate_message_ids()):
        receiver.retrieve_message(message_id).read()
        receiver.acknowledge_message(message_id)
    count = args.many
    sent = [sender.send_message(args.recipient, b"%06d" % index, workflow_id=args.workflow) for index in range(count)]
    first_page = receiver._inbox_v2_page()
    check("a page holds 500 ids and links to the next", len(first_page["messages"]) == 500 and "next" in first_page["links"]
          and first_page["links"]["next"].startswith(f"/messageexchange/{args.recipient}/inbox"), first_page.get("links"))
    listed = []
    for message_id in receiver.iterate_message_ids():
        listed.append(message_id)
        if len(listed) > count * 2:
            break
    check(f"paging lists all {count} messages once, in order", listed == sent, (len(listed), len(set(listed))))
    for message_id in listed:
        receiver.retrieve_message(message_id).read()
        receiver.acknowledge_message(message_id)
    check("the inbox is empty after acknowledging them", receiver.list_messages() == [])


def report_send(args):
    sender = client(args, args.sender)
    mid = sender.send_message(args.recipient, b"never collected", workflow_id=args.workflow, local_id="NDR-1")
    check("the message to leave uncollected is sent", bool(mid))
    print(f"sent {mid}")


def report_check(args):
    sender = client(args, args.sender)
    receiver = client(args, args.recipient)
    mid = args.linked
    reports = sender.list_messages()
    check("a non-delivery report is in the sender's inbox", len(reports) == 1, reports)
    if not reports:
        return
    with sender.retrieve_message(reports[0]) as message:
        body = message.read()
        check("it is a REPORT linked to the message", message.message_type == "REPORT"
              and message.mex_header("linkedmsgid") == mid, dict(message.mex_headers()))
        check("it has an empty body and status 14", body == b"" and message.mex_header("statuscode") == "14"
              and message.mex_header("statussuccess") == "ERROR", (body, dict(message.mex_headers())))
        check("it names the workflow and local id of the message", message.workflow_id == args.workflow
              and message.local_id == "NDR-1", (message.workflow_id, message.local_id))
    check("the acknowledged report leaves the inbox", sender.list_messages() == [])
    check("tracking shows the message undeliverable", sender.track_message(mid).get("status") == "undeliverable")
    try:
        receiver.retrieve_message(mid)
        check("the expired message is gone", False, "downloaded")
    except requests.HTTPError as error:
        check("the expired message is gone", error.response.status_code in (404, 410), error.response.status_code)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=["exchange", "report-send", "report-check"])
    parser.add_argument("--url", required=True)
    parser.add_argument("--shared-key", required=True)
    parser.add_argument("--sender", required=True)
    parser.add_argument("--recipient", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--recipient-native", default="")
    parser.add_argument("--workflow", default="TEST_WORKFLOW")
    parser.add_argument("--many", type=int, default=1010)
    parser.add_argument("--linked", default="")
    args = parser.parse_args()
    if urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("loopback only")
    try:
        {"exchange": exchange, "report-send": report_send, "report-check": report_check}[args.scenario](args)
    except Exception as error:  # a crash is a failed check, with what happened
        check("the scenario ran to the end", False, f"{type(error).__name__}: {error}")
    failed = RESULTS.count(False)
    print(f"{RESULTS.count(True)} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
