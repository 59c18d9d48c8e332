import Foundation
import HandoverClient
import HandoverLedger
import HandoverServer
import HandoverStore
import HandoverTestSupport
import NIOHTTP1
import Testing

/// Two gateway nodes over one PostgreSQL database, each serving real HTTP on 127.0.0.1 with its
/// own data folder (holding a copy of the one signing key): what one node accepts, the other
/// delivers, and both answer for the same log.
@Suite struct MultiNodeTests {
    /// Starts two nodes on a fresh database; checkpoints are issued by the test alone.
    static func startPair(
        configure extra: @escaping (inout GatewayConfiguration) -> Void = { _ in }
    ) async throws -> (RunningGateway, RunningGateway) {
        let url = try await TestPostgres.freshDatabase()
        func configure(_ configuration: inout GatewayConfiguration) {
            configuration.store = GatewayConfiguration.Store(postgres: url)
            configuration.ledger.checkpointIntervalSeconds = 3600
            extra(&configuration)
        }
        let a = try await RunningGateway.start(configure: configure)
        // Nodes sharing a database share the signing key: copy it into the second node's folder.
        let folderB = FileManager.default.temporaryDirectory.appendingPathComponent("handover-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folderB, withIntermediateDirectories: true)
        for file in ["ledger-signing-key", "ledger-verifier-keys"] {
            let copy = folderB.appendingPathComponent(file)
            try FileManager.default.copyItem(at: a.folder.appendingPathComponent(file), to: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: copy.path)
        }
        let b = try await RunningGateway.start(folder: folderB, keys: a.keys, configure: configure)
        return (a, b)
    }

    @Test func aMessageAcceptedOnOneNodeIsDeliveredAndAcknowledgedOnTheOther() async throws {
        let (a, b) = try await Self.startPair()
        let councilA = a.client(RunningGateway.council)
        let icbA = a.client(RunningGateway.icb)
        let icbB = b.client(RunningGateway.icb)

        let receipt = try await councilA.submit(Messages.referral(localId: "NODE-1"))
        #expect(receipt.status == 202, "\(receipt.text)")
        let id = try #require(try Messages.string(receipt, "id"))
        let second = try #require(try Messages.string(try await councilA.submit(Messages.referral(localId: "NODE-2")), "id"))

        #expect(try Messages.ids(try await icbB.inbox()) == [id, second])
        let delivered = try await icbB.download(id)
        #expect(delivered.status == 200)
        #expect(try Messages.object(delivered.body)["senderLocalId"] as? String == "NODE-1")
        #expect(try await icbB.acknowledge(id).status == 200)
        // Acknowledged on B, it is gone from the inbox on A; the other message waits on both.
        #expect(try Messages.ids(try await icbA.inbox()) == [second])
        #expect(try Messages.ids(try await icbB.inbox()) == [second])
        #expect(try Messages.string(try await councilA.track(id), "status") == "acknowledged")

        // A resubmission on the other node is the same message, not a new one.
        let retried = try await b.client(RunningGateway.council).submit(Messages.referral(localId: "NODE-1"))
        #expect(try Messages.string(retried, "id") == id)

        // Both nodes answer for the same log: a checkpoint issued by A verifies with B's key,
        // B's proofs match its root, and both trees agree leaf for leaf.
        let checkpoint = try #require(try await a.gateway.issueCheckpoint())
        let size = checkpoint.treeSize
        #expect(size == 2 + 2 + 1 + 1, "two submitted, two delivered, one downloaded, one acknowledged")
        let verifier = try NoteVerifier(verifierKey: try #require(try Messages.string(try await icbB.logKeys(), "current")))
        let fromB = try Checkpoint.open(try await icbB.checkpoint().text, verifiers: [verifier])
        #expect(fromB.treeSize == size && fromB.rootHash == checkpoint.rootHash)
        #expect(try await b.gateway.ledger.root(size: size) == checkpoint.rootHash)
        let leaves = try await b.gateway.store.leaves(from: 0, limit: 100)
        #expect(leaves.map(\.index) == Array(0..<size))
        let submitted = try Messages.object(receipt.body)["receipt"] as? [String: Any]
        let leafIndex = try #require(submitted?["leafIndex"] as? Int)
        let proof = try Messages.object(try await icbB.inclusionProof(leaf: String(leafIndex), size: String(size)).body)
        try InclusionProof(leafIndex: UInt64(leafIndex), treeSize: size, auditPath: try LogAPITests.hashes(proof["auditPath"]))
            .verify(leafHash: leaves[leafIndex].hash, root: checkpoint.rootHash)
        let consistency = try Messages.object(try await councilA.consistencyProof(from: "2", to: String(size)).body)
        try ConsistencyProof(oldSize: 2, newSize: size, consistencyPath: try LogAPITests.hashes(consistency["consistencyPath"]))
            .verify(oldRoot: try await b.gateway.ledger.root(size: 2), newRoot: checkpoint.rootHash)

        try await a.stopAndRemove()
        try await b.stopAndRemove()
    }

    @Test func twoNodesTakingSubmissionsAtOnceKeepOneDenseLog() async throws {
        let (a, b) = try await Self.startPair()
        let clients = [a.client(RunningGateway.council), b.client(RunningGateway.council)]
        let ids = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<30 {
                let client = clients[index % 2]
                group.addTask { try Messages.string(try await client.submit(Messages.referral(localId: "BURST-\(index)")), "id") }
            }
            return try await group.reduce(into: Set<String>()) { if let id = $1 { $0.insert(id) } }
        }
        #expect(ids.count == 30)
        // Both nodes poll the same inbox at once: each message is listed to both, delivered once.
        async let pageA = a.client(RunningGateway.icb).inbox(limit: 100)
        async let pageB = b.client(RunningGateway.icb).inbox(limit: 100)
        let (listedA, listedB) = try await (pageA, pageB)
        #expect(Set(try Messages.ids(listedA)) == ids)
        #expect(Set(try Messages.ids(listedB)) == ids)
        let leaves = try await a.gateway.store.leaves(from: 0, limit: 1000)
        #expect(leaves.map(\.index) == Array(0..<60), "30 submitted and 30 delivered leaves, without gaps")
        let checkpointA = try #require(try await a.gateway.issueCheckpoint())
        let checkpointB = try #require(try await b.gateway.issueCheckpoint())
        #expect(checkpointB.treeSize == 60 && checkpointB.note == checkpointA.note, "the second node finds the first node's checkpoint of the same tree")
        try await a.stopAndRemove()
        try await b.stopAndRemove()
    }

    @Test func theCommandLineManagesPartnersInTheSharedDatabase() async throws {
        let url = try await TestPostgres.freshDatabase()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handover-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["HANDOVER_POSTGRES_URL": url]
        let added = try CommandLineTests.run(
            [
                "partner", "add", "--data", folder.path, "--mailbox", "leeds-asc", "--name", "Leeds ASC",
                "--kind", "local-authority", "--scheme", "gss", "--code", "E08000035", "--organisation", "Leeds City Council",
            ],
            environment: environment
        )
        #expect(added.status == 0, "\(added.errors)")
        let key = try #require(added.output.split(separator: "\n").first { $0.hasPrefix("hok_") })
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("handover.sqlite").path), "nothing went to SQLite")
        let listed = try CommandLineTests.run(["partner", "list", "--data", folder.path], environment: environment)
        #expect(listed.output.contains("leeds-asc\tlocal-authority\tgss:E08000035"), "\(listed.output)")

        let node = try await RunningGateway.start { $0.store = GatewayConfiguration.Store(postgres: url) }
        #expect(try await node.client("leeds-asc", key: String(key)).inbox().status == 200, "a node sees the partner the CLI added")
        try await node.stopAndRemove()
    }

    @Test func aMESHUploadTakesItsChunksOnEitherNode() async throws {
        let (a, b) = try await Self.startPair(configure: MESHGateway.configuration)
        let councilA = MESHCaller(gateway: a, mailbox: MESHGateway.council)
        let councilB = MESHCaller(gateway: b, mailbox: MESHGateway.council)
        let icbB = MESHCaller(gateway: b, mailbox: MESHGateway.icb)
        let first = try await councilA.send(to: MESHGateway.icb, Array("one".utf8), headers: [("mex-Chunk-Range", "1:3")])
        #expect(first.status == 202, "\(first.text)")
        let id = try #require(try Messages.string(first, "message_id"))
        let second = try await councilB.request(.POST, "/outbox/\(id)/2", body: Array("-2".utf8), headers: [("mex-Chunk-Range", "2:3")])
        #expect(second.status == 202, "\(second.text)")
        let count = try await MESHCaller(gateway: a, mailbox: MESHGateway.icb).request(.GET, "/count")
        #expect(try Messages.object(count.body)["count"] as? Int == 0, "an incomplete upload is not delivered")
        let third = try await councilA.request(.POST, "/outbox/\(id)/3", body: Array("-3".utf8), headers: [("mex-Chunk-Range", "3:3")])
        #expect(third.status == 202, "\(third.text)")
        var joined: [UInt8] = []
        for number in 1...3 {
            let part = try await icbB.request(.GET, number == 1 ? "/inbox/\(id)" : "/inbox/\(id)/\(number)")
            #expect(part.status == (number < 3 ? 206 : 200), "\(part.text)")
            joined += part.body
        }
        #expect(String(decoding: joined, as: UTF8.self) == "one-2-3")
        let acknowledged = try await MESHCaller(gateway: a, mailbox: MESHGateway.icb).request(.PUT, "/inbox/\(id)/status/acknowledged")
        #expect(acknowledged.status == 200, "\(acknowledged.text)")
        let after = try await icbB.request(.GET, "/count")
        #expect(try Messages.object(after.body)["count"] as? Int == 0, "acknowledged on A, the message is gone on B")
        // NHSMESH tokens are single-use across the nodes.
        let token = councilA.token(nonce: "two-nodes", count: 1)
        #expect(try await councilA.request(.GET, "/count", token: token).status == 200)
        #expect(try await councilB.request(.GET, "/count", token: token).status == 403, "a token used on A is refused on B")
        try await a.stopAndRemove()
        try await b.stopAndRemove()
    }
}
