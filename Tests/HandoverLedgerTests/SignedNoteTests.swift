import Crypto
import Foundation
import HandoverLedger
import Testing

/// C2SP signed notes (https://c2sp.org/signed-note) with Ed25519.
///
/// The PeterNeumann and EnochRoot keys, the note text and both signature lines are the
/// published vectors of the reference implementation, golang.org/x/mod `sumdb/note/note_test.go`
/// (github.com/golang/mod, commit 02c991387e35f9e4c0a9b7ce137717055f8d716d).
struct SignedNoteTests {
    static let peterVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let peterSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let enochVerifierKey = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
    static let text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let peterSig = "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
    static let enochSig = "\u{2014} EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n"

    static func peter() throws -> NoteVerifier { try NoteVerifier(verifierKey: peterVerifierKey) }
    static func enoch() throws -> NoteVerifier { try NoteVerifier(verifierKey: enochVerifierKey) }

    @Test func keyIDIsTheTruncatedHashOfNameNewlineTypeAndKey() throws {
        let verifier = try Self.peter()
        #expect(verifier.keyName == "PeterNeumann")
        #expect(verifier.keyID == 0xc74f_20a3)
        #expect(verifier.verifierKey == Self.peterVerifierKey)

        // Recomputed here from the C2SP formula, straight from the published key bytes.
        let encoded = try #require(Data(base64Encoded: "ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        #expect(encoded.first == 0x01)
        let digest = SHA256.hash(data: Array("PeterNeumann".utf8) + [0x0A, 0x01] + Array(encoded.dropFirst()))
        #expect(Array(digest.prefix(4)) == [0xc7, 0x4f, 0x20, 0xa3])
        #expect(NoteVerifier.keyID(keyName: "PeterNeumann", publicKey: verifier.publicKey) == 0xc74f_20a3)

        #expect(try Self.enoch().keyID == 0xaf0c_fe78)
    }

    @Test func signerKeyMatchesItsVerifierKey() throws {
        let signer = try NoteSigner(signerKey: Self.peterSignerKey)
        #expect(signer.keyName == "PeterNeumann")
        #expect(signer.keyID == 0xc74f_20a3)
        #expect(signer.verifier.verifierKey == Self.peterVerifierKey)
        #expect(signer.signerKey == Self.peterSignerKey)
    }

    @Test func signingReproducesTheReferenceNote() throws {
        let signer = try NoteSigner(signerKey: Self.peterSignerKey)
        let note = try SignedNote.sign(body: Self.text, signer: signer)
        #if !canImport(Darwin)
        // Ed25519 per RFC 8032 is deterministic (BoringSSL on Linux), so the note is byte-exact.
        #expect(note.text == Self.text + "\n" + Self.peterSig)
        #endif
        #expect(try note.verify(with: [try Self.peter()]) == Self.text)
        #expect(try SignedNote.parse(note.text).verify(with: [try Self.peter()]) == Self.text)
    }

    @Test func verifiesTheReferenceNoteAndIgnoresUnknownKeys() throws {
        let both = Self.text + "\n" + Self.peterSig + Self.enochSig
        let note = try SignedNote.parse(both)
        #expect(note.text == both)
        #expect(note.signatures.map(\.keyName) == ["PeterNeumann", "EnochRoot"])
        #expect(try note.verify(with: [try Self.peter()]) == Self.text)
        #expect(try note.verify(with: [try Self.enoch()]) == Self.text)
        #expect(try note.verify(with: [try Self.peter(), try Self.enoch()]) == Self.text)
        #expect(throws: LedgerError.noKnownSignature(reason: "")) {
            try note.verify(with: [])
        }
    }

    @Test func noteSignedWithOneKeyIsRejectedByAnother() throws {
        let signer = try NoteSigner.generate(keyName: "handover.example/ledger")
        let impostor = try NoteSigner.generate(keyName: "handover.example/ledger")
        let note = try SignedNote.sign(body: "hello\n", signer: signer)
        #expect(throws: LedgerError.noKnownSignature(reason: "")) {
            try note.verify(with: [impostor.verifier])
        }
        // Even a verifier claiming the signer's name and key id cannot exist for another key:
        // the key id is always recomputed, so a forged verifier key string is refused.
        let forged = "handover.example/ledger+\(String(format: "%08x", signer.keyID))+"
            + Data([0x01] + Array(impostor.privateKey.publicKey.rawRepresentation)).base64EncodedString()
        #expect(throws: LedgerError.malformedKey(reason: "")) {
            try NoteVerifier(verifierKey: forged)
        }
        #expect(try note.verify(with: [impostor.verifier, signer.verifier]) == "hello\n")
    }

    @Test func editedBodyOrSignatureIsRejected() throws {
        let note = Self.text + "\n" + Self.peterSig
        let edited = note.replacingOccurrences(of: "cryptography", with: "cryptographY")
        #expect(throws: LedgerError.invalidSignature(reason: "")) {
            try SignedNote.parse(edited).verify(with: [try Self.peter()])
        }
        // From the reference tests: four extra base64 characters inside the signature.
        var bytes = Array(Self.peterSig.utf8)
        bytes.insert(contentsOf: Array("ABCD".utf8), at: 60)
        let longer = Self.text + "\n" + String(decoding: bytes, as: UTF8.self)
        #expect(throws: LedgerError.invalidSignature(reason: "")) {
            try SignedNote.parse(longer).verify(with: [try Self.peter()])
        }
        // A known key whose signature fails rejects the note even if another signature verifies.
        let mixed = Self.text + "\n" + Self.enochSig + String(decoding: bytes, as: UTF8.self)
        #expect(throws: LedgerError.invalidSignature(reason: "")) {
            try SignedNote.parse(mixed).verify(with: [try Self.enoch(), try Self.peter()])
        }
    }

    @Test(arguments: [
        text,  // no blank line, no signatures
        text + "\n",  // blank line, no signatures
        text + "\n" + String(peterSig.dropLast()),  // no final newline
        "\u{1}" + text + "\n" + peterSig,  // control character
        text + "\n" + "\u{2014} Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
        text + "\n" + peterSig + "Unexpected line.\n",
        text + "\n" + "- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
        text + "\n" + "\u{2014} PeterNeumann x08go/ZJkuBS9UG/Sffcv\n",  // not padded base64
        text + "\n" + "\u{2014} PeterNeumann AAAA\n",  // only three bytes, no key id and signature
        text + "\n" + "\u{2014} Peter+Neumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
        text + "\n" + String(repeating: peterSig, count: 101),
    ])
    func rejectsMalformedNotes(note: String) {
        #expect(throws: LedgerError.malformedNote(reason: "")) {
            try SignedNote.parse(note)
        }
    }

    @Test func rejectsMalformedBodiesToSign() throws {
        let signer = try NoteSigner.generate(keyName: "handover.example/ledger")
        #expect(throws: LedgerError.malformedNote(reason: "")) {
            try SignedNote.sign(body: "no final newline", signer: signer)
        }
        #expect(throws: LedgerError.malformedNote(reason: "")) {
            try SignedNote.sign(body: "tab\there\n", signer: signer)
        }
        #expect(throws: LedgerError.malformedNote(reason: "")) {
            try SignedNote.sign(body: "", signer: signer)
        }
        // A body may contain blank lines: the last blank line separates the signatures.
        let body = "line one\n\nline three\n\n"
        let note = try SignedNote.sign(body: body, signer: signer)
        #expect(try SignedNote.parse(note.text).verify(with: [signer.verifier]) == body)
    }

    @Test func cosignaturesAccumulate() throws {
        let log = try NoteSigner.generate(keyName: "handover.example/ledger")
        let witness = try NoteSigner.generate(keyName: "witness.example/w1")
        let signed = try SignedNote.sign(body: "body\n", signer: log)
        let cosigned = try SignedNote.parse(signed.text).addingSignature(by: witness)
        #expect(cosigned.signatures.map(\.keyName) == ["handover.example/ledger", "witness.example/w1"])
        #expect(try SignedNote.parse(cosigned.text).verify(with: [log.verifier, witness.verifier]) == "body\n")
        #expect(try cosigned.addingSignature(by: witness).signatures.count == 2)
    }

    /// Port of TestNewVerifier in the reference tests: every proper substring of the verifier
    /// key, and every single-byte increment of it, must be refused.
    @Test func mangledVerifierKeysAreRefused() throws {
        let original = Array(Self.peterVerifierKey.utf8)
        var accepted: [String] = []
        for start in 0...original.count {
            for end in (start + 1)..<(original.count + 1) where start != 0 || end != original.count {
                let candidate = String(decoding: original[start..<end], as: UTF8.self)
                if (try? NoteVerifier(verifierKey: candidate)) != nil {
                    accepted.append(candidate)
                }
            }
        }
        for index in original.indices {
            var mangled = original
            mangled[index] &+= 1
            let candidate = String(decoding: mangled, as: UTF8.self)
            if (try? NoteVerifier(verifierKey: candidate)) != nil {
                accepted.append(candidate)
            }
        }
        #expect(accepted.isEmpty)
        // Wrong key length and unknown algorithm, each with a matching key id (reference tests).
        #expect(throws: LedgerError.malformedKey(reason: "")) {
            try NoteVerifier(verifierKey: "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")
        }
        #expect(throws: LedgerError.malformedKey(reason: "")) {
            try NoteVerifier(verifierKey: "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        }
        #expect(throws: LedgerError.malformedKey(reason: "")) {
            try NoteSigner(signerKey: Self.peterSignerKey.replacingOccurrences(of: "c74f20a3", with: "c74f20a4"))
        }
        #expect(throws: LedgerError.malformedKey(reason: "")) {
            try NoteSigner.generate(keyName: "has space")
        }
        #expect(throws: LedgerError.malformedKey(reason: "")) {
            try NoteSigner.generate(keyName: "")
        }
    }
}
