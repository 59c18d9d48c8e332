import Foundation
import GRDB
import HandoverClient
import HandoverLedger
import HandoverModel
import HandoverServer
import HandoverStore
import HandoverTestSupport
import Testing

/// `handover audit` on a real store: a clean log verifies; each kind of tampering is found and
/// named by leaf; bundles exported by the CLI verify offline, in Swift and in an independent
/// Python checker, and edited or truncated bundles are rejected.
@Suite(.serialized) struct AuditCommandTests {
    struct Fixture {
        let folder: URL
        let messageID: String
        let payload: [UInt8]
        let verifierKey: String
    }

    /// A stopped gateway's data folder holding three messages (one acknowledged) and checkpoints.
    static func makeFixture() async throws -> Fixture {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let icb = gateway.client(RunningGateway.icb)
        var first: String?
        for index in 0..<3 {
            let answer = try await council.submit(Messages.referral(localId: "AUDIT-\(index)"))
            first = try first ?? Messages.string(answer, "id")
        }
        try await gateway.gateway.issueCheckpoint()
        let id = try #require(first)
        _ = try await icb.inbox()
        _ = try await icb.download(id)
        _ = try await icb.acknowledge(id)
        try await gateway.gateway.issueCheckpoint()
        let key = try #require(try Messages.string(try await council.logKeys(), "current"))
        try await gateway.stop()
        let text = String(decoding: Messages.referral(localId: "AUDIT-0"), as: UTF8.self)
        let start = try #require(text.range(of: #""payload":"#)).upperBound
        let end = try #require(text.range(of: #","senderLocalId""#)).lowerBound
        return Fixture(folder: gateway.folder, messageID: id, payload: Array(text[start..<end].utf8), verifierKey: key)
    }

    /// A copy of the fixture's folder with `change` applied to its database.
    static func tampered(_ fixture: Fixture, _ change: (Database) throws -> Void) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("handover-tamper-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: fixture.folder, to: copy)
        let database = try DatabaseQueue(path: copy.appendingPathComponent("handover.sqlite").path)
        try database.write(change)
        try database.close()
        return copy
    }

    static func submittedLeaf(_ db: Database, _ id: String) throws -> Int64 {
        try #require(try Int64.fetchOne(db, sql: "SELECT leaf_index FROM log_leaf WHERE message_id = ? AND kind = 'submitted'", arguments: [id]))
    }

    @Test func verifyFindsEachKindOfTamperingAndNamesTheLeaf() async throws {
        let fixture = try await Self.makeFixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let clean = try CommandLineTests.run(["audit", "verify", "--data", fixture.folder.path])
        #expect(clean.status == 0, "\(clean.output)\(clean.errors)")
        #expect(clean.output.contains("verified"))

        var submitted: Int64 = -1
        let cases: [(String, (Database) throws -> Void, () -> String)] = [
            ("one byte of a stored event", { db in
                let leaf = try #require(try Data.fetchOne(db, sql: "SELECT leaf FROM log_leaf WHERE leaf_index = 2"))
                var bytes = [UInt8](leaf)
                bytes[bytes.count - 2] ^= 0x01
                try db.execute(sql: "UPDATE log_leaf SET leaf = ? WHERE leaf_index = 2", arguments: [Data(bytes)])
            }, { "DIVERGENCE leaf 2:" }),
            ("one byte of a payload", { db in
                submitted = try Self.submittedLeaf(db, fixture.messageID)
                let payload = try #require(try Data.fetchOne(db, sql: "SELECT payload FROM message WHERE id = ?", arguments: [fixture.messageID]))
                var bytes = [UInt8](payload)
                bytes[5] ^= 0x01
                try db.execute(sql: "UPDATE message SET payload = ? WHERE id = ?", arguments: [Data(bytes), fixture.messageID])
            }, { "DIVERGENCE leaf \(submitted): message \(fixture.messageID): its payload does not match" }),
            ("a leaf hash", { db in
                try db.execute(sql: "UPDATE log_leaf SET leaf_hash = zeroblob(32) WHERE leaf_index = 1")
            }, { "DIVERGENCE leaf 1:" }),
            ("a deleted row", { db in
                try db.execute(sql: "DELETE FROM log_leaf WHERE leaf_index = 3")
            }, { "DIVERGENCE leaf 3: is missing" }),
            ("an altered event with its hash recomputed", { db in
                let leaf = try #require(try Data.fetchOne(db, sql: "SELECT leaf FROM log_leaf WHERE leaf_index = 0"))
                let bytes = Array(String(decoding: leaf, as: UTF8.self).replacingOccurrences(of: "sender=swindon-asc", with: "sender=wiltshire-asc").utf8)
                try db.execute(
                    sql: "UPDATE log_leaf SET leaf = ?, leaf_hash = ? WHERE leaf_index = 0",
                    arguments: [Data(bytes), Data(MerkleHash.leafHash(bytes))]
                )
            }, { "DIVERGENCE leaf 0: records wiltshire-asc to bsw-icb" }),
            ("a checkpoint forged with another key", { db in
                let size = try #require(try Int64.fetchOne(db, sql: "SELECT MAX(leaf_index) + 1 FROM log_leaf"))
                let hashes = try Data.fetchAll(db, sql: "SELECT leaf_hash FROM log_leaf ORDER BY leaf_index").map { [UInt8]($0) }
                var tree = MerkleTree()
                for hash in hashes { try tree.append(leafHash: hash) }
                let forger = try NoteSigner.generate(keyName: "handover.localhost/ledger")
                let note = try Checkpoint(origin: "handover.localhost/ledger", treeSize: UInt64(size), rootHash: tree.rootHash).signed(by: forger).text
                try db.execute(sql: "DELETE FROM log_checkpoint WHERE tree_size = ?", arguments: [size])
                try db.execute(
                    sql: "INSERT INTO log_checkpoint (tree_size, root_hash, note, issued_at) VALUES (?, ?, ?, 0)",
                    arguments: [size, Data(tree.rootHash), note]
                )
            }, { "is not signed by a key of this gateway" }),
        ]
        for (name, change, expected) in cases {
            let copy = try Self.tampered(fixture, change)
            defer { try? FileManager.default.removeItem(at: copy) }
            let result = try CommandLineTests.run(["audit", "verify", "--data", copy.path])
            #expect(result.status == 1, "\(name): \(result.output)\(result.errors)")
            #expect(result.errors.contains(expected()), "\(name): \(result.errors)")
        }
    }

    @Test func bundlesFromTheCommandLineVerifyOfflineAndResistEditing() async throws {
        let fixture = try await Self.makeFixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("handover-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let bundleFile = work.appendingPathComponent("bundle.json")
        let payloadFile = work.appendingPathComponent("payload.json")
        try Data(fixture.payload).write(to: payloadFile)

        let prove = try CommandLineTests.run([
            "audit", "prove", fixture.messageID, "--data", fixture.folder.path, "--disclose-salt", "-o", bundleFile.path,
        ])
        #expect(prove.status == 0, "\(prove.errors)")

        // Offline, in Swift (the CLI) trusting the published key, and with the payload.
        let check = try CommandLineTests.run([
            "audit", "check-bundle", bundleFile.path, "--key", fixture.verifierKey, "--payload", payloadFile.path,
        ])
        #expect(check.status == 0, "\(check.output)\(check.errors)")
        #expect(check.output.contains("4 events"), "submitted, delivered, downloaded, acknowledged: \(check.output)")
        #expect(check.output.contains("the payload matches"))

        // Independently, in Python with hashlib only.
        let python = try PythonCheck.run("contracts/ledger/verify_proof.py", ["--payload", payloadFile.path, "--bundle", bundleFile.path])
        #expect(python.status == 0, "\(python.output)")
        let lines = python.output.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("ok: event ") }.count == 4, "\(python.output)")
        #expect(lines.contains { $0.hasPrefix("ok: payload matches") }, "\(python.output)")

        // Refused: another key, a truncated file, an edited leaf, another payload.
        let otherKey = try NoteSigner.generate(keyName: "handover.localhost/ledger").verifier.verifierKey
        let forged = try CommandLineTests.run(["audit", "check-bundle", bundleFile.path, "--key", otherKey])
        #expect(forged.status == 1 && forged.errors.contains("REJECTED"), "\(forged.errors)")

        let json = try Data(contentsOf: bundleFile)
        let truncated = work.appendingPathComponent("truncated.json")
        try json.prefix(json.count / 2).write(to: truncated)
        let cut = try CommandLineTests.run(["audit", "check-bundle", truncated.path])
        #expect(cut.status == 1 && cut.errors.contains("malformedBundle"), "\(cut.errors)")

        let bundle = try ProofBundle.decode(json: json)
        var leaf = try #require(bundle.events[1].leafBytes)
        let text = String(decoding: leaf, as: UTF8.self).replacingOccurrences(of: "actor=bsw-icb", with: "actor=hmp-leeds")
        leaf = Array(text.utf8)
        let editedEvent = ProofBundleEvent(leafIndex: bundle.events[1].leafIndex, leaf: Data(leaf).base64EncodedString(), inclusionProof: bundle.events[1].inclusionProof)
        let edited = ProofBundle(
            messageID: bundle.messageID, checkpoint: bundle.checkpoint, verifierKey: bundle.verifierKey,
            events: [bundle.events[0], editedEvent] + bundle.events.dropFirst(2), payload: bundle.payload
        )
        let editedFile = work.appendingPathComponent("edited.json")
        try Data(try edited.json()).write(to: editedFile)
        let editedCheck = try CommandLineTests.run(["audit", "check-bundle", editedFile.path])
        #expect(editedCheck.status == 1 && editedCheck.errors.contains("proofMismatch"), "\(editedCheck.errors)")
        let editedPython = try PythonCheck.run("contracts/ledger/verify_proof.py", ["--bundle", editedFile.path])
        #expect(editedPython.status != 0, "\(editedPython.output)")

        try Data(fixture.payload + Array(" ".utf8)).write(to: payloadFile)
        let otherPayload = try CommandLineTests.run(["audit", "check-bundle", bundleFile.path, "--payload", payloadFile.path])
        #expect(otherPayload.status == 1 && otherPayload.errors.contains("commitmentMismatch"), "\(otherPayload.errors)")
    }
}
