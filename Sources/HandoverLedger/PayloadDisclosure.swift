/// The optional payload part of a ``ProofBundle``: what an auditor who holds the payload needs
/// to check the log's payload commitment `SHA-256(salt || payload)` (see ``PayloadCommitment``).
///
/// Disclosing the salt removes the commitment's hiding for this one message: give a bundle
/// with a disclosure only to parties entitled to the payload.
public struct PayloadDisclosure: Sendable, Hashable, Codable {
    /// The 32-byte salt, 64 lower-case hex digits.
    public let salt: String
    /// SHA-256 of the payload bytes, 64 lower-case hex digits; the same digest a partner's
    /// signature carries, base64url-encoded, as `hov.sha`.
    public let sha256: String

    /// Wraps values as they appear in the JSON; ``ProofBundle/verify()`` checks them.
    public init(salt: String, sha256: String) {
        self.salt = salt
        self.sha256 = sha256
    }

    /// Encodes a salt and a payload digest for the JSON.
    public init(salt: [UInt8], payloadSHA256: [UInt8]) {
        self.init(salt: Hex.encode(salt), sha256: Hex.encode(payloadSHA256))
    }
}
