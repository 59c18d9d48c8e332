/// A partner signature that ``DetachedJWS/verify(body:keys:recipient:kind:localID:)`` accepted:
/// a known key, an accepted algorithm, a valid signature over the header and the exact body
/// (RFC 7515 section 5.2), a matching body digest and routing claims equal to the submission's.
///
/// ``compact`` is the text exactly as the partner sent it, never re-encoded, so it can be kept
/// as non-repudiation evidence and checked again later by anyone holding the partner's key.
public struct VerifiedSignature: Sendable, Hashable {
    /// The compact JWS with detached content, `<protected>..<signature>`, as received.
    public let compact: String
    /// The partner key that verified it.
    public let key: PartnerKey
    /// The verified protected header: algorithm, key id and routing claims.
    public let header: JWSProtectedHeader

    init(compact: String, key: PartnerKey, header: JWSProtectedHeader) {
        self.compact = compact
        self.key = key
        self.header = header
    }

    /// The key id that signed.
    public var kid: String { key.kid }
    /// The algorithm used.
    public var algorithm: JWSAlgorithm { header.algorithm }
    /// The SHA-256 digest of the body that was signed.
    public var bodyDigest: [UInt8] { header.bodyDigest }
}
