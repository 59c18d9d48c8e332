import Foundation
import HandoverLedger
import HandoverServer
import Testing

/// The gateway's log signing key: created owner-only on first start, stable across restarts,
/// rotated without losing the keys that signed old checkpoints.
@Suite struct GatewayKeyringTests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handover-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func theKeyIsCreatedOwnerOnlyAndReusedOnRestart() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try GatewayKeyring.openOrCreate(in: folder, keyName: "handover.test/ledger")
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("ledger-signing-key").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let again = try GatewayKeyring.openOrCreate(in: folder, keyName: "handover.test/ledger")
        #expect(again.signer.verifier.verifierKey == first.signer.verifier.verifierKey)
        #expect(again.verifiers.count == 1)
        #expect(first.signer.keyName == "handover.test/ledger")

        // A key others can read is refused rather than used.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.appendingPathComponent("ledger-signing-key").path)
        #expect(throws: GatewayStartError.self) { try GatewayKeyring.open(in: folder) }
    }

    @Test func rotationKeepsOldCheckpointsVerifiable() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = try GatewayKeyring.openOrCreate(in: folder, keyName: "handover.test/ledger")
        var tree = MerkleTree()
        tree.append(leaf: Array("first".utf8))
        let oldNote = try Checkpoint(origin: "handover.test/ledger", treeSize: 1, rootHash: tree.rootHash).signed(by: old.signer).text

        let rotated = try GatewayKeyring.rotate(in: folder)
        #expect(rotated.signer.verifier.verifierKey != old.signer.verifier.verifierKey)
        #expect(rotated.verifiers.map(\.verifierKey) == [old.signer.verifier.verifierKey, rotated.signer.verifier.verifierKey])
        let reopened = try GatewayKeyring.open(in: folder)
        #expect(reopened.signer.verifier.verifierKey == rotated.signer.verifier.verifierKey)
        #expect(try Checkpoint.open(oldNote, verifiers: reopened.verifiers).treeSize == 1)
        #expect(throws: LedgerError.noKnownSignature(reason: "")) {
            try Checkpoint.open(oldNote, verifiers: [reopened.signer.verifier])
        }
    }
}
