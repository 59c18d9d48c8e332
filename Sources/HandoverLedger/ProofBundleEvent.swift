/// One event of a ``ProofBundle``: a log leaf and its inclusion proof (RFC 9162 section 2.1.3)
/// in the tree the bundle's checkpoint commits to. Values are kept as their JSON text, so a
/// decoded bundle re-encodes to the same fields.
public struct ProofBundleEvent: Sendable, Hashable, Codable {
    /// The leaf's 0-based index in the log.
    public let leafIndex: UInt64
    /// The leaf input bytes (``LogEvent/leafBytes``), standard padded base64 (RFC 4648 section 4).
    public let leaf: String
    /// The audit path `PATH(m, D[n])`, leaf level first, each hash 64 lower-case hex digits.
    public let inclusionProof: [String]

    /// Wraps values as they appear in the JSON; ``ProofBundle/verify()`` checks them.
    public init(leafIndex: UInt64, leaf: String, inclusionProof: [String]) {
        self.leafIndex = leafIndex
        self.leaf = leaf
        self.inclusionProof = inclusionProof
    }

    /// Encodes `leafBytes` and `proof` for the JSON.
    public init(leafIndex: UInt64, leafBytes: [UInt8], proof: InclusionProof) {
        self.init(leafIndex: leafIndex, leaf: Base64.encode(leafBytes), inclusionProof: proof.auditPath.map(Hex.encode))
    }

    /// The decoded leaf bytes, or `nil` unless ``leaf`` is canonical padded base64.
    public var leafBytes: [UInt8]? {
        Base64.decode(leaf)
    }
}
