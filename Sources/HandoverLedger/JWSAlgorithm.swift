/// A JWS signature algorithm Handover accepts from partners (RFC 7515 section 4.1.1): only the
/// two asymmetric algorithms below. `none`, the HMAC algorithms (`HS*`, RFC 7518 section 3.2)
/// and RSA (`RS*`, `PS*`) are refused by not being representable (RFC 8725 section 3.1).
public enum JWSAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// Ed25519 (RFC 8037 section 3.1, RFC 8032): 64-byte signatures, 32-byte public keys.
    case edDSA = "EdDSA"
    /// ECDSA on P-256 with SHA-256 (RFC 7518 section 3.4): signatures are the 64-byte `R || S`,
    /// not DER; public keys are the 65-byte uncompressed point `0x04 || X || Y` (SEC 1 / X9.63).
    case es256 = "ES256"

    /// The length in bytes of a signature (RFC 8032 section 5.1.6; RFC 7518 section 3.4).
    public var signatureByteCount: Int { 64 }

    /// The length in bytes of a raw public key: 32 for Ed25519, 65 for the P-256 X9.63 point.
    public var publicKeyByteCount: Int {
        switch self {
        case .edDSA: 32
        case .es256: 65
        }
    }
}
