import Foundation
import HandoverClient
import HandoverLedger
import HandoverModel
import HandoverServer
import HandoverStore
import Testing

/// The log API over real HTTP: checkpoints signed by the published key, inclusion proofs for
/// receipts, consistency between checkpoints, proof bundles, and refusals of positions the log
/// never had.
@Suite struct LogAPITests {
    static func hashes(_ value: Any?) throws -> [[UInt8]] {
        try (value as? [String] ?? []).map { try #require(Hex.decode($0)) }
    }

    @Test func receiptsAreProvableAgainstSignedCheckpoints() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let icb = gateway.client(RunningGateway.icb)
        let verifier = try NoteVerifier(verifierKey: try #require(try Messages.string(try await council.logKeys(), "current")))

        var receipts: [(index: UInt64, hash: [UInt8])] = []
        for index in 0..<5 {
            let answer = try await council.submit(Messages.referral(localId: "LOG-\(index)"))
            let receipt = try #require(try Messages.object(answer.body)["receipt"] as? [String: Any])
            let opened = try SignedReceipt.open(try #require(receipt["note"] as? String), verifiers: [verifier])
            receipts.append((opened.leafIndex, opened.leafHash))
        }
        try await gateway.gateway.issueCheckpoint()
        let first = try Checkpoint.open(try await council.checkpoint().text, verifiers: [verifier])
        #expect(first.treeSize == 5)

        for receipt in receipts {
            let answer = try await council.inclusionProof(leaf: String(receipt.index))
            #expect(answer.status == 200, "\(answer.text)")
            let proof = try Messages.object(answer.body)
            #expect(proof["treeSize"] as? Int == 5)
            #expect(proof["leafHash"] as? String == Hex.encode(receipt.hash))
            try InclusionProof(leafIndex: receipt.index, treeSize: 5, auditPath: try Self.hashes(proof["auditPath"]))
                .verify(leafHash: receipt.hash, root: first.rootHash)
        }

        // The recipient's actions grow the log; the new checkpoint is consistent with the first.
        for id in try Messages.ids(try await icb.inbox()) { _ = try await icb.download(id) }
        try await gateway.gateway.issueCheckpoint()
        let second = try Checkpoint.open(try await icb.checkpoint().text, verifiers: [verifier])
        #expect(second.treeSize == 5 + 5 + 5, "five deliveries and five downloads")
        let consistency = try Messages.object(try await icb.consistencyProof(from: "5").body)
        #expect(consistency["newSize"] as? Int == Int(second.treeSize))
        try ConsistencyProof(oldSize: 5, newSize: second.treeSize, consistencyPath: try Self.hashes(consistency["consistencyPath"]))
            .verify(oldRoot: first.rootHash, newRoot: second.rootHash)

        // A proof bundle verifies offline against the published key, with the payload the recipient holds.
        let delivered = try Messages.object(try await icb.download(try #require(try Messages.ids(try await icb.inbox()).first)).body)
        let id = try #require(delivered["id"] as? String)
        let bundleAnswer = try await icb.proofBundle(id)
        #expect(bundleAnswer.status == 200, "\(bundleAnswer.text)")
        let bundle = try ProofBundle.decode(json: bundleAnswer.body)
        let (_, events) = try bundle.verify(trusting: verifier)
        #expect(events.map(\.kind).prefix(3) == [.submitted, .delivered, .downloaded])
        let payload = Messages.referral(localId: "LOG-0")
        let payloadText = String(decoding: payload, as: UTF8.self)
        let payloadStart = try #require(payloadText.range(of: #""payload":"#)).upperBound
        let payloadEnd = try #require(payloadText.range(of: #","senderLocalId""#)).lowerBound
        let payloadBytes = Array(payloadText[payloadStart..<payloadEnd].utf8)
        let sentID = try #require(try Messages.ids(try await council.outbox()).first)
        let sentBundle = try ProofBundle.decode(json: try await council.proofBundle(sentID).body)
        try sentBundle.verify(payload: payloadBytes)
        #expect(throws: LedgerError.commitmentMismatch(reason: "")) { try sentBundle.verify(payload: payloadBytes + [0x20]) }

        // A partner that is neither sender nor recipient gets no bundle.
        #expect(try await gateway.client(RunningGateway.prison).proofBundle(id).status == 404)
        try await gateway.stopAndRemove()
    }

    @Test func positionsTheLogNeverHadAreRefusedAndLogged() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        #expect(try await council.checkpoint().status == 404, "an empty log has no checkpoint")
        _ = try await council.submit(Messages.referral(localId: "ONE"))
        try await gateway.gateway.issueCheckpoint()

        let refusals: [(HandoverClient.Answer, String)] = [
            (try await council.inclusionProof(leaf: "0", size: "99"), "size"),
            (try await council.inclusionProof(leaf: "7", size: "1"), "leaf"),
            (try await council.inclusionProof(leaf: "-1"), "leaf"),
            (try await council.inclusionProof(leaf: "01"), "leaf"),
            (try await council.consistencyProof(from: "1", to: "99"), "to"),
            (try await council.consistencyProof(from: "x"), "from"),
        ]
        for (answer, path) in refusals {
            #expect(answer.status == 400, "\(answer.text)")
            #expect(try Messages.problemErrors(answer).first?.path == path, "\(answer.text)")
        }
        let leaves = try await gateway.gateway.store.leaves(from: 0, limit: 100)
        let rejected = try leaves.filter { try LogEvent.parse(leafBytes: $0.bytes).kind == .rejected }
        #expect(rejected.count == refusals.count, "each refusal is a leaf")
        try await gateway.stopAndRemove()
    }
}
