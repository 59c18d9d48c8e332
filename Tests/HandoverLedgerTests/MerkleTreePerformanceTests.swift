import HandoverLedger
import Testing

/// Proofs on a tree of about a million leaves must come from cached subtree hashes, not from
/// rehashing leaves: each proof is expected to take well under a millisecond.
struct MerkleTreePerformanceTests {
    @Test func proofsOnAMillionLeafTreeAreFast() throws {
        let size = 1_000_003
        var tree = MerkleTree()
        for number in 0..<size {
            tree.append(leaf: withUnsafeBytes(of: UInt64(number).bigEndian) { Array($0) })
        }
        #expect(tree.treeSize == UInt64(size))
        let root = tree.rootHash
        let oldSize: UInt64 = 654_321
        let oldRoot = try tree.root(size: oldSize)

        var generator = SystemRandomNumberGenerator()
        let rounds = 200
        let clock = ContinuousClock()
        var proofs: [InclusionProof] = []
        let inclusionTime = try clock.measure {
            for _ in 0..<rounds {
                let index = UInt64.random(in: 0..<UInt64(size), using: &generator)
                proofs.append(try tree.inclusionProof(leafIndex: index, treeSize: UInt64(size)))
            }
        }
        var consistency: [ConsistencyProof] = []
        let consistencyTime = try clock.measure {
            for _ in 0..<rounds {
                let from = UInt64.random(in: 1..<UInt64(size), using: &generator)
                consistency.append(try tree.consistencyProof(from: from, to: UInt64(size)))
            }
        }
        #expect(inclusionTime / rounds < .milliseconds(1), "inclusion proof took \(inclusionTime / rounds)")
        #expect(consistencyTime / rounds < .milliseconds(1), "consistency proof took \(consistencyTime / rounds)")

        for proof in proofs {
            try proof.verify(leafHash: try tree.leafHash(at: proof.leafIndex), root: root)
        }
        try tree.consistencyProof(from: oldSize, to: UInt64(size)).verify(oldRoot: oldRoot, newRoot: root)
        for proof in consistency.prefix(20) {
            try proof.verify(oldRoot: try tree.root(size: proof.oldSize), newRoot: root)
        }
    }
}
