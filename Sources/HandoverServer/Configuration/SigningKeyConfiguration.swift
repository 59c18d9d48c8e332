public import HandoverModel
import HandoverLedger

/// A partner's public signing key as written in the configuration file: its key id and the key
/// as a JWK (RFC 7517): `{"kty":"OKP","crv":"Ed25519","x":...}` or `{"kty":"EC","crv":"P-256","x":...,"y":...}`.
public struct SigningKeyConfiguration: Sendable, Codable, Hashable {
    /// The key id signatures name in their `kid` header.
    public var kid: String
    /// The public key as a JWK; private members (`d`) are refused.
    public var jwk: [String: String]

    /// Creates a key entry.
    public init(kid: String, jwk: [String: String]) {
        self.kid = kid
        self.jwk = jwk
    }

    /// The validated key.
    /// - Throws: `GatewayStartError` naming the partner and key when the JWK is not a usable public key.
    public func publicKey(partner: String) throws -> PartnerPublicKey {
        do {
            let key = try PartnerKey(kid: kid, jwk: jwk)
            return PartnerPublicKey(kid: key.kid, algorithm: key.algorithm.rawValue, publicKey: key.publicKey)
        } catch {
            throw GatewayStartError("partner \(partner), signing key \(kid.debugDescription): \(error)")
        }
    }
}
