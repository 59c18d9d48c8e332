import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A partner's public signing key, as registered with the gateway: a key id (`kid`, RFC 7515
/// section 4.1.4), an algorithm and the raw public key.
///
/// Invariants: ``kid`` is 1 to ``maximumKeyIDLength`` bytes without control characters;
/// ``publicKey`` is a valid key for ``algorithm``: 32 bytes of an Ed25519 point (RFC 8032
/// section 5.1.5), or the 65-byte uncompressed P-256 point `0x04 || X || Y` that lies on the
/// curve (SEC 1 section 2.3.3). Two keys are equal when kid, algorithm and key bytes are.
public struct PartnerKey: Sendable, Hashable {
    /// The key id partners put in the JWS `kid` header parameter.
    public let kid: String
    /// The only algorithm this key verifies (RFC 8725 section 3.1: one key, one algorithm).
    public let algorithm: JWSAlgorithm
    /// The raw public key: 32 bytes for Ed25519, the 65-byte X9.63 point for P-256.
    public let publicKey: [UInt8]

    /// The longest key id accepted, in UTF-8 bytes.
    public static let maximumKeyIDLength = 256

    /// Creates a key from raw public key bytes.
    ///
    /// - Throws: ``LedgerError/malformedKey(reason:)`` if `kid` is empty, too long or holds a
    ///   control character, or `publicKey` is not a valid key for `algorithm`.
    public init(kid: String, algorithm: JWSAlgorithm, publicKey: [UInt8]) throws(LedgerError) {
        try Self.validate(kid: kid)
        guard publicKey.count == algorithm.publicKeyByteCount else {
            throw .malformedKey(
                reason: "an \(algorithm.rawValue) public key is \(algorithm.publicKeyByteCount) bytes; key \(kid) has \(publicKey.count)"
            )
        }
        switch algorithm {
        case .edDSA:
            guard (try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey)) != nil else {
                throw .malformedKey(reason: "key \(kid) is not an Ed25519 public key")
            }
        case .es256:
            guard publicKey.first == 0x04, (try? P256.Signing.PublicKey(x963Representation: publicKey)) != nil else {
                throw .malformedKey(reason: "key \(kid) is not an uncompressed point on P-256")
            }
        }
        self.kid = kid
        self.algorithm = algorithm
        self.publicKey = publicKey
    }

    /// Creates a key from a public JWK whose members are all strings: `{"kty": "OKP", "crv":
    /// "Ed25519", "x": ...}` (RFC 8037 section 2) or `{"kty": "EC", "crv": "P-256", "x": ...,
    /// "y": ...}` (RFC 7518 section 6.2.1). Coordinates are unpadded base64url of exactly 32
    /// bytes (RFC 7518 section 6.2.1.2 requires the full length). Optional members are checked
    /// when present: `kid` must equal `kid`, `alg` must be the key's algorithm, `use` must be
    /// `sig`. A JWK holding a private part (`d`) is refused, so a leaked private key is not
    /// quietly stored as a partner key.
    ///
    /// - Throws: ``LedgerError/malformedKey(reason:)``.
    public init(kid: String, jwk: [String: String]) throws(LedgerError) {
        guard jwk["d"] == nil else {
            throw .malformedKey(reason: "the JWK for \(kid) holds a private key ('d'); register the public key only")
        }
        if let stated = jwk["kid"], stated != kid {
            throw .malformedKey(reason: "the JWK states kid \(stated.debugDescription), not \(kid.debugDescription)")
        }
        if let use = jwk["use"], use != "sig" {
            throw .malformedKey(reason: "the JWK for \(kid) has use \(use.debugDescription); a signing key has use \"sig\"")
        }
        let algorithm: JWSAlgorithm
        var key: [UInt8]
        switch (jwk["kty"], jwk["crv"]) {
        case ("OKP", "Ed25519"):
            algorithm = .edDSA
            key = try Self.coordinate(jwk, "x", kid: kid)
        case ("EC", "P-256"):
            algorithm = .es256
            key = [0x04]
            key += try Self.coordinate(jwk, "x", kid: kid)
            key += try Self.coordinate(jwk, "y", kid: kid)
        default:
            throw .malformedKey(
                reason: "the JWK for \(kid) is kty \(jwk["kty"]?.debugDescription ?? "nil") crv "
                    + "\(jwk["crv"]?.debugDescription ?? "nil"); only OKP/Ed25519 and EC/P-256 are accepted"
            )
        }
        if let stated = jwk["alg"], stated != algorithm.rawValue {
            throw .malformedKey(reason: "the JWK for \(kid) states alg \(stated.debugDescription) for an \(algorithm.rawValue) key")
        }
        try self.init(kid: kid, algorithm: algorithm, publicKey: key)
    }

    /// The public JWK of this key (RFC 8037 section 2, RFC 7518 section 6.2.1), with `kid`,
    /// `alg` and `use`; ``init(kid:jwk:)`` reads it back to an equal key.
    public var jwk: [String: String] {
        var out = ["kid": kid, "alg": algorithm.rawValue, "use": "sig"]
        switch algorithm {
        case .edDSA:
            out["kty"] = "OKP"
            out["crv"] = "Ed25519"
            out["x"] = Base64URL.encode(publicKey)
        case .es256:
            out["kty"] = "EC"
            out["crv"] = "P-256"
            out["x"] = Base64URL.encode(publicKey[1...32])
            out["y"] = Base64URL.encode(publicKey[33...64])
        }
        return out
    }

    /// Whether `signature` is a valid signature by this key over exactly `signingInput`: Ed25519
    /// (RFC 8037 section 3.1) or ECDSA P-256 SHA-256 over the raw 64-byte `R || S` (RFC 7518
    /// section 3.4). A signature of any other length, including a DER-encoded one, is invalid.
    public func isValidSignature(_ signature: some DataProtocol, for signingInput: some DataProtocol) -> Bool {
        guard signature.count == algorithm.signatureByteCount else {
            return false
        }
        switch algorithm {
        case .edDSA:
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else {
                return false
            }
            return key.isValidSignature(signature, for: signingInput)
        case .es256:
            guard let key = try? P256.Signing.PublicKey(x963Representation: publicKey),
                let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: signature)
            else {
                return false
            }
            return key.isValidSignature(parsed, for: signingInput)
        }
    }

    /// Throws ``LedgerError/malformedKey(reason:)`` unless `kid` is 1 to
    /// ``maximumKeyIDLength`` bytes without control characters.
    static func validate(kid: String) throws(LedgerError) {
        guard (1...maximumKeyIDLength).contains(kid.utf8.count) else {
            throw .malformedKey(reason: "a key id is 1 to \(maximumKeyIDLength) bytes")
        }
        guard !kid.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            throw .malformedKey(reason: "key id \(kid.debugDescription) contains a control character")
        }
    }

    /// The 32 bytes of a base64url JWK coordinate.
    private static func coordinate(_ jwk: [String: String], _ name: String, kid: String) throws(LedgerError) -> [UInt8] {
        guard let text = jwk[name], let bytes = Base64URL.decode(text), bytes.count == 32 else {
            throw .malformedKey(reason: "the JWK for \(kid) has no '\(name)' of 32 bytes in unpadded base64url")
        }
        return bytes
    }
}
