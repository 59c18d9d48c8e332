#!/usr/bin/env python3
"""Independent check of Handover ledger Merkle proofs (RFC 9162 sections 2.1.3.2 and 2.1.4.2).

Usage: python3 verify_proof.py FILE

FILE is JSON:
  {"leafHash": hex, "leafIndex": n, "treeSize": n, "proof": [hex, ...], "rootHash": hex,
   "consistency": {"oldSize": n, "newSize": n, "oldRoot": hex, "newRoot": hex, "proof": [hex, ...]}}
"consistency" is optional. Exit status 0 when every proof verifies, 1 otherwise.
Uses only the standard library (hashlib, json), so it shares no code with the Swift implementation.
"""

import hashlib
import json
import sys

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


def main(argv):
    if len(argv) != 2:
        print("usage: verify_proof.py FILE", file=sys.stderr)
        return 1
    try:
        with open(argv[1], encoding="utf-8") as handle:
            document = json.load(handle)
        check(document)
    except (OSError, ValueError, ProofError) as error:
        print(f"FAILED: {error}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
