import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An Ed25519 note signing key: a key name and a private key (C2SP signed-note,
/// "Ed25519 signatures", signature type `0x01`).
///
/// Invariants: ``keyName`` is a valid key name and ``keyID`` is computed from the name and the
/// public key exactly as for the matching ``NoteVerifier``, so every signature it makes is
/// attributed to ``verifier``.
public struct NoteSigner: Sendable {
    /// The key name written in signature lines.
    public let keyName: String
    /// The Ed25519 private key (RFC 8032).
    public let privateKey: Curve25519.Signing.PrivateKey
    /// The key id shared with ``verifier``.
    public var keyID: UInt32 { verifier.keyID }
    /// The verifier for this key, to publish to anyone who checks its notes.
    public let verifier: NoteVerifier

    /// Creates a signer for `privateKey` under `keyName`.
    ///
    /// - Throws: ``LedgerError/malformedKey(reason:)`` if `keyName` is not a valid key name.
    public init(keyName: String, privateKey: Curve25519.Signing.PrivateKey) throws(LedgerError) {
        try NoteVerifier.validate(keyName: keyName)
        self.keyName = keyName
        self.privateKey = privateKey
        self.verifier = NoteVerifier(validName: keyName, publicKey: privateKey.publicKey)
    }

    /// Parses the signer key text form
    /// `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || 32-byte Ed25519 seed)>` used by
    /// C2SP signed-note tooling (golang.org/x/mod/sumdb/note).
    ///
    /// - Throws: ``LedgerError/malformedKey(reason:)`` if a part is missing or malformed, the
    ///   type byte is not `0x01`, or the stated key id is not the one computed from the key.
    public init(signerKey: String) throws(LedgerError) {
        let prefix = "PRIVATE+KEY+"
        guard signerKey.hasPrefix(prefix) else {
            throw .malformedKey(reason: "a signer key starts with \(prefix)")
        }
        let parts = signerKey.dropFirst(prefix.count).split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .malformedKey(reason: "a signer key is PRIVATE+KEY+<name>+<hex key id>+<base64 key>")
        }
        let statedID = try NoteVerifier.parseKeyID(parts[1])
        guard let encoded = Base64.decode(parts[2]), encoded.count == 33, encoded[0] == NoteVerifier.ed25519Type else {
            throw .malformedKey(reason: "signer key is not base64 of 0x01 and a 32-byte Ed25519 seed")
        }
        let privateKey: Curve25519.Signing.PrivateKey
        do {
            privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: encoded[1...])
        } catch {
            throw .malformedKey(reason: "signer key is not an Ed25519 private key")
        }
        try self.init(keyName: String(parts[0]), privateKey: privateKey)
        guard keyID == statedID else {
            throw .malformedKey(
                reason: "signer key states key id \(NoteVerifier.hex(statedID)); the key's id is \(NoteVerifier.hex(keyID))"
            )
        }
    }

    /// Creates a signer with a fresh random Ed25519 key.
    ///
    /// - Throws: ``LedgerError/malformedKey(reason:)`` if `keyName` is not a valid key name.
    public static func generate(keyName: String) throws(LedgerError) -> NoteSigner {
        try NoteSigner(keyName: keyName, privateKey: Curve25519.Signing.PrivateKey())
    }

    /// The signer key text form `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || seed)>`.
    /// It is secret: store it as a secret, never log it.
    public var signerKey: String {
        let encoded = Base64.encode([NoteVerifier.ed25519Type] + Array(privateKey.rawRepresentation))
        return "PRIVATE+KEY+\(keyName)+\(NoteVerifier.hex(keyID))+\(encoded)"
    }

    /// The Ed25519 signature (RFC 8032) over exactly `message`.
    ///
    /// - Throws: ``LedgerError/signingFailed(reason:)`` if the signing primitive fails.
    public func signature(for message: [UInt8]) throws(LedgerError) -> [UInt8] {
        do {
            return Array(try privateKey.signature(for: message))
        } catch {
            throw .signingFailed(reason: "Ed25519 signing with key \(keyName) failed: \(error)")
        }
    }
}
