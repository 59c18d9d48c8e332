import Foundation
import HandoverClient
import HandoverLedger
import HandoverModel
import HandoverServer
import HandoverStore
import Testing

/// Partner signatures on submissions, the gateway's signed receipts, and the refusals of bad or
/// replayed signatures, each of which is itself a leaf of the log.
@Suite struct SignedExchangeTests {
    static let payload = #"{"referralType":"chc-checklist","checklist":{"outcome":"positive"},"note":"Signed by the council"}"#

    static func body(localId: String, recipient: String = RunningGateway.icb) -> [UInt8] {
        Array(
            #"{"recipient":"\#(recipient)","kind":"referral","purpose":"chc-assessment","lawfulBasis":\#(Messages.chcBasis),"senderLocalId":"\#(localId)","subject":{"nhsNumber":"9434765919","name":{"family":"Partridge","given":["Margaret"]},"birthDate":"1938-07-14"},"payload":\#(payload)}"#.utf8
        )
    }

    static func sign(
        _ key: PartnerSigningKey, kid: String, localId: String, recipient: String = RunningGateway.icb, payload: String = payload
    ) throws -> String {
        try DetachedJWS.sign(body: Array(payload.utf8), key: key, kid: kid, recipient: recipient, kind: "referral", localID: localId).compact
    }

    /// A gateway on which the council must sign, with one Ed25519 and one P-256 key registered.
    static func start(edKey: PartnerSigningKey, p256Key: PartnerSigningKey) async throws -> RunningGateway {
        try await RunningGateway.start { configuration in
            configuration.partners[0].signing = .required
            configuration.partners[0].signingKeys = [
                SigningKeyConfiguration(kid: "council-ed", jwk: try! edKey.partnerKey(kid: "council-ed").jwk),
                SigningKeyConfiguration(kid: "council-p256", jwk: try! p256Key.partnerKey(kid: "council-p256").jwk),
            ]
        }
    }

    static func problemType(_ answer: HandoverClient.Answer) throws -> String? {
        try Messages.string(answer, "type")
    }

    @Test func aSignedSubmissionIsReceiptedAndItsSignatureReachesTheRecipient() async throws {
        let edKey = PartnerSigningKey.generate(.edDSA)
        let p256Key = PartnerSigningKey.generate(.es256)
        let gateway = try await Self.start(edKey: edKey, p256Key: p256Key)
        let council = gateway.client(RunningGateway.council)
        let icb = gateway.client(RunningGateway.icb)

        let signature = try Self.sign(edKey, kid: "council-ed", localId: "SIGNED-1")
        let accepted = try await council.submit(Self.body(localId: "SIGNED-1"), signature: signature)
        #expect(accepted.status == 202, "\(accepted.text)")
        let json = try Messages.object(accepted.body)
        let id = try #require(json["id"] as? String)
        #expect(json["signed"] as? Bool == true)

        // The receipt is a signed note by the key the gateway publishes, naming the message's leaf.
        let keys = try Messages.object(try await council.logKeys().body)
        let verifier = try NoteVerifier(verifierKey: try #require(keys["current"] as? String))
        let receiptJSON = try #require(json["receipt"] as? [String: Any])
        let receipt = try SignedReceipt.open(try #require(receiptJSON["note"] as? String), verifiers: [verifier])
        #expect(receipt.messageID == id)
        #expect(receipt.leafHashHex == receiptJSON["leafHash"] as? String)
        #expect(UInt64(receiptJSON["leafIndex"] as? Int ?? -1) == receipt.leafIndex)
        let leaf = try #require(try await gateway.gateway.store.leaves(from: receipt.leafIndex, limit: 1).first)
        #expect(leaf.hash == receipt.leafHash)
        let event = try LogEvent.parse(leafBytes: leaf.bytes)
        #expect(event.kind == .submitted && event.messageID == id && event.sender == RunningGateway.council)

        // The recipient gets the sender's signature and checks it against the payload it received.
        _ = try await icb.inbox()
        let delivered = try await icb.download(id)
        #expect(delivered.text.contains(Self.payload), "the payload is delivered byte for byte")
        let passedOn = try #require(delivered.header("Handover-Signature"))
        #expect(passedOn == signature)
        let verified = try DetachedJWS.parse(passedOn).verify(
            body: Array(Self.payload.utf8), keys: [try edKey.partnerKey(kid: "council-ed")],
            recipient: RunningGateway.icb, kind: "referral", localID: "SIGNED-1"
        )
        #expect(verified.kid == "council-ed")

        // P-256 (ES256) keys work as well.
        let es256 = try await council.submit(
            Self.body(localId: "SIGNED-2"), signature: try Self.sign(p256Key, kid: "council-p256", localId: "SIGNED-2")
        )
        #expect(es256.status == 202, "\(es256.text)")

        // An identical retry is the same message with the same receipt leaf, not a replay.
        let retry = try await council.submit(Self.body(localId: "SIGNED-1"), signature: signature)
        #expect(retry.status == 202)
        #expect(try Messages.string(retry, "id") == id)
        let retryReceipt = try #require(try Messages.object(retry.body)["receipt"] as? [String: Any])
        #expect(retryReceipt["leafIndex"] as? Int == receiptJSON["leafIndex"] as? Int)
        try await gateway.stopAndRemove()
    }

    @Test func badMissingAndReplayedSignaturesAreRefusedAndLogged() async throws {
        let edKey = PartnerSigningKey.generate(.edDSA)
        let gateway = try await Self.start(edKey: edKey, p256Key: .generate(.es256))
        let council = gateway.client(RunningGateway.council)
        let stranger = PartnerSigningKey.generate(.edDSA)

        var tampered = Array(try Self.sign(edKey, kid: "council-ed", localId: "BAD-5").utf8)
        tampered[tampered.count - 3] = tampered[tampered.count - 3] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let cases: [(String, String?, String)] = [
            ("BAD-1", nil, "signature-required"),
            ("BAD-2", "not-a-jws", "signature-malformed"),
            ("BAD-3", try Self.sign(stranger, kid: "someone-else", localId: "BAD-3"), "signature-key-unknown"),
            ("BAD-4", try Self.sign(stranger, kid: "council-ed", localId: "BAD-4"), "signature-invalid"),
            ("BAD-5", String(decoding: tampered, as: UTF8.self), "signature-invalid"),
            ("BAD-6", try Self.sign(edKey, kid: "council-ed", localId: "BAD-6", payload: #"{"other":"payload"}"#), "signature-digest-mismatch"),
            ("BAD-7", try Self.sign(edKey, kid: "council-ed", localId: "BAD-7", recipient: RunningGateway.prison), "signature-route-mismatch"),
            // Signed for another local id: a replay of a signature under a new local id is refused.
            ("BAD-8", try Self.sign(edKey, kid: "council-ed", localId: "GOOD-1"), "signature-route-mismatch"),
        ]
        for (localId, signature, expected) in cases {
            let answer = try await council.submit(Self.body(localId: localId), signature: signature)
            #expect(answer.status == 401, "\(localId): \(answer.text)")
            #expect(try Self.problemType(answer) == "urn:handover:problem:\(expected)", "\(localId): \(answer.text)")
            #expect(try Messages.problemErrors(answer).first?.path == "Handover-Signature")
        }

        // The same signature and body under a new idempotency key would be a second message: refused.
        let good = try Self.sign(edKey, kid: "council-ed", localId: "GOOD-1")
        #expect(try await council.submit(Self.body(localId: "GOOD-1"), signature: good).status == 202)
        let replay = try await council.submit(Self.body(localId: "GOOD-1"), idempotencyKey: "another-key", signature: good)
        #expect(replay.status == 409, "\(replay.text)")
        #expect(try Self.problemType(replay) == "urn:handover:problem:signature-replayed")

        // Nothing refused was stored, and every refusal is a rejected leaf with its reason.
        let outbox = try Messages.ids(try await council.outbox())
        #expect(outbox.count == 1)
        let store = gateway.gateway.store
        let leaves = try await store.leaves(from: 0, limit: 100)
        let rejected = try leaves.filter { try LogEvent.parse(leafBytes: $0.bytes).kind == .rejected }
        #expect(rejected.count == cases.count + 1)
        for leaf in rejected {
            let event = try LogEvent.parse(leafBytes: leaf.bytes)
            #expect(event.actor == RunningGateway.council && event.payloadCommitment == nil)
            let reason = try #require(try await store.rejectionReason(leaf: leaf.index))
            #expect(reason.contains("signature"), "\(reason)")
        }
        try await gateway.stopAndRemove()
    }

    @Test func keysAddedOutsideTheConfigurationSurviveARestart() async throws {
        let key = PartnerSigningKey.generate(.edDSA)
        let first = try await RunningGateway.start()
        let mailbox = try MailboxID(validating: RunningGateway.prison)
        var prison = try #require(try await first.gateway.store.partner(mailbox))
        prison.signing = .required
        prison.signingKeys = [PartnerPublicKey(kid: "prison-1", algorithm: "EdDSA", publicKey: Array(try key.partnerKey(kid: "prison-1").publicKey))]
        try await first.gateway.store.savePartner(prison)
        try await first.stop()

        let second = try await RunningGateway.start(folder: first.folder, keys: first.keys)
        let restored = try #require(try await second.gateway.store.partner(mailbox))
        #expect(restored.signing == .required)
        #expect(restored.signingKeys.map(\.kid) == ["prison-1"])
        try await second.stopAndRemove()
    }
}
