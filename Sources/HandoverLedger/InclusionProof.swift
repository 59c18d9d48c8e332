/// An inclusion proof (audit path) that the leaf at ``leafIndex`` is in the tree of
/// ``treeSize`` leaves (RFC 9162 section 2.1.3).
///
/// The audit path lists the sibling subtree hashes from the leaf up to the child of the root,
/// as `PATH(m, D[n])` in RFC 9162 section 2.1.3.1 defines it. Verification needs no tree: only
/// the leaf hash and the root hash the verifier already trusts (for example from a checkpoint).
public struct InclusionProof: Sendable, Hashable {
    /// The 0-based index `m` of the leaf in the log.
    public let leafIndex: UInt64
    /// The size `n` of the tree whose root the proof leads to.
    public let treeSize: UInt64
    /// The 32-byte sibling hashes, leaf level first (RFC 9162 `inclusion_path`).
    public let auditPath: [[UInt8]]

    /// Wraps an audit path received from elsewhere; nothing is checked until ``verify(leafHash:root:)``.
    public init(leafIndex: UInt64, treeSize: UInt64, auditPath: [[UInt8]]) {
        self.leafIndex = leafIndex
        self.treeSize = treeSize
        self.auditPath = auditPath
    }

    /// Verifies this proof for `leafHash` against the trusted `root` (RFC 9162 section 2.1.3.2).
    ///
    /// - Throws: a ``LedgerError`` as ``verify(leafHash:leafIndex:treeSize:proof:root:)`` does.
    public func verify(leafHash: [UInt8], root: [UInt8]) throws(LedgerError) {
        try Self.verify(leafHash: leafHash, leafIndex: leafIndex, treeSize: treeSize, proof: auditPath, root: root)
    }

    /// Verifies that `leafHash` is the leaf at `leafIndex` of the tree of `treeSize` leaves whose
    /// root hash is `root`, following RFC 9162 section 2.1.3.2 exactly.
    ///
    /// - Throws: ``LedgerError/invalidLeafIndex(reason:)`` if `leafIndex >= treeSize` (which
    ///   includes every tree of size 0); ``LedgerError/invalidHashLength(reason:)`` if a hash is
    ///   not 32 bytes; ``LedgerError/invalidProofLength(reason:)`` if the proof does not have the
    ///   length RFC 9162 prescribes for that index and size; ``LedgerError/proofMismatch(reason:)``
    ///   if the recomputed root differs from `root`.
    public static func verify(
        leafHash: [UInt8],
        leafIndex: UInt64,
        treeSize: UInt64,
        proof: [[UInt8]],
        root: [UInt8]
    ) throws(LedgerError) {
        try MerkleHash.requireHashLength(root, "root hash")
        let computed = try rootHash(leafHash: leafHash, leafIndex: leafIndex, treeSize: treeSize, proof: proof)
        guard computed == root else {
            throw .proofMismatch(
                reason: "inclusion proof for leaf \(leafIndex) of tree size \(treeSize) leads to root "
                    + "\(MerkleHash.hex(computed)), not \(MerkleHash.hex(root))"
            )
        }
    }

    /// The root hash that an audit path leads to from `leafHash` at `leafIndex` in a tree of
    /// `treeSize` leaves (RFC 9162 section 2.1.3.2 steps 1 to 4); compare it with a trusted root.
    ///
    /// - Throws: as ``verify(leafHash:leafIndex:treeSize:proof:root:)``, except for the root comparison.
    public static func rootHash(
        leafHash: [UInt8],
        leafIndex: UInt64,
        treeSize: UInt64,
        proof: [[UInt8]]
    ) throws(LedgerError) -> [UInt8] {
        guard leafIndex < treeSize else {
            throw .invalidLeafIndex(reason: "leaf index \(leafIndex) is not below the tree size \(treeSize)")
        }
        try MerkleHash.requireHashLength(leafHash, "leaf hash")
        for (position, hash) in proof.enumerated() {
            try MerkleHash.requireHashLength(hash, "inclusion proof hash \(position)")
        }
        let expected = expectedLength(leafIndex: leafIndex, treeSize: treeSize)
        guard proof.count == expected else {
            throw .invalidProofLength(
                reason: "inclusion proof for leaf \(leafIndex) of tree size \(treeSize) has \(proof.count) "
                    + "hashes; RFC 9162 prescribes \(expected)"
            )
        }
        var fn = leafIndex
        var sn = treeSize - 1
        var hash = leafHash
        for sibling in proof {
            guard sn != 0 else {
                throw .invalidProofLength(reason: "inclusion proof is longer than the path to the root")
            }
            if fn & 1 == 1 || fn == sn {
                hash = MerkleHash.nodeHash(left: sibling, right: hash)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                hash = MerkleHash.nodeHash(left: hash, right: sibling)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else {
            throw .invalidProofLength(reason: "inclusion proof is shorter than the path to the root")
        }
        return hash
    }

    /// The number of hashes in the audit path of leaf `leafIndex` in a tree of `treeSize` leaves
    /// (RFC 9162 section 2.1.3.1): the levels below the point where the leaf's path leaves the
    /// right edge, plus one for each left-sibling subtree on the right edge above it.
    /// Meaningful for `leafIndex < treeSize`; 0 otherwise.
    public static func expectedLength(leafIndex: UInt64, treeSize: UInt64) -> Int {
        guard leafIndex < treeSize else {
            return 0
        }
        let inner = UInt64.bitWidth - (leafIndex ^ (treeSize - 1)).leadingZeroBitCount
        let border = (leafIndex >> UInt64(inner)).nonzeroBitCount
        return inner + border
    }
}
