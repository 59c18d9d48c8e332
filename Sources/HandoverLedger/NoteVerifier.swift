import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A trusted Ed25519 note verification key: a key name and a public key (C2SP signed-note,
/// "Ed25519 signatures", signature type `0x01`).
///
/// Invariants: ``keyName`` is a valid key name (non-empty, no Unicode spaces, no `+`, no control
/// characters) and ``keyID`` is always `SHA-256(key name || 0x0A || 0x01 || public key)[:4]`
/// read big-endian, computed here and never taken on trust.
public struct NoteVerifier: Sendable {
    /// The key name that signature lines carry, such as `handover.example/log`.
    public let keyName: String
    /// The 32-byte Ed25519 public key (RFC 8032).
    public let publicKey: Curve25519.Signing.PublicKey
    /// The key id: the first four bytes, big-endian, of
    /// `SHA-256(key name || 0x0A || 0x01 || public key)` (C2SP signed-note, "Signatures").
    public let keyID: UInt32

    /// The signature type byte assigned to Ed25519 by C2SP signed-note.
    static let ed25519Type: UInt8 = 0x01

    /// Creates a verifier for `publicKey` under `keyName`.
    ///
    /// - Throws: ``LedgerError/malformedKey(reason:)`` if `keyName` is not a valid key name.
    public init(keyName: String, publicKey: Curve25519.Signing.PublicKey) throws(LedgerError) {
        try Self.validate(keyName: keyName)
        self.init(validName: keyName, publicKey: publicKey)
    }

    /// Parses the verifier key text form `<name>+<hex key id>+<base64(0x01 || public key)>`
    /// used by C2SP signed-note tooling (golang.org/x/mod/sumdb/note).
    ///
    /// - Throws: ``LedgerError/malformedKey(reason:)`` if a part is missing or malformed, the
    ///   type byte is not `0x01`, the key is not 32 bytes, or the stated key id is not the one
    ///   computed from the name and key.
    public init(verifierKey: String) throws(LedgerError) {
        let parts = verifierKey.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .malformedKey(reason: "a verifier key is <name>+<hex key id>+<base64 key>")
        }
        let name = String(parts[0])
        try Self.validate(keyName: name)
        let statedID = try Self.parseKeyID(parts[1])
        guard let encoded = Base64.decode(parts[2]), encoded.count == 33, encoded[0] == Self.ed25519Type else {
            throw .malformedKey(reason: "verifier key for \(name) is not base64 of 0x01 and a 32-byte Ed25519 key")
        }
        let publicKey: Curve25519.Signing.PublicKey
        do {
            publicKey = try Curve25519.Signing.PublicKey(rawRepresentation: encoded[1...])
        } catch {
            throw .malformedKey(reason: "verifier key for \(name) is not an Ed25519 public key")
        }
        self.init(validName: name, publicKey: publicKey)
        guard keyID == statedID else {
            throw .malformedKey(
                reason: "verifier key for \(name) states key id \(Self.hex(statedID)); the key's id is \(Self.hex(keyID))"
            )
        }
    }

    init(validName: String, publicKey: Curve25519.Signing.PublicKey) {
        self.keyName = validName
        self.publicKey = publicKey
        self.keyID = Self.keyID(keyName: validName, publicKey: publicKey)
    }

    /// The verifier key text form `<name>+<8 lower-case hex digits of key id>+<base64(0x01 || key)>`.
    public var verifierKey: String {
        "\(keyName)+\(Self.hex(keyID))+\(Base64.encode([Self.ed25519Type] + publicKeyBytes))"
    }

    /// The key id `SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4]`, big-endian
    /// (C2SP signed-note, "Ed25519 signatures").
    public static func keyID(keyName: String, publicKey: Curve25519.Signing.PublicKey) -> UInt32 {
        var hasher = SHA256()
        hasher.update(data: Array(keyName.utf8))
        hasher.update(data: [0x0A, ed25519Type] as [UInt8])
        hasher.update(data: publicKey.rawRepresentation)
        let digest = MerkleHash.digestBytes(hasher.finalize())
        return digest.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The 32 raw bytes of ``publicKey``.
    var publicKeyBytes: [UInt8] {
        Array(publicKey.rawRepresentation)
    }

    /// Whether `signature` is a valid Ed25519 signature by this key over exactly `message`.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        signature.count == 64 && publicKey.isValidSignature(signature, for: message)
    }

    /// Throws ``LedgerError/malformedKey(reason:)`` unless `keyName` is non-empty and contains
    /// no Unicode space, no `+` and no control character (C2SP signed-note, "Format").
    static func validate(keyName: String) throws(LedgerError) {
        guard !keyName.isEmpty else {
            throw .malformedKey(reason: "a key name must not be empty")
        }
        for scalar in keyName.unicodeScalars
        where scalar == "+" || scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F {
            throw .malformedKey(reason: "key name \(keyName.debugDescription) contains a space, plus or control character")
        }
    }

    /// Parses exactly eight hexadecimal digits.
    static func parseKeyID(_ text: Substring) throws(LedgerError) -> UInt32 {
        guard text.utf8.count == 8, text.allSatisfy(\.isHexDigit), text.utf8.allSatisfy({ $0 < 0x80 }),
            let value = UInt32(text, radix: 16)
        else {
            throw .malformedKey(reason: "key id \(text.debugDescription) is not eight hexadecimal digits")
        }
        return value
    }

    /// Eight lower-case hexadecimal digits.
    static func hex(_ keyID: UInt32) -> String {
        let digits = String(keyID, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
