#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An append-only, in-memory RFC 9162 Merkle tree log of leaf hashes (RFC 9162 section 2.1).
///
/// Invariants:
/// - Leaves are only ever appended; leaf `i` keeps index `i` and its leaf hash for ever, so the
///   tree of any earlier size is a prefix of this one and every root for `0...treeSize` is
///   reproducible.
/// - For every level `k`, the hash of each *complete* subtree of `2^k` leaves, aligned to a
///   multiple of `2^k`, is stored once when its last leaf is appended. `append` therefore hashes
///   at most `log2(n)` nodes, and the right edge of those levels (the last stored node of each
///   level with an odd node count) is the compact frontier from which the root is folded.
/// - Every other subtree hash needed by ``root(size:)``, ``inclusionProof(leafIndex:treeSize:)``
///   or ``consistencyProof(from:to:)`` is the fold of at most `log2(n)` stored complete
///   subtrees, so those cost O(log² n) hashes at worst and never touch individual leaves.
///
/// Memory is 64 bytes a leaf (32 for the leaf hash, 32 amortised for the interior nodes).
public struct MerkleTree: Sendable {
    /// `levels[k]` holds, back to back, the 32-byte hashes of the complete subtrees of `2^k`
    /// leaves in order; `levels[0]` holds the leaf hashes.
    private var levels: [[UInt8]]

    /// Creates the empty tree, whose root hash is ``MerkleHash/emptyRoot``.
    public init() {
        levels = [[]]
    }

    /// Creates a tree from leaf hashes, in leaf order.
    ///
    /// - Throws: ``LedgerError/invalidHashLength(reason:)`` if a leaf hash is not 32 bytes.
    public init(leafHashes: some Sequence<[UInt8]>) throws(LedgerError) {
        self.init()
        for leafHash in leafHashes {
            try append(leafHash: leafHash)
        }
    }

    /// The number of leaves, `n` in RFC 9162 section 2.1.
    public var treeSize: UInt64 {
        UInt64(count)
    }

    /// The root hash of the whole tree, `MTH(D[n])` (RFC 9162 section 2.1.1), folded from the
    /// compact frontier with fewer than `log2(n)` node hashes.
    public var rootHash: [UInt8] {
        rangeHash(0, count)
    }

    /// The compact frontier: the root hashes of the complete subtrees along the right edge of
    /// the tree, largest (leftmost) first, one for each set bit of ``treeSize``. Folding it right
    /// to left with ``MerkleHash/nodeHash(left:right:)`` gives ``rootHash``.
    public var frontier: [[UInt8]] {
        var out: [[UInt8]] = []
        for level in stride(from: levels.count - 1, through: 0, by: -1) where (count >> level) & 1 == 1 {
            out.append(node(level: level, index: (count >> level) - 1))
        }
        return out
    }

    /// Appends one leaf's input bytes, storing its leaf hash `SHA-256(0x00 || leaf)`
    /// (RFC 9162 section 2.1.1), and returns its leaf index.
    @discardableResult
    public mutating func append(leaf: some DataProtocol) -> UInt64 {
        appendVerified(MerkleHash.leafHash(leaf))
    }

    /// Appends an already computed 32-byte leaf hash and returns its leaf index.
    ///
    /// - Throws: ``LedgerError/invalidHashLength(reason:)`` if `leafHash` is not 32 bytes.
    @discardableResult
    public mutating func append(leafHash: [UInt8]) throws(LedgerError) -> UInt64 {
        try MerkleHash.requireHashLength(leafHash, "leaf hash")
        return appendVerified(leafHash)
    }

    /// The leaf hash stored at `index`.
    ///
    /// - Throws: ``LedgerError/invalidLeafIndex(reason:)`` if `index >= treeSize`.
    public func leafHash(at index: UInt64) throws(LedgerError) -> [UInt8] {
        guard index < treeSize else {
            throw .invalidLeafIndex(reason: "leaf index \(index) is not below the tree size \(treeSize)")
        }
        return node(level: 0, index: Int(index))
    }

    /// The root hash `MTH(D[0:size])` of the tree as it was when it had `size` leaves
    /// (RFC 9162 section 2.1.1); `size` 0 gives ``MerkleHash/emptyRoot``.
    ///
    /// - Throws: ``LedgerError/invalidTreeSize(reason:)`` if `size > treeSize`.
    public func root(size: UInt64) throws(LedgerError) -> [UInt8] {
        try requireSize(size)
        return rangeHash(0, Int(size))
    }

    /// The inclusion proof `PATH(m, D[n])` of leaf `m = leafIndex` in the tree of
    /// `n = treeSize` leaves (RFC 9162 section 2.1.3.1): the audit path, from the leaf's sibling
    /// up to the child of the root.
    ///
    /// - Throws: ``LedgerError/invalidTreeSize(reason:)`` if `treeSize` exceeds this tree, and
    ///   ``LedgerError/invalidLeafIndex(reason:)`` if `leafIndex >= treeSize`.
    public func inclusionProof(leafIndex: UInt64, treeSize: UInt64) throws(LedgerError) -> InclusionProof {
        try requireSize(treeSize)
        guard leafIndex < treeSize else {
            throw .invalidLeafIndex(reason: "leaf index \(leafIndex) is not below the tree size \(treeSize)")
        }
        let index = Int(leafIndex)
        var start = 0
        var end = Int(treeSize)
        var topDown: [[UInt8]] = []
        while end - start > 1 {
            let split = start + Self.largestPowerOfTwo(below: end - start)
            if index < split {
                topDown.append(rangeHash(split, end))
                end = split
            } else {
                topDown.append(rangeHash(start, split))
                start = split
            }
        }
        return InclusionProof(leafIndex: leafIndex, treeSize: treeSize, auditPath: topDown.reversed())
    }

    /// The consistency proof `PROOF(m, D[n])` between the tree of `m = oldSize` leaves and the
    /// tree of `n = newSize` leaves (RFC 9162 section 2.1.4.1, via `SUBPROOF`). It is empty when
    /// `oldSize` is 0 or equals `newSize`, where consistency needs no proof.
    ///
    /// - Throws: ``LedgerError/invalidTreeSize(reason:)`` if `newSize` exceeds this tree or
    ///   `oldSize > newSize`.
    public func consistencyProof(from oldSize: UInt64, to newSize: UInt64) throws(LedgerError) -> ConsistencyProof {
        try requireSize(newSize)
        guard oldSize <= newSize else {
            throw .invalidTreeSize(reason: "old tree size \(oldSize) is larger than new tree size \(newSize)")
        }
        guard oldSize > 0, oldSize < newSize else {
            return ConsistencyProof(oldSize: oldSize, newSize: newSize, consistencyPath: [])
        }
        let boundary = Int(oldSize)
        var start = 0
        var end = Int(newSize)
        var startsAtOldRoot = true
        var topDown: [[UInt8]] = []
        while boundary != end {
            let split = start + Self.largestPowerOfTwo(below: end - start)
            if boundary <= split {
                topDown.append(rangeHash(split, end))
                end = split
            } else {
                topDown.append(rangeHash(start, split))
                start = split
                startsAtOldRoot = false
            }
        }
        if !startsAtOldRoot {
            topDown.append(rangeHash(start, end))
        }
        return ConsistencyProof(oldSize: oldSize, newSize: newSize, consistencyPath: topDown.reversed())
    }

    // MARK: - Storage

    private var count: Int {
        levels[0].count / MerkleHash.byteCount
    }

    private func requireSize(_ size: UInt64) throws(LedgerError) {
        guard size <= treeSize else {
            throw .invalidTreeSize(reason: "tree size \(size) is larger than the log's \(treeSize) leaves")
        }
    }

    private mutating func appendVerified(_ leafHash: [UInt8]) -> UInt64 {
        let width = MerkleHash.byteCount
        let index = count
        levels[0].append(contentsOf: leafHash)
        var level = 0
        var position = index
        while position & 1 == 1 {
            let parent = levels[level].withUnsafeBytes { bytes in
                MerkleHash.nodeHash(
                    UnsafeRawBufferPointer(rebasing: bytes[(position - 1) * width ..< position * width]),
                    UnsafeRawBufferPointer(rebasing: bytes[position * width ..< (position + 1) * width])
                )
            }
            if levels.count == level + 1 {
                levels.append([])
            }
            levels[level + 1].append(contentsOf: parent)
            level += 1
            position >>= 1
        }
        return UInt64(index)
    }

    private func node(level: Int, index: Int) -> [UInt8] {
        let width = MerkleHash.byteCount
        return Array(levels[level][index * width ..< (index + 1) * width])
    }

    /// `MTH(D[start:end])` for a range produced by the RFC 9162 recursion, whose start is a
    /// multiple of every power of two not above its length: it splits into aligned complete
    /// subtrees of decreasing size, folded right to left.
    private func rangeHash(_ start: Int, _ end: Int) -> [UInt8] {
        guard end > start else {
            return MerkleHash.emptyRoot
        }
        var parts: [[UInt8]] = []
        var position = start
        var remaining = end - start
        while remaining > 0 {
            let level = Int.bitWidth - 1 - remaining.leadingZeroBitCount
            assert(position % (1 << level) == 0, "range [\(start), \(end)) is not RFC 9162 aligned")
            parts.append(node(level: level, index: position >> level))
            position += 1 << level
            remaining -= 1 << level
        }
        var hash = parts[parts.count - 1]
        for part in parts.dropLast().reversed() {
            hash = MerkleHash.nodeHash(left: part, right: hash)
        }
        return hash
    }

    /// `k`, the largest power of two smaller than `n` (RFC 9162 section 2.1.1), for `n >= 2`.
    static func largestPowerOfTwo(below n: Int) -> Int {
        1 << (Int.bitWidth - 1 - (n - 1).leadingZeroBitCount)
    }
}
