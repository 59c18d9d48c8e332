import Crypto
import Foundation
import HandoverLedger
import Testing

/// C2SP tlog-checkpoint bodies (https://c2sp.org/tlog-checkpoint) and their signed notes.
struct CheckpointTests {
    /// The example checkpoint in C2SP tlog-checkpoint.md (github.com/C2SP/C2SP).
    static let specBody = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    static let specNote = specBody + "\n"
        + "\u{2014} example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"

    @Test func parsesTheSpecificationExample() throws {
        let checkpoint = try Checkpoint.parse(Self.specBody)
        #expect(checkpoint.origin == "example.com/behind-the-sofa")
        #expect(checkpoint.treeSize == 20_852_163)
        // Decoded independently with Python's base64.b64decode.
        #expect(hex(checkpoint.rootHash) == "0ac5186a91863e8e1d90c808014aa89bf5da8e3ee1d9f07630f0378f68f1ab62")
        #expect(checkpoint.extensionLines.isEmpty)
        #expect(checkpoint.body == Self.specBody)

        // The example's signature line parses: key id 0x033de0ae (the first four bytes of its
        // base64, decoded independently with Python) and a 64-byte signature. Its public key is
        // not published, so a verifier for another key must find no known signature.
        let note = try SignedNote.parse(Self.specNote)
        #expect(note.unverifiedBody == Self.specBody)
        #expect(note.text == Self.specNote)
        #expect(note.signatures.count == 1)
        #expect(note.signatures[0].keyName == "example.com/behind-the-sofa")
        #expect(note.signatures[0].keyID == 0x033d_e0ae)
        #expect(note.signatures[0].signature.count == 64)
        let stranger = try NoteSigner.generate(keyName: "example.com/behind-the-sofa").verifier
        #expect(throws: LedgerError.noKnownSignature(reason: "")) {
            try Checkpoint.open(Self.specNote, verifiers: [stranger])
        }
    }

    @Test func roundTripsThroughTheBody() throws {
        var tree = numberedTree(1000)
        let checkpoint = Checkpoint(origin: "handover.example/ledger", treeSize: tree.treeSize, rootHash: tree.rootHash)
        #expect(checkpoint.body.hasSuffix("\n"))
        #expect(checkpoint.body.split(separator: "\n", omittingEmptySubsequences: false).count == 4)
        #expect(try Checkpoint.parse(checkpoint.body) == checkpoint)

        let withExtensions = Checkpoint(origin: "o", treeSize: 1, rootHash: tree.rootHash, extensionLines: ["ext one", "ext-two"])
        #expect(try Checkpoint.parse(withExtensions.body) == withExtensions)

        tree = MerkleTree()
        let empty = Checkpoint(origin: "handover.example/ledger", treeSize: 0, rootHash: tree.rootHash)
        #expect(empty.body == "handover.example/ledger\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")
        #expect(try Checkpoint.parse(empty.body) == empty)
        let maximum = Checkpoint(origin: "o", treeSize: UInt64.max, rootHash: tree.rootHash)
        #expect(try Checkpoint.parse(maximum.body).treeSize == UInt64.max)
    }

    @Test(arguments: [
        "example.com/log\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",  // no final newline
        "example.com/log\n5\n",  // two lines
        "\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",  // empty origin
        "example.com/log\n05\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",  // leading zero
        "example.com/log\n+5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",  // sign
        "example.com/log\n-0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "example.com/log\n18446744073709551616\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",  // 2^64
        "example.com/log\n٥\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",  // non-ASCII digit
        "example.com/log\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\n",  // unpadded
        "example.com/log\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\n",  // non-canonical bits
        "example.com/log\n5\n47DEQpj8HBSa-_TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",  // URL alphabet
        "example.com/log\n5\nAAAA\n",  // 3 bytes, not 32
        "example.com/log\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n",  // empty extension line
        "example.com/log\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\nbad\u{7}bell\n",  // control character
        "example.com/log\r\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",  // CR
    ])
    func rejectsMalformedBodies(body: String) {
        #expect(throws: LedgerError.malformedCheckpoint(reason: "")) {
            try Checkpoint.parse(body)
        }
    }

    @Test func signedCheckpointOpensOnlyWithTheLogKey() throws {
        let tree = numberedTree(37)
        let logKey = try NoteSigner.generate(keyName: "handover.example/ledger")
        let checkpoint = Checkpoint(origin: "handover.example/ledger", treeSize: tree.treeSize, rootHash: tree.rootHash)
        let note = try checkpoint.signed(by: logKey)
        #expect(note.text.hasPrefix(checkpoint.body + "\n\u{2014} handover.example/ledger "))

        let opened = try Checkpoint.open(note.text, verifiers: [logKey.verifier])
        #expect(opened == checkpoint)

        let otherKey = try NoteSigner.generate(keyName: "handover.example/ledger")
        #expect(throws: LedgerError.noKnownSignature(reason: "")) {
            try Checkpoint.open(note.text, verifiers: [otherKey.verifier])
        }
        let edited = note.text.replacingFirst("\n37\n", with: "\n38\n")
        #expect(edited != note.text)
        #expect(throws: LedgerError.invalidSignature(reason: "")) {
            try Checkpoint.open(edited, verifiers: [logKey.verifier])
        }
        let badOrigin = Checkpoint(origin: "two\nlines", treeSize: 1, rootHash: tree.rootHash)
        #expect(throws: LedgerError.malformedCheckpoint(reason: "")) {
            try badOrigin.signed(by: logKey)
        }
    }
}

extension String {
    /// This string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
