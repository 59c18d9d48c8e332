import HandoverLedger
import Testing

/// Exhaustive properties over every tree of 1 to 64 leaves: the indexed tree agrees with the
/// naive RFC 9162 definitions, every generated proof verifies, and any single flipped byte in a
/// proof or root makes verification fail.
struct MerkleTreePropertyTests {
    static let maximumSize = 64
    static let tree = numberedTree(maximumSize)
    static let leafHashes: [[UInt8]] = (0..<maximumSize).map { number in
        MerkleHash.leafHash(Array("leaf \(number)".utf8))
    }

    @Test(arguments: 1...maximumSize)
    func rootsMatchTheRecursiveDefinition(size: Int) throws {
        let root = try Self.tree.root(size: UInt64(size))
        #expect(root == ReferenceTree.mth(Self.leafHashes[..<size]))
        var prefix = MerkleTree()
        for number in 0..<size {
            prefix.append(leaf: Array("leaf \(number)".utf8))
        }
        #expect(prefix.rootHash == root)
        #expect(prefix.treeSize == UInt64(size))
        var folded = prefix.frontier.last ?? []
        for subtree in prefix.frontier.dropLast().reversed() {
            folded = MerkleHash.nodeHash(left: subtree, right: folded)
        }
        #expect(folded == root)
        #expect(prefix.frontier.count == size.nonzeroBitCount)
    }

    @Test(arguments: 1...maximumSize)
    func inclusionProofsVerifyAndResistTampering(size: Int) throws {
        let treeSize = UInt64(size)
        let root = try Self.tree.root(size: treeSize)
        for index in 0..<size {
            let leafIndex = UInt64(index)
            let leafHash = Self.leafHashes[index]
            let proof = try Self.tree.inclusionProof(leafIndex: leafIndex, treeSize: treeSize)
            #expect(proof.auditPath == ReferenceTree.path(index, Self.leafHashes[..<size]))
            #expect(proof.auditPath.count == InclusionProof.expectedLength(leafIndex: leafIndex, treeSize: treeSize))
            try proof.verify(leafHash: leafHash, root: root)
            let verifyPath = { (path: [[UInt8]]) throws in
                try InclusionProof.verify(leafHash: leafHash, leafIndex: leafIndex, treeSize: treeSize, proof: path, root: root)
            }
            let recomputed = try InclusionProof.rootHash(
                leafHash: leafHash, leafIndex: leafIndex, treeSize: treeSize, proof: proof.auditPath
            )
            #expect(recomputed == root)

            for element in proof.auditPath.indices {
                for byte in 0..<MerkleHash.byteCount {
                    var tampered = proof.auditPath
                    tampered[element] = flipping(tampered[element], byte: byte)
                    #expect(throws: LedgerError.proofMismatch(reason: "")) { try verifyPath(tampered) }
                }
            }
            for byte in 0..<MerkleHash.byteCount {
                #expect(throws: LedgerError.proofMismatch(reason: "")) {
                    try proof.verify(leafHash: leafHash, root: flipping(root, byte: byte, bit: 0x80))
                }
                #expect(throws: LedgerError.proofMismatch(reason: "")) {
                    try proof.verify(leafHash: flipping(leafHash, byte: byte), root: root)
                }
            }
            // A proof for one leaf does not prove its neighbour, and lengths are exact.
            if size > 1 {
                let other = (index + 1) % size
                #expect(throws: LedgerError.self) {
                    try InclusionProof.verify(
                        leafHash: leafHash, leafIndex: UInt64(other), treeSize: treeSize, proof: proof.auditPath, root: root
                    )
                }
            }
            #expect(throws: LedgerError.invalidProofLength(reason: "")) { try verifyPath(proof.auditPath + [root]) }
            if !proof.auditPath.isEmpty {
                #expect(throws: LedgerError.invalidProofLength(reason: "")) { try verifyPath(Array(proof.auditPath.dropLast())) }
            }
        }
    }

    @Test(arguments: 1...maximumSize)
    func consistencyProofsVerifyAndResistTampering(newSize: Int) throws {
        let newTreeSize = UInt64(newSize)
        let newRoot = try Self.tree.root(size: newTreeSize)
        for oldSize in 0...newSize {
            let oldTreeSize = UInt64(oldSize)
            let oldRoot = try Self.tree.root(size: oldTreeSize)
            let proof = try Self.tree.consistencyProof(from: oldTreeSize, to: newTreeSize)
            #expect(proof.consistencyPath == ReferenceTree.proof(oldSize, Self.leafHashes[..<newSize]))
            #expect(proof.consistencyPath.count == ConsistencyProof.expectedLength(oldSize: oldTreeSize, newSize: newTreeSize))
            try proof.verify(oldRoot: oldRoot, newRoot: newRoot)
            let verifyPath = { (path: [[UInt8]], old: [UInt8], new: [UInt8]) throws in
                try ConsistencyProof.verify(oldSize: oldTreeSize, newSize: newTreeSize, oldRoot: old, newRoot: new, proof: path)
            }

            for element in proof.consistencyPath.indices {
                for byte in 0..<MerkleHash.byteCount {
                    var tampered = proof.consistencyPath
                    tampered[element] = flipping(tampered[element], byte: byte)
                    #expect(throws: LedgerError.self) { try verifyPath(tampered, oldRoot, newRoot) }
                }
            }
            for byte in 0..<MerkleHash.byteCount {
                #expect(throws: LedgerError.proofMismatch(reason: "")) {
                    try proof.verify(oldRoot: flipping(oldRoot, byte: byte), newRoot: newRoot)
                }
                if oldSize > 0 {
                    #expect(throws: LedgerError.proofMismatch(reason: "")) {
                        try proof.verify(oldRoot: oldRoot, newRoot: flipping(newRoot, byte: byte))
                    }
                } else {
                    // Every tree extends the empty tree: nothing constrains the new root.
                    try proof.verify(oldRoot: oldRoot, newRoot: flipping(newRoot, byte: byte))
                }
            }
            if oldSize > 0 && oldSize < newSize {
                #expect(throws: LedgerError.invalidProofLength(reason: "")) { try verifyPath([], oldRoot, newRoot) }
                #expect(throws: LedgerError.invalidProofLength(reason: "")) {
                    try verifyPath(proof.consistencyPath + [newRoot], oldRoot, newRoot)
                }
                // Swapping the roots never verifies.
                #expect(throws: LedgerError.self) { try verifyPath(proof.consistencyPath, newRoot, oldRoot) }
            }
        }
    }

    @Test func malformedInputsAreRejectedWithClearErrors() throws {
        let tree = Self.tree
        let root = tree.rootHash
        let leaf = Self.leafHashes[0]
        #expect(throws: LedgerError.invalidLeafIndex(reason: "")) {
            try InclusionProof.verify(leafHash: leaf, leafIndex: 0, treeSize: 0, proof: [], root: MerkleHash.emptyRoot)
        }
        #expect(throws: LedgerError.invalidLeafIndex(reason: "")) {
            try InclusionProof.verify(leafHash: leaf, leafIndex: 64, treeSize: 64, proof: [], root: root)
        }
        #expect(throws: LedgerError.invalidHashLength(reason: "")) {
            try InclusionProof.verify(leafHash: [1, 2, 3], leafIndex: 0, treeSize: 1, proof: [], root: root)
        }
        #expect(throws: LedgerError.invalidHashLength(reason: "")) {
            try InclusionProof.verify(leafHash: leaf, leafIndex: 0, treeSize: 1, proof: [], root: [])
        }
        #expect(throws: LedgerError.invalidHashLength(reason: "")) {
            try InclusionProof.verify(leafHash: leaf, leafIndex: 0, treeSize: 2, proof: [[0]], root: root)
        }
        #expect(throws: LedgerError.invalidTreeSize(reason: "")) {
            try tree.inclusionProof(leafIndex: 0, treeSize: 65)
        }
        #expect(throws: LedgerError.invalidLeafIndex(reason: "")) {
            try tree.inclusionProof(leafIndex: 10, treeSize: 10)
        }
        #expect(throws: LedgerError.invalidLeafIndex(reason: "")) {
            try tree.leafHash(at: 64)
        }
        #expect(throws: LedgerError.invalidTreeSize(reason: "")) {
            try tree.root(size: 65)
        }
        #expect(throws: LedgerError.invalidTreeSize(reason: "")) {
            try tree.consistencyProof(from: 5, to: 4)
        }
        #expect(throws: LedgerError.invalidTreeSize(reason: "")) {
            try tree.consistencyProof(from: 1, to: 65)
        }
        #expect(throws: LedgerError.invalidTreeSize(reason: "")) {
            try ConsistencyProof.verify(oldSize: 2, newSize: 1, oldRoot: root, newRoot: root, proof: [])
        }
        // Equal sizes need equal roots and no proof; from size 0 the old root is SHA-256("").
        try ConsistencyProof.verify(oldSize: 7, newSize: 7, oldRoot: root, newRoot: root, proof: [])
        #expect(throws: LedgerError.proofMismatch(reason: "")) {
            try ConsistencyProof.verify(oldSize: 7, newSize: 7, oldRoot: root, newRoot: leaf, proof: [])
        }
        #expect(throws: LedgerError.invalidProofLength(reason: "")) {
            try ConsistencyProof.verify(oldSize: 7, newSize: 7, oldRoot: root, newRoot: root, proof: [root])
        }
        try ConsistencyProof.verify(oldSize: 0, newSize: 64, oldRoot: MerkleHash.emptyRoot, newRoot: root, proof: [])
        #expect(throws: LedgerError.proofMismatch(reason: "")) {
            try ConsistencyProof.verify(oldSize: 0, newSize: 64, oldRoot: root, newRoot: root, proof: [])
        }
        #expect(throws: LedgerError.invalidHashLength(reason: "")) {
            try ConsistencyProof.verify(oldSize: 1, newSize: 2, oldRoot: leaf, newRoot: root, proof: [[1]])
        }
        var appendable = MerkleTree()
        #expect(throws: LedgerError.invalidHashLength(reason: "")) {
            try appendable.append(leafHash: [0, 1])
        }
        #expect(appendable.treeSize == 0)
        #expect(try appendable.append(leafHash: leaf) == 0)
        #expect(appendable.append(leaf: [0x01]) == 1)
    }

    @Test func errorsCompareByCodeOnly() {
        #expect(LedgerError.proofMismatch(reason: "a") == LedgerError.proofMismatch(reason: "b"))
        #expect(LedgerError.proofMismatch(reason: "a") != LedgerError.invalidProofLength(reason: "a"))
        #expect(LedgerError.proofMismatch(reason: "a").hashValue == LedgerError.proofMismatch(reason: "b").hashValue)
        #expect(String(describing: LedgerError.malformedNote(reason: "why")) == "LedgerError.malformedNote: why")
    }
}
