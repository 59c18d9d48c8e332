/// A public key a partner signs its submissions with, as registered: the JWS key id (`kid`), the
/// JWS algorithm (`EdDSA` for Ed25519, `ES256` for P-256) and the raw public key bytes (32 bytes
/// for Ed25519; the 65-byte uncompressed point for P-256).
///
/// The model keeps the key as data only; checking signatures is the ledger's business.
public struct PartnerPublicKey: Sendable, Hashable {
    /// The key id a signature names in its `kid` header.
    public var kid: String
    /// The JWS `alg` the key signs with: `EdDSA` or `ES256`.
    public var algorithm: String
    /// The public key bytes.
    public var publicKey: [UInt8]

    /// Creates a registered key.
    public init(kid: String, algorithm: String, publicKey: [UInt8]) {
        self.kid = kid
        self.algorithm = algorithm
        self.publicKey = publicKey
    }
}
