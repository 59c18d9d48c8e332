import Crypto
import Foundation
import HandoverLedger
import Testing

/// Offline proof bundles: one message's leaves, inclusion proofs and a signed checkpoint.
struct ProofBundleTests {
    @Test func aBundleBuiltFromTheTreeVerifies() throws {
        let fixture = try ProofBundleFixture()
        let (checkpoint, events) = try fixture.bundle.verify()
        #expect(checkpoint.treeSize == 37)
        #expect(checkpoint.rootHash == fixture.tree.rootHash)
        #expect(events.map(\.kind) == [.submitted, .delivered, .downloaded, .acknowledged])
        #expect(events.allSatisfy { $0.messageID == ProofBundleFixture.messageID })
        #expect(fixture.bundle.events.map(\.leafIndex) == [3, 11, 12, 30])
        try fixture.bundle.verify(trusting: fixture.signer.verifier)
        try fixture.bundle.verify(payload: ProofBundleFixture.payload)
    }

    @Test func theJSONLayoutIsStableAndRoundTrips() throws {
        let fixture = try ProofBundleFixture()
        let json = try fixture.bundle.json()
        #expect(try ProofBundle.decode(json: json) == fixture.bundle)
        #expect(try ProofBundle.decode(json: json).json() == json)

        let object = try #require(try JSONSerialization.jsonObject(with: Data(json)) as? [String: Any])
        #expect(Set(object.keys) == ["format", "messageID", "checkpoint", "verifierKey", "events", "payload"])
        #expect(object["format"] as? String == "handover-proof-bundle/v1")
        #expect(object["verifierKey"] as? String == fixture.signer.verifier.verifierKey)
        #expect(object["checkpoint"] as? String == fixture.checkpoint)
        let events = try #require(object["events"] as? [[String: Any]])
        #expect(Set(events[0].keys) == ["leafIndex", "leaf", "inclusionProof"])
        #expect(events[0]["leafIndex"] as? Int == 3)
        let leafText = try #require(events[0]["leaf"] as? String)
        let leaf = try #require(Data(base64Encoded: leafText))
        #expect(Array(leaf) == fixture.leaves[0].leafBytes)
        let proof = try #require(events[0]["inclusionProof"] as? [String])
        #expect(proof == (try fixture.tree.inclusionProof(leafIndex: 3, treeSize: 37)).auditPath.map(hex))
        let payload = try #require(object["payload"] as? [String: String])
        #expect(payload == ["salt": hex(fixture.salt), "sha256": hex(Array(SHA256.hash(data: ProofBundleFixture.payload)))])

        // Without a disclosure the member is absent, not null.
        let bare = try ProofBundleFixture(withPayload: false).bundle
        #expect(!String(decoding: try bare.json(), as: UTF8.self).contains("\"payload\""))
        try bare.verify()
        #expect(throws: LedgerError.malformedBundle(reason: "")) {
            try bare.verify(payload: ProofBundleFixture.payload)
        }
    }

    @Test func aTruncatedBundleFails() throws {
        let fixture = try ProofBundleFixture()
        let json = try fixture.bundle.json()
        #expect(throws: LedgerError.malformedBundle(reason: "")) {
            try ProofBundle.decode(json: json.prefix(json.count / 2))
        }
        // An audit path missing its last hash.
        let shortened = fixture.editingEvent(1) { $0.inclusionProof.removeLast() }
        let error = #expect(throws: LedgerError.invalidProofLength(reason: "")) {
            try shortened.verify()
        }
        #expect(error?.reason.hasPrefix("event 1 (leaf 11): ") == true)
        // No events at all.
        #expect(throws: LedgerError.malformedBundle(reason: "")) {
            try fixture.replacing(events: []).verify()
        }
    }

    @Test func anEditedLeafFails() throws {
        let fixture = try ProofBundleFixture()
        // A well-formed leaf that says another mailbox downloaded the message.
        let edited = fixture.editingEvent(2) { fields in
            let text = String(decoding: Data(base64Encoded: fields.leaf) ?? Data(), as: UTF8.self)
            fields.leaf = Data(text.replacingOccurrences(of: "actor=swindon-asc", with: "actor=wiltshire-asc").utf8)
                .base64EncodedString()
        }
        let error = #expect(throws: LedgerError.proofMismatch(reason: "")) {
            try edited.verify()
        }
        #expect(error?.reason.hasPrefix("event 2 (leaf 12): ") == true)
        // A leaf that is not canonical, and one that is another message's.
        let malformed = fixture.editingEvent(0) { $0.leaf = Data(Array("handover-leaf/v1\n".utf8)).base64EncodedString() }
        #expect(throws: LedgerError.malformedLeaf(reason: "")) {
            try malformed.verify()
        }
        let other = try LogEvent(
            kind: .delivered, messageID: "another", sender: "a1", recipient: "b1", actor: "b1",
            time: "2026-11-23T19:38:09.000Z", payloadCommitment: Array(repeating: 1, count: 32)
        )
        let foreign = fixture.editingEvent(3) { $0.leaf = Data(other.leafBytes).base64EncodedString() }
        #expect(throws: LedgerError.malformedBundle(reason: "")) {
            try foreign.verify()
        }
    }

    @Test func anEditedProofHashFails() throws {
        let fixture = try ProofBundleFixture()
        let edited = fixture.editingEvent(3) { fields in
            let hash = bytes(hex: fields.inclusionProof[2])
            fields.inclusionProof[2] = hex(flipping(hash, byte: 31))
        }
        let error = #expect(throws: LedgerError.proofMismatch(reason: "")) {
            try edited.verify()
        }
        #expect(error?.reason.hasPrefix("event 3 (leaf 30): ") == true)
        let upper = fixture.editingEvent(0) { $0.inclusionProof[0] = $0.inclusionProof[0].uppercased() }
        #expect(throws: LedgerError.malformedBundle(reason: "")) {
            try upper.verify()
        }
        let moved = fixture.editingEvent(0) { $0.leafIndex = 4 }
        #expect(throws: LedgerError.proofMismatch(reason: "")) {
            try moved.verify()
        }
    }

    @Test func aCheckpointSignedByAnotherKeyFails() throws {
        let fixture = try ProofBundleFixture()
        let impostor = try NoteSigner.generate(keyName: ProofBundleFixture.origin)
        let forged = try Checkpoint.parse(try SignedNote.parse(fixture.checkpoint).verify(with: [fixture.signer.verifier]))
            .signed(by: impostor).text
        #expect(throws: LedgerError.noKnownSignature(reason: "")) {
            try fixture.replacing(checkpoint: forged).verify()
        }
        // Swapping in the impostor's key makes the bundle self-consistent, but not trusted.
        let swapped = fixture.replacing(checkpoint: forged, verifierKey: impostor.verifier.verifierKey)
        try swapped.verify()
        #expect(throws: LedgerError.noKnownSignature(reason: "")) {
            try swapped.verify(trusting: fixture.signer.verifier)
        }
        // A checkpoint of another tree size, honestly signed, does not match the proofs.
        let older = try Checkpoint(origin: ProofBundleFixture.origin, treeSize: 36, rootHash: fixture.tree.root(size: 36))
            .signed(by: fixture.signer).text
        let stale = #expect(throws: LedgerError.proofMismatch(reason: "")) {
            try fixture.replacing(checkpoint: older).verify()
        }
        #expect(stale?.reason.hasPrefix("event 0 (leaf 3): ") == true)
    }

    @Test func eventsMustBeInLeafOrder() throws {
        let fixture = try ProofBundleFixture()
        #expect(throws: LedgerError.malformedBundle(reason: "")) {
            try fixture.replacing(events: fixture.bundle.events.reversed()).verify()
        }
        #expect(throws: LedgerError.malformedBundle(reason: "")) {
            try fixture.replacing(events: fixture.bundle.events + [fixture.bundle.events[3]]).verify()
        }
        let wrongFormat = ProofBundle(
            messageID: fixture.bundle.messageID, checkpoint: fixture.bundle.checkpoint, verifierKey: fixture.bundle.verifierKey,
            events: fixture.bundle.events, payload: nil, format: "handover-proof-bundle/v2"
        )
        #expect(throws: LedgerError.malformedBundle(reason: "")) {
            try wrongFormat.verify()
        }
    }

    @Test func aPayloadIsCheckedAgainstEveryCommitment() throws {
        let fixture = try ProofBundleFixture()
        var other = ProofBundleFixture.payload
        other[0] ^= 0x20
        #expect(throws: LedgerError.commitmentMismatch(reason: "")) {
            try fixture.bundle.verify(payload: other)
        }
        // A disclosure with the right digest but another salt fails on the first commitment.
        let wrongSalt = ProofBundle(
            messageID: fixture.bundle.messageID, checkpoint: fixture.bundle.checkpoint, verifierKey: fixture.bundle.verifierKey,
            events: fixture.bundle.events,
            payload: PayloadDisclosure(salt: Array(repeating: 9, count: 32), payloadSHA256: Array(SHA256.hash(data: ProofBundleFixture.payload)))
        )
        try wrongSalt.verify()
        let error = #expect(throws: LedgerError.commitmentMismatch(reason: "")) {
            try wrongSalt.verify(payload: ProofBundleFixture.payload)
        }
        #expect(error?.reason.hasPrefix("event 0 (leaf 3): ") == true)
    }

    @Test func makeRefusesATreeThatDoesNotMatchTheCheckpoint() throws {
        let fixture = try ProofBundleFixture()
        var longer = fixture.tree
        longer.append(leaf: Array("late".utf8))
        // The proofs come from the tree at the checkpoint's size, so a longer tree still works.
        _ = try ProofBundle.make(
            messageID: ProofBundleFixture.messageID, leaves: fixture.leaves, tree: longer,
            checkpoint: fixture.checkpoint, verifier: fixture.signer.verifier
        )
        var different = numberedTree(37)
        different.append(leaf: [])
        #expect(throws: LedgerError.proofMismatch(reason: "")) {
            try ProofBundle.make(
                messageID: ProofBundleFixture.messageID, leaves: fixture.leaves, tree: different,
                checkpoint: fixture.checkpoint, verifier: fixture.signer.verifier
            )
        }
    }
}
