#!/usr/bin/env python3
"""Independent check of Handover ledger Merkle proofs (RFC 9162 sections 2.1.3.2 and 2.1.4.2).

Usage: python3 verify_proof.py FILE
       python3 verify_proof.py --bundle BUNDLE [--payload PAYLOAD]

FILE is JSON:
  {"leafHash": hex, "leafIndex": n, "treeSize": n, "proof": [hex, ...], "rootHash": hex,
   "consistency": {"oldSize": n, "newSize": n, "oldRoot": hex, "newRoot": hex, "proof": [hex, ...]}}
"consistency" is optional.

BUNDLE is a proof bundle (contracts/ledger/proof-bundle.md). Each event's leaf must be the
canonical handover-leaf/v1 text of an event of the bundle's message, and its inclusion proof
must lead from SHA-256(0x00 || leaf) to the root hash of the bundle's checkpoint at the
checkpoint's tree size. With --payload, the payload file's SHA-256 must be the disclosed
digest and SHA-256(salt || payload) every event's commitment.
The Ed25519 signatures on the checkpoint note are NOT verified here (the standard library has
no Ed25519): check them with the gateway's verifier key, or trust the checkpoint by other means.

Exit status 0 when every check passes, 1 otherwise.
Uses only the standard library (hashlib, json, base64, urllib.parse), so it shares no code with
the Swift implementation.
"""

import argparse
import base64
import binascii
import hashlib
import json
import sys
import urllib.parse

EMPTY_ROOT = hashlib.sha256(b"").digest()


class ProofError(Exception):
    pass


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def decode_hash(value, what):
    if not isinstance(value, str):
        raise ProofError(f"{what} is not a hex string")
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        raise ProofError(f"{what} is not hex") from None
    if len(raw) != 32:
        raise ProofError(f"{what} is {len(raw)} bytes, not 32")
    return raw


def decode_size(value, what):
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value >= 2**64:
        raise ProofError(f"{what} is not an unsigned 64-bit integer")
    return value


def verify_inclusion(leaf_hash, index, size, proof, root):
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        raise ProofError(f"leaf index {index} is not below tree size {size}")
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            raise ProofError("inclusion proof is too long")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("inclusion proof is too short")
    if r != root:
        raise ProofError(f"inclusion proof leads to root {r.hex()}, not {root.hex()}")


def verify_consistency(first, second, first_hash, second_hash, proof):
    """RFC 9162 section 2.1.4.2, with the trivial cases first == second and first == 0."""
    if first > second:
        raise ProofError(f"old size {first} is larger than new size {second}")
    if first == second:
        if proof or first_hash != second_hash:
            raise ProofError("equal sizes need an empty proof and equal roots")
        return
    if first == 0:
        if proof or first_hash != EMPTY_ROOT:
            raise ProofError("from the empty tree the proof is empty and the old root is SHA-256('')")
        return
    if not proof:
        raise ProofError("consistency proof is empty")
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_hash)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("consistency proof is too long")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ProofError("consistency proof is too short")
    if fr != first_hash:
        raise ProofError(f"consistency proof leads to old root {fr.hex()}, not {first_hash.hex()}")
    if sr != second_hash:
        raise ProofError(f"consistency proof leads to new root {sr.hex()}, not {second_hash.hex()}")


def check(document):
    if not isinstance(document, dict):
        raise ProofError("the document is not a JSON object")
    leaf_hash = decode_hash(document.get("leafHash"), "leafHash")
    index = decode_size(document.get("leafIndex"), "leafIndex")
    size = decode_size(document.get("treeSize"), "treeSize")
    proof = document.get("proof")
    if not isinstance(proof, list):
        raise ProofError("proof is not a list")
    proof = [decode_hash(h, f"proof[{i}]") for i, h in enumerate(proof)]
    root = decode_hash(document.get("rootHash"), "rootHash")
    verify_inclusion(leaf_hash, index, size, proof, root)
    print(f"ok: inclusion of leaf {index} in tree size {size} (audit path of {len(proof)}) at root {root.hex()}")

    consistency = document.get("consistency")
    if consistency is None:
        return
    if not isinstance(consistency, dict):
        raise ProofError("consistency is not a JSON object")
    old_size = decode_size(consistency.get("oldSize"), "consistency.oldSize")
    new_size = decode_size(consistency.get("newSize"), "consistency.newSize")
    old_root = decode_hash(consistency.get("oldRoot"), "consistency.oldRoot")
    new_root = decode_hash(consistency.get("newRoot"), "consistency.newRoot")
    path = consistency.get("proof")
    if not isinstance(path, list):
        raise ProofError("consistency.proof is not a list")
    path = [decode_hash(h, f"consistency.proof[{i}]") for i, h in enumerate(path)]
    verify_consistency(old_size, new_size, old_root, new_root, path)
    print(f"ok: consistency from tree size {old_size} to {new_size} ({len(path)} hashes), "
          f"{old_root.hex()} -> {new_root.hex()}")


LEAF_HEADER = "handover-leaf/v1"
LEAF_FIELDS = ["kind", "message", "sender", "recipient", "actor", "time", "commitment"]
# v2 adds the commitment to the original as the sender posted it, and the lawful basis; a leaf
# with neither is always written v1.
LEAF_HEADER_V2 = "handover-leaf/v2"
LEAF_FIELDS_V2 = LEAF_FIELDS + ["original", "basis"]
LEAF_KINDS = {"submitted", "delivered", "downloaded", "acknowledged", "expired", "rejected", "withheld",
              "consent-recorded", "consent-withdrawn"}


def decode_base64(value, what):
    if not isinstance(value, str):
        raise ProofError(f"{what} is not a base64 string")
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ProofError(f"{what} is not base64") from None
    if base64.b64encode(raw).decode("ascii") != value:
        raise ProofError(f"{what} is not canonical padded base64")
    return raw


def parse_leaf(leaf):
    """The fields of a handover-leaf/v1 or v2 leaf, refusing any non-canonical spelling."""
    try:
        text = leaf.decode("utf-8")
    except UnicodeDecodeError:
        raise ProofError("the leaf is not UTF-8") from None
    if not text.endswith("\n"):
        raise ProofError("the leaf does not end with a newline")
    lines = text[:-1].split("\n")
    names = LEAF_FIELDS_V2 if lines[0] == LEAF_HEADER_V2 else LEAF_FIELDS
    if len(lines) != len(names) + 1 or lines[0] not in (LEAF_HEADER, LEAF_HEADER_V2):
        raise ProofError(f"the leaf is not {LEAF_HEADER} and {len(LEAF_FIELDS)} field lines, "
                         f"or {LEAF_HEADER_V2} and {len(LEAF_FIELDS_V2)}")
    fields = {}
    for line, name in zip(lines[1:], names):
        if not line.startswith(name + "="):
            raise ProofError(f"expected the leaf field {name}=")
        encoded = line[len(name) + 1:]
        try:
            value = urllib.parse.unquote(encoded, errors="strict")
        except UnicodeDecodeError:
            raise ProofError(f"the leaf field {name} is not percent-encoded UTF-8") from None
        if urllib.parse.quote(value, safe=":@/") != encoded:
            raise ProofError(f"the leaf field {name} is not canonically percent-encoded")
        fields[name] = value
    if fields["kind"] not in LEAF_KINDS:
        raise ProofError(f"unknown event kind {fields['kind']!r}")
    commitment = fields["commitment"]
    if commitment and (len(commitment) != 64 or commitment != commitment.lower()
                       or any(c not in "0123456789abcdef" for c in commitment)):
        raise ProofError("the leaf commitment is not 64 lower-case hex digits")
    if names is LEAF_FIELDS_V2:
        original = fields["original"]
        if original and (len(original) != 64 or any(c not in "0123456789abcdef" for c in original)):
            raise ProofError("the leaf's original commitment is not 64 lower-case hex digits")
        if not original and not fields["basis"]:
            raise ProofError("a v2 leaf with neither an original nor a basis must be written v1")
    return fields


def parse_checkpoint(note):
    """Origin, tree size and root hash of a signed checkpoint note (signatures NOT verified)."""
    if not isinstance(note, str) or not note.endswith("\n"):
        raise ProofError("checkpoint is not a note text ending in a newline")
    split = note.rfind("\n\n")
    if split < 0:
        raise ProofError("checkpoint note has no blank line before its signatures")
    lines = note[:split].split("\n")
    if len(lines) < 3:
        raise ProofError("checkpoint has no origin, tree size and root hash lines")
    size_text = lines[1]
    if not size_text.isdigit() or not size_text.isascii() or (len(size_text) > 1 and size_text[0] == "0"):
        raise ProofError(f"checkpoint tree size {size_text!r} is not canonical decimal")
    root = decode_base64(lines[2], "checkpoint root hash")
    if len(root) != 32:
        raise ProofError("checkpoint root hash is not 32 bytes")
    return lines[0], int(size_text), root


def check_bundle(bundle, payload=None):
    if not isinstance(bundle, dict):
        raise ProofError("the bundle is not a JSON object")
    if bundle.get("format") != "handover-proof-bundle/v1":
        raise ProofError("format is not handover-proof-bundle/v1")
    message_id = bundle.get("messageID")
    if not isinstance(message_id, str) or not message_id:
        raise ProofError("messageID is not a non-empty string")
    origin, size, root = parse_checkpoint(bundle.get("checkpoint"))
    events = bundle.get("events")
    if not isinstance(events, list) or not events:
        raise ProofError("events is not a non-empty list")
    disclosure = bundle.get("payload")
    salt = None
    if payload is not None:
        if not isinstance(disclosure, dict):
            raise ProofError("the bundle discloses no payload salt")
        salt = bytes.fromhex(disclosure.get("salt", "")) if isinstance(disclosure.get("salt"), str) else b""
        if len(salt) != 32:
            raise ProofError("the disclosed salt is not 32 bytes")
        if hashlib.sha256(payload).hexdigest() != disclosure.get("sha256"):
            raise ProofError("the payload's SHA-256 is not the disclosed digest")
    previous = -1
    for position, event in enumerate(events):
        try:
            if not isinstance(event, dict):
                raise ProofError("the event is not a JSON object")
            index = decode_size(event.get("leafIndex"), "leafIndex")
            if index <= previous:
                raise ProofError("leaf indices must strictly increase")
            previous = index
            leaf = decode_base64(event.get("leaf"), "leaf")
            fields = parse_leaf(leaf)
            if fields["message"] != message_id:
                raise ProofError(f"the leaf is about message {fields['message']!r}, not {message_id!r}")
            proof = event.get("inclusionProof")
            if not isinstance(proof, list):
                raise ProofError("inclusionProof is not a list")
            proof = [decode_hash(h, f"inclusionProof[{i}]") for i, h in enumerate(proof)]
            leaf_hash = hashlib.sha256(b"\x00" + leaf).digest()
            verify_inclusion(leaf_hash, index, size, proof, root)
            if salt is not None and fields["commitment"]:
                if hashlib.sha256(salt + payload).hexdigest() != fields["commitment"]:
                    raise ProofError("SHA-256(salt || payload) is not the leaf's commitment")
        except ProofError as error:
            raise ProofError(f"event {position}: {error}") from None
        print(f"ok: event {position} ({fields['kind']}) leaf {index} hash {leaf_hash.hex()} "
              f"included in {origin} at tree size {size}")
    if salt is not None:
        print(f"ok: payload matches the commitment of every event of message {message_id}")
    print("note: checkpoint signatures were not verified (no Ed25519 in the standard library)")


def main(argv):
    parser = argparse.ArgumentParser(
        prog="verify_proof.py",
        description="Check Handover ledger proofs with the Python standard library only.",
        epilog="--bundle checks leaf encodings and inclusion proofs against the checkpoint's root "
               "hash; it does NOT verify the Ed25519 signatures on the checkpoint note.",
    )
    parser.add_argument("file", nargs="?", help="a proof document (leafHash, proof, rootHash, ...)")
    parser.add_argument("--bundle", metavar="BUNDLE", help="a handover-proof-bundle/v1 JSON file")
    parser.add_argument("--payload", metavar="PAYLOAD", help="with --bundle: the message payload file")
    args = parser.parse_args(argv[1:])
    if (args.file is None) == (args.bundle is None) or (args.payload and not args.bundle):
        parser.print_usage(sys.stderr)
        return 1
    try:
        if args.bundle:
            with open(args.bundle, encoding="utf-8") as handle:
                bundle = json.load(handle)
            payload = None
            if args.payload:
                with open(args.payload, "rb") as handle:
                    payload = handle.read()
            check_bundle(bundle, payload)
        else:
            with open(args.file, encoding="utf-8") as handle:
                document = json.load(handle)
            check(document)
    except (OSError, ValueError, ProofError) as error:
        print(f"FAILED: {error}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
