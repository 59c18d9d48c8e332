import Crypto
import Foundation
import HandoverModel
import HandoverStore
import Testing

/// A chunked MESH upload through the store alone, in each backend: chunks in order or retried,
/// refused out of order, read back whole, then accepted as one message with its metadata.
@Suite struct MESHUploadStoreTests {
    /// A synced spool file holding `bytes`, as the MESH API hands chunks to the store.
    static func spool(_ bytes: [UInt8], in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("\(UUID().uuidString).spool")
        try Data(bytes).write(to: url)
        return url
    }

    @Test(arguments: StoreBackend.allCases)
    func aChunkedUploadBecomesOneMessage(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let store = opened.store
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handover-chunks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let sender = try MailboxID(validating: "la-1")
        let id = MessageID()
        let metadata = MESHMetadata(workflowID: "WF1", sender: "X26ABC1", recipient: "X26ABC2", localID: "L-9", fileName: "report.pdf")
        let chunks: [[UInt8]] = [Array(repeating: 1, count: 1000), Array(repeating: 2, count: 1000), Array(repeating: 3, count: 10)]
        let created = Date(timeIntervalSince1970: 1_790_000_000)
        let upload = MESHUpload(id: id, sender: sender, metadata: metadata, totalChunks: 3, receivedChunks: 1, createdAt: created)

        let first = try Self.spool(chunks[0], in: folder)
        try await store.beginMESHUpload(upload, firstChunk: first, length: chunks[0].count)
        #expect(!FileManager.default.fileExists(atPath: first.path), "the store took the chunk over")
        await #expect(throws: StoreError(.conflict, "")) {
            _ = try await store.addMESHChunk(id, of: sender, number: 3, file: try Self.spool(chunks[2], in: folder), length: chunks[2].count)
        }
        await #expect(throws: StoreError(.notFound, "")) {
            _ = try await store.addMESHChunk(id, of: try MailboxID(validating: "icb-1"), number: 2, file: try Self.spool(chunks[1], in: folder), length: 1000)
        }
        // A retried chunk replaces the earlier copy.
        _ = try await store.addMESHChunk(id, of: sender, number: 2, file: try Self.spool(Array(repeating: 9, count: 1000), in: folder), length: 1000)
        _ = try await store.addMESHChunk(id, of: sender, number: 2, file: try Self.spool(chunks[1], in: folder), length: 1000)
        let last = try await store.addMESHChunk(id, of: sender, number: 3, file: try Self.spool(chunks[2], in: folder), length: chunks[2].count)
        #expect(last.receivedChunks == 3 && last.totalChunks == 3)
        #expect(try await store.meshUpload(id)?.metadata.fileName == "report.pdf")

        let stored = try await store.meshChunks(id)
        #expect(try stored.map { try $0.bytes() } == chunks)

        let document = chunks.flatMap { $0 }
        let descriptor = Array(#"{"document":"report.pdf"}"#.utf8)
        let message = NewMessage(
            envelope: MessageEnvelope(
                id: id, sender: sender, recipient: try MailboxID(validating: "icb-1"), kind: .referral, conversationId: nil,
                subject: nil, purpose: .directCare, createdAt: created.addingTimeInterval(5), senderLocalId: "L-9"
            ),
            subjectJSON: nil, payload: .inline(descriptor), payloadSHA256: Array(SHA256.hash(data: descriptor)), idempotencyKey: nil,
            requestSHA256: Array(SHA256.hash(data: document)), expiresAt: created.addingTimeInterval(3600),
            payloadSalt: [UInt8](repeating: 7, count: 32), payloadCommitment: [UInt8](repeating: 9, count: 32)
        )
        var complete = metadata
        complete.chunkLengths = chunks.map(\.count)
        complete.content = .inline(document)
        let outcome = try await store.completeMESHUpload(id, message: message, metadata: complete)
        #expect(outcome.record.envelope.id == id)
        #expect(try await store.meshChunks(id).isEmpty, "the chunks go once the message exists")
        #expect(try await store.meshUpload(id)?.completedAt == created.addingTimeInterval(5))
        let read = try #require(try await store.meshMetadata(id))
        #expect(read.chunkLengths == [1000, 1000, 10] && read.localID == "L-9")
        #expect(try read.content?.bytes() == document)
        #expect(try await store.meshMetadata([id, MessageID()]).keys.sorted { $0.value < $1.value } == [id])
        #expect(try await store.leaves(of: id).count == 1)

        // The recipient's download carries the metadata and is logged like any download.
        let downloadedAt = created.addingTimeInterval(60)
        let (downloaded, _, downloadedMetadata) = try await store.downloadMESH(id, by: try MailboxID(validating: "icb-1"), now: downloadedAt)
        #expect(downloaded.downloadedAt == downloadedAt)
        #expect(downloadedMetadata?.chunkLengths == [1000, 1000, 10] && downloadedMetadata?.workflowID == "WF1")
        #expect(try downloadedMetadata?.content?.bytes() == document)
        #expect(try await store.leaves(of: id).count == 2)
        await #expect(throws: StoreError(.notFound, "")) {
            _ = try await store.downloadMESH(id, by: sender, now: downloadedAt)
        }
        await opened.remove()
    }

    @Test(arguments: StoreBackend.allCases)
    func mailboxesAndTokensAreKept(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let store = opened.store
        try await store.savePartner(try StoreContractTests.partner("la-1"))
        try await store.saveMESHMailbox(MESHMailbox(id: "x26abc1", partner: try MailboxID(validating: "la-1"), password: "pw"))
        try await store.saveMESHMailbox(MESHMailbox(id: "X26ABC9", partner: try MailboxID(validating: "la-1"), password: "pw2"))
        #expect(try await store.meshMailboxes().map(\.id) == ["X26ABC9"], "a partner has at most one mailbox")
        #expect(try await store.meshMailbox("X26ABC9")?.password == "pw2")
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        var token = MESHTokenUse(mailbox: "X26ABC9", nonce: "n", nonceCount: "1", expiresAt: now.addingTimeInterval(60), retryable: true)
        try await store.saveMESHToken(token)
        token.retryable = false
        try await store.saveMESHToken(token)
        #expect(try await store.liveMESHTokens(now: now) == [token], "a second use replaces the record")
        try await store.pruneMESHTokens(now: now.addingTimeInterval(61))
        #expect(try await store.liveMESHTokens(now: now).isEmpty)
        await opened.remove()
    }

    /// Claims `token` and waits for the claim to be durable; false when it is refused.
    private func claimed(_ store: any Store, _ token: MESHTokenUse, now: Date) async throws -> Bool {
        guard let claim = try await store.claimMESHToken(token, now: now) else { return false }
        try await claim.durable()
        return true
    }

    @Test(arguments: StoreBackend.allCases)
    func aTokenIsClaimedOnceWhicheverNodeSeesIt(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        // Several nodes share a PostgreSQL database; one gateway process owns an SQLite store,
        // which keeps its claims in memory, so there the two "nodes" are one store.
        let nodes = backend == .postgres ? [opened.store, try await opened.reopen()] : [opened.store, opened.store]
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let token = MESHTokenUse(mailbox: "X26ABC1", nonce: "n1", nonceCount: "1", expiresAt: now.addingTimeInterval(60), retryable: false)
        #expect(try await claimed(nodes[0], token, now: now))
        #expect(try await !claimed(nodes[1], token, now: now), "a token used on one node is refused on the other")
        var released = token
        released.retryable = true
        try await nodes[0].saveMESHToken(released)
        #expect(try await claimed(nodes[1], token, now: now), "a released token may be used once more")
        #expect(try await !claimed(nodes[0], token, now: now))
        #expect(try await claimed(nodes[0], token, now: now.addingTimeInterval(61)), "outside its window the record no longer counts")
        // Claimed at once on both nodes, a fresh token goes to exactly one.
        let fresh = MESHTokenUse(mailbox: "X26ABC1", nonce: "n2", nonceCount: "1", expiresAt: now.addingTimeInterval(60), retryable: false)
        async let first = claimed(nodes[0], fresh, now: now)
        async let second = claimed(nodes[1], fresh, now: now)
        let claims = try await [first, second]
        #expect(claims.filter { $0 }.count == 1)
        await opened.remove(backend == .postgres ? [nodes[1]] : [])
    }
}
