import Foundation
import HandoverLedger
import Testing

/// Proof bundles from the Swift code checked by `contracts/ledger/verify_proof.py --bundle`,
/// which recomputes leaf hashes and inclusion proofs with Python's standard library only.
struct ProofBundleScriptTests {
    @Test func pythonCheckerAcceptsABundle() throws {
        let fixture = try ProofBundleFixture()
        let result = try IndependentVerifierTests.runChecker(try ProofBundleFixture.json(fixture.bundle), options: ["--bundle"])
        #expect(result.status == 0, "verify_proof.py said: \(result.output)")
        for (position, event) in fixture.bundle.events.enumerated() {
            let leafHash = hex(MerkleHash.leafHash(try #require(event.leafBytes)))
            #expect(result.output.contains("ok: event \(position) ("), "\(result.output)")
            #expect(result.output.contains("leaf \(event.leafIndex) hash \(leafHash) included in handover.example/ledger at tree size 37"))
        }
        #expect(result.output.contains("not verified"))
    }

    @Test func pythonCheckerChecksThePayloadCommitment() throws {
        let fixture = try ProofBundleFixture()
        let payloadFile = FileManager.default.temporaryDirectory.appendingPathComponent("handover-payload-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: payloadFile) }
        let json = try ProofBundleFixture.json(fixture.bundle)

        try Data(ProofBundleFixture.payload).write(to: payloadFile)
        let good = try IndependentVerifierTests.runChecker(json, options: ["--payload", payloadFile.path, "--bundle"])
        #expect(good.status == 0, "verify_proof.py said: \(good.output)")
        #expect(good.output.contains("ok: payload matches the commitment of every event"))

        try Data(ProofBundleFixture.payload + [0x0A]).write(to: payloadFile)
        let bad = try IndependentVerifierTests.runChecker(json, options: ["--payload", payloadFile.path, "--bundle"])
        #expect(bad.status == 1, "verify_proof.py said: \(bad.output)")
        #expect(bad.output.contains("FAILED"))
    }

    @Test func pythonCheckerRejectsWhatSwiftRejects() throws {
        let fixture = try ProofBundleFixture()
        let editedLeaf = fixture.editingEvent(2) { fields in
            let text = String(decoding: Data(base64Encoded: fields.leaf) ?? Data(), as: UTF8.self)
            fields.leaf = Data(text.replacingOccurrences(of: "actor=swindon-asc", with: "actor=wiltshire-asc").utf8)
                .base64EncodedString()
        }
        let editedProof = fixture.editingEvent(1) { $0.inclusionProof[0] = hex(flipping(bytes(hex: $0.inclusionProof[0]), byte: 0)) }
        let shortened = fixture.editingEvent(3) { $0.inclusionProof.removeLast() }
        let lowerCaseEscape = fixture.editingEvent(0) { fields in
            // Valid for a lenient decoder, but not the canonical encoding.
            let text = String(decoding: Data(base64Encoded: fields.leaf) ?? Data(), as: UTF8.self)
            fields.leaf = Data(text.replacingOccurrences(of: "sender=bsw-icb", with: "sender=bsw%2dicb").utf8).base64EncodedString()
        }
        let cases: [(ProofBundle, String)] = [
            (editedLeaf, "event 2"), (editedProof, "event 1"), (shortened, "event 3"), (lowerCaseEscape, "event 0"),
        ]
        for (bundle, position) in cases {
            #expect(throws: LedgerError.self) { try bundle.verify() }
            let result = try IndependentVerifierTests.runChecker(try ProofBundleFixture.json(bundle), options: ["--bundle"])
            #expect(result.status == 1, "verify_proof.py said: \(result.output)")
            #expect(result.output.contains("FAILED: \(position)"), "\(result.output)")
        }
    }
}
