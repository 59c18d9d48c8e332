/// The gateway's signed acknowledgement of an accepted submission, returned with `202 Accepted`:
/// a C2SP signed note (https://c2sp.org/signed-note) by the log's ``NoteSigner`` whose body is
/// exactly six lines, each ending in a newline:
///
/// ```
/// handover-receipt/v1
/// <origin>
/// <message id>
/// <leaf index>
/// <leaf hash, standard padded base64 of 32 bytes>
/// <accepted-at, RFC 3339>
/// ```
///
/// The origin is the log's name (as in its checkpoints, C2SP tlog-checkpoint); the leaf index
/// and leaf hash (RFC 9162 section 2.1.1) say where the submission's `submitted` event sits in
/// the log, so the partner can later ask for an inclusion proof and hold the log to it.
///
/// Invariants: every field satisfies the rules of ``open(_:verifiers:)``, and ``note`` is the
/// exact signed text, never re-encoded.
public struct SignedReceipt: Sendable, Hashable {
    /// The first body line, naming this layout and its version.
    public static let header = "handover-receipt/v1"

    /// The log's name; a single line without spaces, as a checkpoint origin.
    public let origin: String
    /// The accepted message's id.
    public let messageID: String
    /// The 0-based index of the message's `submitted` leaf in the log.
    public let leafIndex: UInt64
    /// The 32-byte leaf hash `SHA-256(0x00 || leaf)` of that leaf.
    public let leafHash: [UInt8]
    /// When the gateway accepted the message, RFC 3339 (section 5.6).
    public let acceptedAt: String
    /// The whole signed note: body, blank line, signature lines.
    public let note: String

    private init(origin: String, messageID: String, leafIndex: UInt64, leafHash: [UInt8], acceptedAt: String, note: String) {
        self.origin = origin
        self.messageID = messageID
        self.leafIndex = leafIndex
        self.leafHash = leafHash
        self.acceptedAt = acceptedAt
        self.note = note
    }

    /// ``leafHash`` as 64 lower-case hexadecimal digits.
    public var leafHashHex: String {
        MerkleHash.hex(leafHash)
    }

    /// The note body for these values; see the type's documentation.
    public static func body(origin: String, messageID: String, leafIndex: UInt64, leafHash: [UInt8], acceptedAt: String) -> String {
        [header, origin, messageID, String(leafIndex), Base64.encode(leafHash), acceptedAt].map { $0 + "\n" }.joined()
    }

    /// Writes and signs a receipt with the gateway's `signer`.
    ///
    /// - Throws: ``LedgerError/malformedReceipt(reason:)`` if a value breaks the rules of
    ///   ``open(_:verifiers:)``; the errors of ``SignedNote/sign(body:signer:)``.
    public static func make(
        origin: String,
        messageID: String,
        leafIndex: UInt64,
        leafHash: [UInt8],
        acceptedAt: String,
        signer: NoteSigner
    ) throws(LedgerError) -> SignedReceipt {
        // The values are checked directly rather than by parsing the body just written: the
        // leaf index and a 32-byte hash always write canonically, so the rules left are these.
        try checkLine("origin", origin)
        try checkLine("message id", messageID)
        guard leafHash.count == MerkleHash.byteCount else {
            throw .malformedReceipt(reason: "the leaf hash has \(leafHash.count) bytes, not \(MerkleHash.byteCount)")
        }
        guard RFC3339.isValid(acceptedAt) else {
            throw .malformedReceipt(reason: "accepted-at \(acceptedAt.debugDescription) is not an RFC 3339 date-time")
        }
        let text = body(origin: origin, messageID: messageID, leafIndex: leafIndex, leafHash: leafHash, acceptedAt: acceptedAt)
        let note = try SignedNote.sign(body: text, signer: signer).text
        return SignedReceipt(
            origin: origin, messageID: messageID, leafIndex: leafIndex, leafHash: leafHash, acceptedAt: acceptedAt, note: note
        )
    }

    /// Parses a receipt note, verifies it with `verifiers` (C2SP signed-note, "Signatures") and
    /// only then parses the verified body, strictly: exactly the six lines above; line 1 is
    /// ``header``; the origin and message id are non-empty and hold no space or control
    /// character; the leaf index is canonical decimal within 64 bits; the leaf hash is the
    /// canonical padded base64 of 32 bytes; accepted-at is an RFC 3339 date-time with upper-case
    /// `T` and `Z`.
    ///
    /// - Throws: the errors of ``SignedNote/parse(_:)`` and ``SignedNote/verify(with:)``, then
    ///   ``LedgerError/malformedReceipt(reason:)``.
    public static func open(_ note: String, verifiers: [NoteVerifier]) throws(LedgerError) -> SignedReceipt {
        let verifiedBody = try SignedNote.parse(note).verify(with: verifiers)
        return try parse(body: verifiedBody, note: note)
    }

    private static func parse(body: String, note: String) throws(LedgerError) -> SignedReceipt {
        guard body.hasSuffix("\n") else {
            throw .malformedReceipt(reason: "a receipt body ends with a newline")
        }
        let lines = body.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count == 6 else {
            throw .malformedReceipt(reason: "a receipt body has 6 lines; this has \(lines.count)")
        }
        guard lines[0] == header else {
            throw .malformedReceipt(reason: "the first line is \(lines[0].debugDescription), not \(header)")
        }
        try checkLine("origin", lines[1])
        try checkLine("message id", lines[2])
        guard let leafIndex = Decimal64.parse(lines[3]) else {
            throw .malformedReceipt(reason: "the leaf index \(lines[3].debugDescription) is not a canonical 64-bit decimal")
        }
        guard let leafHash = Base64.decode(lines[4]), leafHash.count == MerkleHash.byteCount else {
            throw .malformedReceipt(reason: "the leaf hash \(lines[4].debugDescription) is not base64 of 32 bytes")
        }
        guard RFC3339.isValid(lines[5]) else {
            throw .malformedReceipt(reason: "accepted-at \(lines[5].debugDescription) is not an RFC 3339 date-time")
        }
        return SignedReceipt(
            origin: lines[1], messageID: lines[2], leafIndex: leafIndex, leafHash: leafHash, acceptedAt: lines[5], note: note
        )
    }

    /// The origin and message id lines are non-empty and hold no space or control character.
    private static func checkLine(_ name: String, _ value: String) throws(LedgerError) {
        let isRefused = { (scalar: Unicode.Scalar) in
            scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F
        }
        guard !value.isEmpty, !value.unicodeScalars.contains(where: isRefused) else {
            throw .malformedReceipt(reason: "the \(name) \(value.debugDescription) is empty or holds a space or control character")
        }
    }
}
