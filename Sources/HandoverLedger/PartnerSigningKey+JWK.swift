import Crypto

extension PartnerSigningKey {
    /// The private key as a JWK (RFC 8037 section 2; RFC 7518 section 6.2.2), with `kid`, `alg`
    /// and `use`: what a partner keeps in its secret store. Never send it to the gateway.
    public func privateJWK(kid: String) throws(LedgerError) -> [String: String] {
        var jwk = try partnerKey(kid: kid).jwk
        switch self {
        case .ed25519(let key): jwk["d"] = Base64URL.encode(key.rawRepresentation)
        case .p256(let key): jwk["d"] = Base64URL.encode(key.rawRepresentation)
        }
        return jwk
    }

    /// Reads a private JWK written by ``privateJWK(kid:)`` (or any OKP/Ed25519 or EC/P-256 JWK
    /// with `d`), checking that its public members belong to the private key.
    ///
    /// - Throws: ``LedgerError/malformedKey(reason:)``.
    public init(privateJWK jwk: [String: String]) throws(LedgerError) {
        guard let encoded = jwk["d"], let d = Base64URL.decode(encoded) else {
            throw .malformedKey(reason: "a private JWK has a base64url 'd' member")
        }
        switch (jwk["kty"], jwk["crv"]) {
        case ("OKP", "Ed25519"):
            guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: d) else {
                throw .malformedKey(reason: "'d' is not a 32-byte Ed25519 private key")
            }
            self = .ed25519(key)
        case ("EC", "P-256"):
            guard let key = try? P256.Signing.PrivateKey(rawRepresentation: d) else {
                throw .malformedKey(reason: "'d' is not a P-256 private key")
            }
            self = .p256(key)
        default:
            throw .malformedKey(reason: "only OKP/Ed25519 and EC/P-256 private JWKs are accepted")
        }
        var publicMembers = jwk
        publicMembers["d"] = nil
        let kid = jwk["kid"] ?? "key"
        guard try PartnerKey(kid: kid, jwk: publicMembers) == partnerKey(kid: kid) else {
            throw .malformedKey(reason: "the JWK's public members do not belong to its private key")
        }
    }
}
