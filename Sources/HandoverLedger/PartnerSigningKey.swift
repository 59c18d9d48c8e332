import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A partner's private signing key, for ``DetachedJWS/sign(body:key:kid:recipient:kind:localID:)``:
/// an Ed25519 key (`EdDSA`, RFC 8037 section 3.1) or a P-256 key (`ES256`, RFC 7518 section 3.4).
/// The gateway only ever holds the public half, as a ``PartnerKey``; this type serves partner
/// tooling, tests and benchmarks.
public enum PartnerSigningKey: Sendable {
    /// An Ed25519 private key (RFC 8032).
    case ed25519(Curve25519.Signing.PrivateKey)
    /// A P-256 private key.
    case p256(P256.Signing.PrivateKey)

    /// A fresh random key for `algorithm`.
    public static func generate(_ algorithm: JWSAlgorithm) -> PartnerSigningKey {
        switch algorithm {
        case .edDSA: .ed25519(Curve25519.Signing.PrivateKey())
        case .es256: .p256(P256.Signing.PrivateKey())
        }
    }

    /// The JWS algorithm this key signs with.
    public var algorithm: JWSAlgorithm {
        switch self {
        case .ed25519: .edDSA
        case .p256: .es256
        }
    }

    /// The public half under `kid`, to register with the gateway.
    ///
    /// - Throws: ``LedgerError/malformedKey(reason:)`` if `kid` is not a valid key id.
    public func partnerKey(kid: String) throws(LedgerError) -> PartnerKey {
        switch self {
        case .ed25519(let key):
            try PartnerKey(kid: kid, algorithm: .edDSA, publicKey: Array(key.publicKey.rawRepresentation))
        case .p256(let key):
            try PartnerKey(kid: kid, algorithm: .es256, publicKey: Array(key.publicKey.x963Representation))
        }
    }

    /// The signature over exactly `signingInput`: 64 bytes of Ed25519, or ECDSA P-256 SHA-256
    /// as the raw `R || S` (RFC 7518 section 3.4), never DER.
    ///
    /// - Throws: ``LedgerError/signingFailed(reason:)`` if the primitive fails.
    public func signature(for signingInput: [UInt8]) throws(LedgerError) -> [UInt8] {
        do {
            switch self {
            case .ed25519(let key):
                return Array(try key.signature(for: signingInput))
            case .p256(let key):
                return Array(try key.signature(for: signingInput).rawRepresentation)
            }
        } catch {
            throw .signingFailed(reason: "\(algorithm.rawValue) signing failed: \(error)")
        }
    }
}
