/// A consistency proof that the tree of ``oldSize`` leaves is a prefix of the tree of
/// ``newSize`` leaves, that is that the log only appended in between (RFC 9162 section 2.1.4).
///
/// The path is `PROOF(m, D[n])` of RFC 9162 section 2.1.4.1, deepest hash first. It is empty
/// when `oldSize` is 0 (the empty tree is a prefix of every tree) or equals `newSize` (the two
/// roots must then be equal).
public struct ConsistencyProof: Sendable, Hashable {
    /// The size `m` of the earlier tree.
    public let oldSize: UInt64
    /// The size `n` of the later tree, `n >= m`.
    public let newSize: UInt64
    /// The 32-byte subtree hashes (RFC 9162 `consistency_path`).
    public let consistencyPath: [[UInt8]]

    /// Wraps a consistency path received from elsewhere; nothing is checked until
    /// ``verify(oldRoot:newRoot:)``.
    public init(oldSize: UInt64, newSize: UInt64, consistencyPath: [[UInt8]]) {
        self.oldSize = oldSize
        self.newSize = newSize
        self.consistencyPath = consistencyPath
    }

    /// Verifies this proof between the two trusted roots (RFC 9162 section 2.1.4.2).
    ///
    /// - Throws: a ``LedgerError`` as ``verify(oldSize:newSize:oldRoot:newRoot:proof:)`` does.
    public func verify(oldRoot: [UInt8], newRoot: [UInt8]) throws(LedgerError) {
        try Self.verify(oldSize: oldSize, newSize: newSize, oldRoot: oldRoot, newRoot: newRoot, proof: consistencyPath)
    }

    /// Verifies that the tree of `oldSize` leaves with root `oldRoot` is a prefix of the tree of
    /// `newSize` leaves with root `newRoot`, following RFC 9162 section 2.1.4.2 exactly for
    /// `0 < oldSize < newSize`. The edge cases, which RFC 9162 leaves to the caller, are strict:
    /// `oldSize == newSize` needs an empty proof and equal roots; `oldSize == 0` needs an empty
    /// proof and `oldRoot` equal to ``MerkleHash/emptyRoot`` (RFC 9162 section 2.1.1), and then
    /// says nothing about `newRoot`, since every tree extends the empty tree.
    ///
    /// - Throws: ``LedgerError/invalidTreeSize(reason:)`` if `oldSize > newSize`;
    ///   ``LedgerError/invalidHashLength(reason:)`` if a hash is not 32 bytes;
    ///   ``LedgerError/invalidProofLength(reason:)`` if the proof does not have the length
    ///   RFC 9162 prescribes for those sizes; ``LedgerError/proofMismatch(reason:)`` if either
    ///   recomputed root differs from the one given.
    public static func verify(
        oldSize: UInt64,
        newSize: UInt64,
        oldRoot: [UInt8],
        newRoot: [UInt8],
        proof: [[UInt8]]
    ) throws(LedgerError) {
        guard oldSize <= newSize else {
            throw .invalidTreeSize(reason: "old tree size \(oldSize) is larger than new tree size \(newSize)")
        }
        try MerkleHash.requireHashLength(oldRoot, "old root hash")
        try MerkleHash.requireHashLength(newRoot, "new root hash")
        for (position, hash) in proof.enumerated() {
            try MerkleHash.requireHashLength(hash, "consistency proof hash \(position)")
        }
        let expected = expectedLength(oldSize: oldSize, newSize: newSize)
        guard proof.count == expected else {
            throw .invalidProofLength(
                reason: "consistency proof from tree size \(oldSize) to \(newSize) has \(proof.count) "
                    + "hashes; RFC 9162 prescribes \(expected)"
            )
        }
        if oldSize == newSize {
            guard oldRoot == newRoot else {
                throw .proofMismatch(reason: "two trees of size \(oldSize) have different root hashes")
            }
            return
        }
        if oldSize == 0 {
            guard oldRoot == MerkleHash.emptyRoot else {
                throw .proofMismatch(reason: "the root hash of the empty tree must be SHA-256 of nothing")
            }
            return
        }
        var path = proof
        if oldSize & (oldSize - 1) == 0 {
            path.insert(oldRoot, at: 0)
        }
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var oldHash = path[0]
        var newHash = path[0]
        for hash in path.dropFirst() {
            guard sn != 0 else {
                throw .invalidProofLength(reason: "consistency proof is longer than the path to the new root")
            }
            if fn & 1 == 1 || fn == sn {
                oldHash = MerkleHash.nodeHash(left: hash, right: oldHash)
                newHash = MerkleHash.nodeHash(left: hash, right: newHash)
                while fn & 1 == 0 && fn != 0 {
                    fn >>= 1
                    sn >>= 1
                }
            } else {
                newHash = MerkleHash.nodeHash(left: newHash, right: hash)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else {
            throw .invalidProofLength(reason: "consistency proof is shorter than the path to the new root")
        }
        guard oldHash == oldRoot else {
            throw .proofMismatch(
                reason: "consistency proof leads to old root \(MerkleHash.hex(oldHash)), not \(MerkleHash.hex(oldRoot))"
            )
        }
        guard newHash == newRoot else {
            throw .proofMismatch(
                reason: "consistency proof leads to new root \(MerkleHash.hex(newHash)), not \(MerkleHash.hex(newRoot))"
            )
        }
    }

    /// The number of hashes in `PROOF(m, D[n])` for `m = oldSize`, `n = newSize`
    /// (RFC 9162 section 2.1.4.1): 0 when `m` is 0 or `m == n`; otherwise the audit path length
    /// of the old tree's last complete subtree in the new tree, plus one for that subtree's own
    /// hash unless `m` is a power of two (then the old root itself stands in for it).
    /// Meaningful for `oldSize <= newSize`; 0 otherwise.
    public static func expectedLength(oldSize: UInt64, newSize: UInt64) -> Int {
        guard oldSize > 0, oldSize < newSize else {
            return 0
        }
        let level = UInt64(oldSize.trailingZeroBitCount)
        let index = (oldSize - 1) >> level
        let lastIndex = (newSize - 1) >> level
        let inner = UInt64.bitWidth - (index ^ lastIndex).leadingZeroBitCount
        let border = (index >> UInt64(inner)).nonzeroBitCount
        return (index == 0 ? 0 : 1) + inner + border
    }
}
