/// A signed note: a UTF-8 text ending in a newline, a blank line, then one or more signature
/// lines (C2SP signed-note; https://c2sp.org/signed-note).
///
/// Invariants: the body is kept as the exact bytes that were signed or received, never
/// re-encoded, and signatures are checked over those bytes; the body ends with a newline and
/// holds no control character other than newline; there are between 1 and
/// ``maximumSignatures`` signature lines. The body must be ignored until ``verify(with:)``
/// returns it.
public struct SignedNote: Sendable, Hashable {
    /// The exact bytes of the note text, final newline included.
    private let bodyBytes: [UInt8]
    /// The signature lines, in order.
    public let signatures: [NoteSignature]

    /// The most signature lines accepted; C2SP signed-note requires at least 16.
    public static let maximumSignatures = 100

    private init(bodyBytes: [UInt8], signatures: [NoteSignature]) {
        self.bodyBytes = bodyBytes
        self.signatures = signatures
    }

    /// The note text, final newline included. Unverified: read it only through ``verify(with:)``.
    public var unverifiedBody: String {
        String(decoding: bodyBytes, as: UTF8.self)
    }

    /// The whole note: body, blank line, signature lines.
    public var text: String {
        unverifiedBody + "\n" + signatures.map(\.line).joined()
    }

    /// Signs `body` with `signer`: an Ed25519 signature over exactly the UTF-8 bytes of `body`.
    ///
    /// - Throws: ``LedgerError/malformedNote(reason:)`` if `body` does not end with a newline or
    ///   holds a control character other than newline; ``LedgerError/signingFailed(reason:)``.
    public static func sign(body: String, signer: NoteSigner) throws(LedgerError) -> SignedNote {
        try sign(body: body, signers: [signer])
    }

    /// Signs `body` with each of `signers`, in order.
    ///
    /// - Throws: as ``sign(body:signer:)``, and ``LedgerError/malformedNote(reason:)`` if
    ///   `signers` is empty or longer than ``maximumSignatures``.
    public static func sign(body: String, signers: [NoteSigner]) throws(LedgerError) -> SignedNote {
        let bytes = Array(body.utf8)
        try validate(body: bytes)
        guard !signers.isEmpty, signers.count <= maximumSignatures else {
            throw .malformedNote(reason: "a note needs between 1 and \(maximumSignatures) signatures")
        }
        var note = SignedNote(bodyBytes: bytes, signatures: [])
        for signer in signers {
            note = try note.addingSignature(by: signer)
        }
        return note
    }

    /// This note with a signature by `signer` over the same body bytes, as a witness adds a
    /// cosignature. An existing signature with the same key name and key id is replaced.
    ///
    /// - Throws: ``LedgerError/signingFailed(reason:)``, or ``LedgerError/malformedNote(reason:)``
    ///   if the note already holds ``maximumSignatures`` signatures.
    public func addingSignature(by signer: NoteSigner) throws(LedgerError) -> SignedNote {
        let kept = signatures.filter { $0.keyName != signer.keyName || $0.keyID != signer.keyID }
        guard kept.count < Self.maximumSignatures else {
            throw .malformedNote(reason: "a note holds at most \(Self.maximumSignatures) signatures")
        }
        let signature = NoteSignature(
            keyName: signer.keyName,
            keyID: signer.keyID,
            signature: try signer.signature(for: bodyBytes)
        )
        return SignedNote(bodyBytes: bodyBytes, signatures: kept + [signature])
    }

    /// Parses a signed note. The body is the text up to and including the newline before the
    /// last blank line; everything after it must be signature lines. Nothing is verified.
    ///
    /// - Throws: ``LedgerError/malformedNote(reason:)`` if the text does not end with a newline,
    ///   holds a control character other than newline, has no blank line before the signatures,
    ///   has a malformed signature line, or has no or too many signatures.
    public static func parse(_ text: String) throws(LedgerError) -> SignedNote {
        let bytes = Array(text.utf8)
        try validate(body: bytes)
        var split: Int?
        var index = bytes.count - 2
        while index >= 0 {
            if bytes[index] == 0x0A && bytes[index + 1] == 0x0A {
                split = index
                break
            }
            index -= 1
        }
        guard let split else {
            throw .malformedNote(reason: "a signed note needs a blank line between the text and the signatures")
        }
        let body = Array(bytes[...split])
        let lines = bytes[(split + 2)...].dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
        guard split + 2 < bytes.count, !lines.isEmpty else {
            throw .malformedNote(reason: "a signed note needs at least one signature line")
        }
        guard lines.count <= maximumSignatures else {
            throw .malformedNote(reason: "a note holds at most \(maximumSignatures) signatures; this has \(lines.count)")
        }
        var signatures: [NoteSignature] = []
        for line in lines {
            signatures.append(try NoteSignature.parse(line: line))
        }
        return SignedNote(bodyBytes: body, signatures: signatures)
    }

    /// Verifies the note and returns its body (C2SP signed-note, "Signatures"). Signatures whose
    /// key name and key id match no verifier are ignored; every signature that does match must
    /// verify over the exact body bytes, and at least one must.
    ///
    /// - Throws: ``LedgerError/noKnownSignature(reason:)`` if no signature is from a known key;
    ///   ``LedgerError/invalidSignature(reason:)`` if a signature from a known key does not verify;
    ///   ``LedgerError/ambiguousKey(reason:)`` if two different verifiers share the key name and
    ///   key id of a signature.
    public func verify(with verifiers: [NoteVerifier]) throws(LedgerError) -> String {
        var verified = 0
        for signature in signatures {
            let candidates = verifiers.filter { $0.keyName == signature.keyName && $0.keyID == signature.keyID }
            guard let verifier = candidates.first else {
                continue
            }
            guard candidates.allSatisfy({ $0.publicKeyBytes == verifier.publicKeyBytes }) else {
                throw .ambiguousKey(
                    reason: "more than one known key is \(signature.keyName)+\(NoteVerifier.hex(signature.keyID))"
                )
            }
            guard verifier.isValidSignature(signature.signature, for: bodyBytes) else {
                throw .invalidSignature(
                    reason: "signature by \(signature.keyName)+\(NoteVerifier.hex(signature.keyID)) does not verify"
                )
            }
            verified += 1
        }
        guard verified > 0 else {
            let names = signatures.map { "\($0.keyName)+\(NoteVerifier.hex($0.keyID))" }.joined(separator: ", ")
            throw .noKnownSignature(reason: "no signature is from a known key; signed by \(names)")
        }
        return unverifiedBody
    }

    /// Throws ``LedgerError/malformedNote(reason:)`` unless `bytes` ends with a newline and holds
    /// no control character other than newline (C2SP signed-note, "Format").
    private static func validate(body bytes: [UInt8]) throws(LedgerError) {
        guard bytes.last == 0x0A else {
            throw .malformedNote(reason: "a note text must end with a newline")
        }
        guard !bytes.contains(where: { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }) else {
            throw .malformedNote(reason: "a note must not contain control characters other than newline")
        }
    }
}
