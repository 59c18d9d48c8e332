import Foundation
import HandoverLedger
import Testing

/// Known answers from the RFC 6962 test vectors used by public Certificate Transparency code.
///
/// Source: https://github.com/transparency-dev/merkle
/// - `testonly/constants.go` (commit 582a6ad190b6848f1d26f8bf08ddef29955d9db1): `LeafInputs`,
///   `NodeHashes`, `RootHashes`, `EmptyRootHash`;
/// - `proof/verify_test.go` (commit 02194e9afb6c1d95b5381350007963aa70fff472): `inclusionProofs`
///   (whose leaf numbers are 1-based there and 0-based here) and `consistencyProofs`.
/// The same values are in google/certificate-transparency-go and google/trillian, and in
/// `contracts/ledger/rfc6962-vectors.json`.
struct RFC6962VectorTests {
    static let leaves: [[UInt8]] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map { bytes(hex: $0) }

    /// `RootHashes()`, indexed by tree size.
    static let roots: [String] = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    /// `NodeHashes()[0]`: the leaf hashes.
    static let leafHashes: [String] = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
        "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    ]

    /// `inclusionProofs`: (0-based leaf index, tree size, audit path).
    static let inclusionProofs: [(UInt64, UInt64, [String])] = [
        (0, 1, []),
        (0, 8, [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]),
        (5, 8, [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
        (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
        (1, 5, [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ]),
    ]

    /// `consistencyProofs`: (old size, new size, consistency path).
    static let consistencyProofs: [(UInt64, UInt64, [String])] = [
        (1, 1, []),
        (1, 8, [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]),
        (6, 8, [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
        (2, 5, [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ]),
        (6, 7, [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ]),
    ]

    static func tree() -> MerkleTree {
        var tree = MerkleTree()
        for leaf in leaves {
            tree.append(leaf: leaf)
        }
        return tree
    }

    @Test func emptyTreeRootIsSHA256OfNothing() throws {
        #expect(hex(MerkleHash.emptyRoot) == Self.roots[0])
        #expect(hex(MerkleTree().rootHash) == Self.roots[0])
        #expect(MerkleTree().frontier.isEmpty)
    }

    @Test func leafHashes() {
        for (leaf, expected) in zip(Self.leaves, Self.leafHashes) {
            #expect(hex(MerkleHash.leafHash(leaf)) == expected)
        }
    }

    @Test func rootsForEverySize() throws {
        let tree = Self.tree()
        for size in 0...8 {
            #expect(hex(try tree.root(size: UInt64(size))) == Self.roots[size], "size \(size)")
        }
        #expect(hex(tree.rootHash) == Self.roots[8])

        var growing = MerkleTree()
        for (size, leaf) in Self.leaves.enumerated() {
            growing.append(leaf: leaf)
            #expect(hex(growing.rootHash) == Self.roots[size + 1], "root after appending leaf \(size)")
        }
    }

    @Test func inclusionProofs() throws {
        let tree = Self.tree()
        for (index, size, path) in Self.inclusionProofs {
            let proof = try tree.inclusionProof(leafIndex: index, treeSize: size)
            #expect(proof.auditPath.map(hex) == path, "leaf \(index) of \(size)")
            let root = bytes(hex: Self.roots[Int(size)])
            try InclusionProof.verify(
                leafHash: bytes(hex: Self.leafHashes[Int(index)]),
                leafIndex: index,
                treeSize: size,
                proof: path.map { bytes(hex: $0) },
                root: root
            )
        }
    }

    @Test func consistencyProofs() throws {
        let tree = Self.tree()
        for (oldSize, newSize, path) in Self.consistencyProofs {
            let proof = try tree.consistencyProof(from: oldSize, to: newSize)
            #expect(proof.consistencyPath.map(hex) == path, "\(oldSize) to \(newSize)")
            try ConsistencyProof.verify(
                oldSize: oldSize,
                newSize: newSize,
                oldRoot: bytes(hex: Self.roots[Int(oldSize)]),
                newRoot: bytes(hex: Self.roots[Int(newSize)]),
                proof: path.map { bytes(hex: $0) }
            )
        }
    }

    @Test func compactFrontierMatchesCompactTrees() throws {
        // `CompactTrees()` in testonly/constants.go: the frontier after 7 leaves is
        // NodeHashes[2][0], NodeHashes[1][2], NodeHashes[0][6].
        var tree = MerkleTree()
        for leaf in Self.leaves.prefix(7) {
            tree.append(leaf: leaf)
        }
        let rebuilt = try MerkleTree(leafHashes: Self.leafHashes.prefix(7).map { bytes(hex: $0) })
        #expect(rebuilt.rootHash == tree.rootHash)
        #expect(hex(tree.rootHash) == Self.roots[7])
        #expect(tree.frontier.map(hex) == [
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        ])
    }

    /// The vectors file under `contracts/ledger/` must agree with the tree too.
    @Test func contractVectorsFileAgrees() throws {
        struct Vectors: Decodable {
            struct Inclusion: Decodable { let leafIndex: UInt64; let treeSize: UInt64; let proof: [String] }
            struct Consistency: Decodable { let oldSize: UInt64; let newSize: UInt64; let proof: [String] }
            let source: String
            let leaves: [String]
            let nodeHashes: [[String]]
            let rootHashes: [String]
            let inclusionProofs: [Inclusion]
            let consistencyProofs: [Consistency]
        }
        let url = repositoryRoot.appendingPathComponent("contracts/ledger/rfc6962-vectors.json")
        let vectors = try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
        #expect(vectors.source.contains("transparency-dev/merkle"))
        var tree = MerkleTree()
        for leaf in vectors.leaves {
            tree.append(leaf: bytes(hex: leaf))
        }
        #expect(try (0...8).map { hex(try tree.root(size: UInt64($0))) } == vectors.rootHashes)
        #expect(try (0..<8).map { hex(try tree.leafHash(at: UInt64($0))) } == vectors.nodeHashes[0])
        for vector in vectors.inclusionProofs {
            #expect(try tree.inclusionProof(leafIndex: vector.leafIndex, treeSize: vector.treeSize).auditPath.map(hex) == vector.proof)
        }
        for vector in vectors.consistencyProofs {
            #expect(try tree.consistencyProof(from: vector.oldSize, to: vector.newSize).consistencyPath.map(hex) == vector.proof)
        }
    }
}
