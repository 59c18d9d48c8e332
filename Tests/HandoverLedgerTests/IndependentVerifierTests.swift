import Foundation
import HandoverLedger
import HandoverTestSupport
import Testing

/// Proofs from the Swift tree checked by `contracts/ledger/verify_proof.py`, an independent
/// RFC 9162 verifier in Python using only its standard library.
struct IndependentVerifierTests {
    struct Document {
        var leafHash: [UInt8]
        var leafIndex: UInt64
        var treeSize: UInt64
        var proof: [[UInt8]]
        var rootHash: [UInt8]
        var oldSize: UInt64
        var newSize: UInt64
        var oldRoot: [UInt8]
        var newRoot: [UInt8]
        var consistency: [[UInt8]]

        var json: String {
            func list(_ hashes: [[UInt8]]) -> String {
                "[" + hashes.map { "\"\(hex($0))\"" }.joined(separator: ", ") + "]"
            }
            return """
                {"leafHash": "\(hex(leafHash))", "leafIndex": \(leafIndex), "treeSize": \(treeSize),
                 "proof": \(list(proof)), "rootHash": "\(hex(rootHash))",
                 "consistency": {"oldSize": \(oldSize), "newSize": \(newSize), "oldRoot": "\(hex(oldRoot))",
                                 "newRoot": "\(hex(newRoot))", "proof": \(list(consistency))}}
                """
        }
    }

    static func randomTree(leaves: Int) -> MerkleTree {
        var generator = SystemRandomNumberGenerator()
        var tree = MerkleTree()
        for _ in 0..<leaves {
            let length = Int.random(in: 0...64, using: &generator)
            tree.append(leaf: (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        return tree
    }

    /// Runs the checker on `json`, written to a file that follows `options` on the command line
    /// (the plain proof document mode when `options` is empty, `["--bundle"]` for a proof
    /// bundle); returns its exit status and output.
    static func runChecker(_ json: String, options: [String] = []) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("handover-ledger-proof-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        return try PythonCheck.run("contracts/ledger/verify_proof.py", options + [file.path])
    }

    static func document() throws -> Document {
        let tree = randomTree(leaves: 1000)
        var generator = SystemRandomNumberGenerator()
        let index = UInt64.random(in: 0..<1000, using: &generator)
        let oldSize = UInt64.random(in: 1..<1000, using: &generator)
        return Document(
            leafHash: try tree.leafHash(at: index),
            leafIndex: index,
            treeSize: 1000,
            proof: try tree.inclusionProof(leafIndex: index, treeSize: 1000).auditPath,
            rootHash: tree.rootHash,
            oldSize: oldSize,
            newSize: 1000,
            oldRoot: try tree.root(size: oldSize),
            newRoot: tree.rootHash,
            consistency: try tree.consistencyProof(from: oldSize, to: 1000).consistencyPath
        )
    }

    @Test func pythonCheckerAcceptsGeneratedProofs() throws {
        let document = try Self.document()
        let result = try Self.runChecker(document.json)
        #expect(result.status == 0, "verify_proof.py said: \(result.output)")
        #expect(result.output.contains("ok: inclusion of leaf \(document.leafIndex) in tree size 1000"))
        #expect(result.output.contains("ok: consistency from tree size \(document.oldSize) to 1000"))
    }

    @Test func pythonCheckerRejectsOneFlippedByte() throws {
        let document = try Self.document()
        var badInclusion = document
        badInclusion.proof[0] = flipping(badInclusion.proof[0], byte: 7)
        var badRoot = document
        badRoot.rootHash = flipping(badRoot.rootHash, byte: 31)
        var badConsistency = document
        badConsistency.consistency[0] = flipping(badConsistency.consistency[0], byte: 0)
        for bad in [badInclusion, badRoot, badConsistency] {
            let result = try Self.runChecker(bad.json)
            #expect(result.status == 1, "verify_proof.py said: \(result.output)")
            #expect(result.output.contains("FAILED"))
        }
    }
}
