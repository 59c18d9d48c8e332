/// One signature line of a signed note: `— <key name> <base64(key id || signature)>`
/// (C2SP signed-note, "Signatures"), the em dash being U+2014.
///
/// Invariants: ``keyName`` is a valid key name and ``signature`` is at least one byte, so the
/// line is always well-formed; whether the signature is valid is only known against a
/// ``NoteVerifier`` for the same key name and key id.
public struct NoteSignature: Sendable, Hashable {
    /// The key name as written in the line.
    public let keyName: String
    /// The key id, the first four bytes of the decoded signature, big-endian.
    public let keyID: UInt32
    /// The algorithm's signature bytes after the key id (64 for Ed25519).
    public let signature: [UInt8]

    /// The UTF-8 bytes of `"— "`: em dash U+2014, then a space.
    static let prefix: [UInt8] = [0xE2, 0x80, 0x94, 0x20]

    init(keyName: String, keyID: UInt32, signature: [UInt8]) {
        self.keyName = keyName
        self.keyID = keyID
        self.signature = signature
    }

    /// The line, including its final newline: em dash, space, key name, space, base64 of the
    /// big-endian key id followed by the signature.
    public var line: String {
        let keyIDBytes = (0..<4).map { UInt8(truncatingIfNeeded: keyID >> (24 - 8 * $0)) }
        return "\u{2014} \(keyName) \(Base64.encode(keyIDBytes + signature))\n"
    }

    /// Parses one signature line without its newline.
    ///
    /// - Throws: ``LedgerError/malformedNote(reason:)`` unless the line is em dash, space,
    ///   a valid key name, one space and canonical base64 of more than four bytes.
    static func parse(line: ArraySlice<UInt8>) throws(LedgerError) -> NoteSignature {
        guard line.starts(with: prefix) else {
            throw .malformedNote(reason: "a signature line starts with an em dash and a space")
        }
        let rest = line.dropFirst(prefix.count)
        let fields = rest.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard fields.count == 2 else {
            throw .malformedNote(reason: "a signature line is em dash, space, key name, space, base64 signature")
        }
        let keyName = String(decoding: fields[0], as: UTF8.self)
        do {
            try NoteVerifier.validate(keyName: keyName)
        } catch {
            throw .malformedNote(reason: "signature line has an invalid key name: \(error.reason)")
        }
        guard let decoded = Base64.decode(String(decoding: fields[1], as: UTF8.self)), decoded.count > 4 else {
            throw .malformedNote(reason: "signature by \(keyName) is not base64 of a key id and a signature")
        }
        let keyID = decoded.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return NoteSignature(keyName: keyName, keyID: keyID, signature: Array(decoded.dropFirst(4)))
    }
}
