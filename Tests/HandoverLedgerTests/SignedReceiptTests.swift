import Crypto
import Foundation
import HandoverLedger
import Testing

/// Receipts: `handover-receipt/v1` bodies in C2SP signed notes.
struct SignedReceiptTests {
    static let origin = "handover.example/ledger"
    static let messageID = "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10"
    static let leafHash = Array(SHA256.hash(data: [0x00] + Array("leaf".utf8)))
    static let acceptedAt = "2026-11-23T19:38:09.123Z"

    static func make(signer: NoteSigner) throws -> SignedReceipt {
        try SignedReceipt.make(
            origin: origin, messageID: messageID, leafIndex: 41, leafHash: leafHash, acceptedAt: acceptedAt, signer: signer
        )
    }

    @Test func makeThenOpenRoundTrips() throws {
        let signer = try NoteSigner.generate(keyName: Self.origin)
        let receipt = try Self.make(signer: signer)
        let expectedBody = "handover-receipt/v1\nhandover.example/ledger\n6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10\n41\n"
            + Data(Self.leafHash).base64EncodedString() + "\n2026-11-23T19:38:09.123Z\n"
        #expect(receipt.note.hasPrefix(expectedBody + "\n\u{2014} handover.example/ledger "))
        #expect(try SignedNote.parse(receipt.note).verify(with: [signer.verifier]) == expectedBody)
        #expect(receipt.leafHashHex == hex(Self.leafHash))

        let opened = try SignedReceipt.open(receipt.note, verifiers: [signer.verifier])
        #expect(opened == receipt)
        #expect(opened.origin == Self.origin)
        #expect(opened.messageID == Self.messageID)
        #expect(opened.leafIndex == 41)
        #expect(opened.leafHash == Self.leafHash)
        #expect(opened.acceptedAt == Self.acceptedAt)
    }

    @Test func anotherKeyOrAnEditedReceiptIsRefused() throws {
        let signer = try NoteSigner.generate(keyName: Self.origin)
        let impostor = try NoteSigner.generate(keyName: Self.origin)
        let receipt = try Self.make(signer: signer)
        #expect(throws: LedgerError.noKnownSignature(reason: "")) {
            try SignedReceipt.open(receipt.note, verifiers: [impostor.verifier])
        }
        let edited = receipt.note.replacingOccurrences(of: "\n41\n", with: "\n42\n")
        #expect(edited != receipt.note)
        #expect(throws: LedgerError.invalidSignature(reason: "")) {
            try SignedReceipt.open(edited, verifiers: [signer.verifier])
        }
    }

    static let hash64 = Data(leafHash).base64EncodedString()

    @Test(arguments: [
        "handover-receipt/v2\nlog\nm1\n1\n\(hash64)\n2026-11-23T19:38:09Z\n",  // another version
        "log\nm1\n1\n\(hash64)\n2026-11-23T19:38:09Z\n",  // five lines
        "handover-receipt/v1\nlog\nm1\n1\n\(hash64)\n2026-11-23T19:38:09Z\nextra\n",  // seven lines
        "handover-receipt/v1\n\nm1\n1\n\(hash64)\n2026-11-23T19:38:09Z\n",  // empty origin
        "handover-receipt/v1\nlog\nm 1\n1\n\(hash64)\n2026-11-23T19:38:09Z\n",  // space in message id
        "handover-receipt/v1\nlog\nm1\n01\n\(hash64)\n2026-11-23T19:38:09Z\n",  // leading zero
        "handover-receipt/v1\nlog\nm1\n-1\n\(hash64)\n2026-11-23T19:38:09Z\n",
        "handover-receipt/v1\nlog\nm1\n18446744073709551616\n\(hash64)\n2026-11-23T19:38:09Z\n",  // 2^64
        "handover-receipt/v1\nlog\nm1\n1\n\(hex(leafHash))\n2026-11-23T19:38:09Z\n",  // hex, not base64
        "handover-receipt/v1\nlog\nm1\n1\n\(Data(leafHash.dropLast()).base64EncodedString())\n2026-11-23T19:38:09Z\n",
        "handover-receipt/v1\nlog\nm1\n1\n\(hash64)\n2026-02-30T19:38:09Z\n",  // no such day
        "handover-receipt/v1\nlog\nm1\n1\n\(hash64)\n2026-11-23t19:38:09z\n",  // lower-case T and Z
        "handover-receipt/v1\nlog\nm1\n1\n\(hash64)\n2026-11-23 19:38:09Z\n",
        "handover-receipt/v1\nlog\nm1\n1\n\(hash64)\n2026-11-23T19:38:09\n",  // no zone
        "handover-receipt/v1\nlog\nm1\n1\n\(hash64)\n2026-11-23T24:00:00Z\n",
        "handover-receipt/v1\nlog\nm1\n1\n\(hash64)\n2026-11-23T19:38:09.Z\n",  // empty fraction
    ])
    func malformedBodiesAreRefusedAfterTheSignatureVerifies(body: String) throws {
        let signer = try NoteSigner.generate(keyName: "log")
        let note = try SignedNote.sign(body: body, signer: signer).text
        #expect(throws: LedgerError.malformedReceipt(reason: "")) {
            try SignedReceipt.open(note, verifiers: [signer.verifier])
        }
    }

    @Test(arguments: [
        "2026-11-23T19:38:09Z", "2026-11-23T19:38:09.1Z", "2026-11-23T19:38:09.123456789+01:00",
        "2024-02-29T23:59:60-05:30", "0001-01-01T00:00:00Z",
    ])
    func acceptedAtMayBeAnyRFC3339DateTime(acceptedAt: String) throws {
        let signer = try NoteSigner.generate(keyName: "log")
        let receipt = try SignedReceipt.make(
            origin: "log", messageID: "m1", leafIndex: 0, leafHash: Self.leafHash, acceptedAt: acceptedAt, signer: signer
        )
        #expect(try SignedReceipt.open(receipt.note, verifiers: [signer.verifier]).acceptedAt == acceptedAt)
    }

    @Test func makeRefusesValuesThatWouldNotReadBack() throws {
        let signer = try NoteSigner.generate(keyName: "log")
        let bad: [(String, String, [UInt8], String)] = [
            ("log\nextra", "m1", Self.leafHash, Self.acceptedAt),
            ("log", "m1\n", Self.leafHash, Self.acceptedAt),
            ("log", "", Self.leafHash, Self.acceptedAt),
            ("log", "m1", Array(Self.leafHash.prefix(31)), Self.acceptedAt),
            ("log", "m1", Self.leafHash, "yesterday"),
        ]
        for (origin, messageID, leafHash, acceptedAt) in bad {
            #expect(throws: LedgerError.malformedReceipt(reason: "")) {
                try SignedReceipt.make(
                    origin: origin, messageID: messageID, leafIndex: 1, leafHash: leafHash, acceptedAt: acceptedAt, signer: signer
                )
            }
        }
    }
}
