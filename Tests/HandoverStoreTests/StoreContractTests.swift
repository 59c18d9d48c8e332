import Crypto
import Foundation
import HandoverModel
import HandoverStore
import HandoverTestSupport
import Testing

/// The contract every `Store` backend keeps, run against each (`StoreBackend`).
@Suite struct StoreContractTests {
    static func partner(_ name: String) throws -> Partner {
        Partner(
            mailbox: try MailboxID(validating: name),
            name: name,
            organisation: Organisation(kind: .icb, identifier: try OrganisationIdentifier(scheme: .ods, value: "QOX"), name: name),
            format: .handoverJSON,
            apiKeyHashes: [Self.hash(name)]
        )
    }

    static func message(from sender: String, to recipient: String, key: String? = nil, body: String = "{}", at time: Date = Date()) throws -> NewMessage {
        let bytes = Array(body.utf8)
        return NewMessage(
            envelope: MessageEnvelope(
                id: MessageID(),
                sender: try MailboxID(validating: sender),
                recipient: try MailboxID(validating: recipient),
                kind: .referral,
                conversationId: nil,
                subject: nil,
                purpose: .directCare,
                createdAt: time,
                senderLocalId: key
            ),
            subjectJSON: nil,
            payload: .inline(bytes),
            payloadSHA256: Array(SHA256.hash(data: bytes)),
            idempotencyKey: key,
            requestSHA256: Array(SHA256.hash(data: bytes)),
            expiresAt: time.addingTimeInterval(3600),
            payloadSalt: [UInt8](repeating: 7, count: 32),
            payloadCommitment: [UInt8](repeating: 9, count: 32)
        )
    }

    /// A stand-in key hash, distinct per partner name.
    static func hash(_ name: String) -> String {
        let hex = name.utf8.map { String($0, radix: 16) }.joined()
        return String((hex + String(repeating: "0", count: 64)).prefix(64))
    }

    @Test(arguments: StoreBackend.allCases)
    func everyEventIsALeafInTheSameCommitWithDenseIndices(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let store = opened.store
        let outcomes = try await withThrowingTaskGroup(of: SubmitOutcome.self) { group in
            for index in 0..<50 {
                group.addTask { try await store.submit(try Self.message(from: "la-1", to: "icb-1", key: "leaf-\(index)")) }
            }
            return try await group.reduce(into: [SubmitOutcome]()) { $0.append($1) }
        }
        #expect(Set(outcomes.map(\.submittedLeaf.index)) == Set(0..<50), "one leaf each, indices dense from 0")
        let recipient = try MailboxID(validating: "icb-1")
        let first = outcomes[0].record.envelope.id
        _ = try await store.inbox(of: recipient, after: nil, limit: 500, now: Date())
        _ = try await store.download(first, by: recipient, now: Date())
        _ = try await store.acknowledge(first, by: recipient, now: Date())
        let rejection = try await store.recordRejection(
            Rejection(actor: try MailboxID(validating: "la-1"), recipient: "nowhere", messageID: nil, time: Date(), reason: "422 unknown-recipient")
        )
        #expect(rejection.index == 50 + 50 + 2, "50 submitted, 50 delivered, one downloaded and acknowledged")
        #expect(try await store.leafCount() == rejection.index + 1)
        #expect(try await store.rejectionReason(leaf: rejection.index) == "422 unknown-recipient")

        let all = try await store.leaves(from: 0, limit: 1000)
        #expect(all.map(\.index) == Array(0...rejection.index))
        let ofFirst = try await store.leaves(of: first)
        #expect(ofFirst.count == 4)
        #expect(ofFirst.first == outcomes[0].submittedLeaf)
        let text = String(decoding: ofFirst[3].bytes, as: UTF8.self)
        #expect(text.hasPrefix("handover-leaf/v1\nkind=acknowledged\nmessage=\(first)\nsender=la-1\nrecipient=icb-1\nactor=icb-1\n"))
        #expect(text.hasSuffix("commitment=\(String(repeating: "09", count: 32))\n"))
        #expect(ofFirst.allSatisfy { $0.hash == Array(SHA256.hash(data: [0] + $0.bytes)) }, "leaf hash is SHA-256(0x00 || leaf)")

        // A resubmission gets the original's leaf; nothing new is appended.
        let again = try await store.submit(try Self.message(from: "la-1", to: "icb-1", key: "leaf-0"))
        let original = try #require(outcomes.first { $0.record.envelope.senderLocalId == "leaf-0" })
        guard case .duplicate(let record, _) = again else {
            Issue.record("a resubmission is a duplicate")
            return
        }
        #expect(record.envelope.id == original.record.envelope.id)
        #expect(again.submittedLeaf == original.submittedLeaf)
        #expect(try await store.leafCount() == rejection.index + 1)
        await opened.remove()
    }

    @Test(arguments: StoreBackend.allCases)
    func twoNodesOverOneDatabaseAppendDenseLeavesInIndexOrder(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let nodes = [opened.store, try await opened.reopen()]
        let outcomes = try await withThrowingTaskGroup(of: SubmitOutcome.self) { group in
            for index in 0..<40 {
                let node = nodes[index % 2]
                group.addTask { try await node.submit(try Self.message(from: "la-1", to: "icb-1", key: "n\(index)")) }
            }
            return try await group.reduce(into: [SubmitOutcome]()) { $0.append($1) }
        }
        #expect(Set(outcomes.map(\.submittedLeaf.index)) == Set(0..<40))
        // Both nodes list the inbox at once: every message is delivered once, with one leaf.
        let recipient = try MailboxID(validating: "icb-1")
        async let pageA = nodes[0].inbox(of: recipient, after: nil, limit: 100, now: Date())
        async let pageB = nodes[1].inbox(of: recipient, after: nil, limit: 100, now: Date())
        let (a, b) = try await (pageA, pageB)
        #expect(a.messages.count == 40 && b.messages.count == 40)
        #expect(try await nodes[0].leafCount() == 80, "40 submitted and 40 delivered leaves, whichever node marked them")
        let leaves = try await nodes[1].leaves(from: 0, limit: 1000)
        #expect(leaves.map(\.index) == Array(0..<80))
        #expect(try await nodes[0].leaves(from: 0, limit: 1000) == leaves)
        // Sequence numbers grow in commit order, so leaf order and message order agree.
        let submittedOrder = leaves.compactMap { leaf -> String? in
            let lines = String(decoding: leaf.bytes, as: UTF8.self).split(separator: "\n")
            return lines[1] == "kind=submitted" ? String(lines[2].dropFirst("message=".count)) : nil
        }
        #expect(submittedOrder == a.messages.map(\.envelope.id.value))
        // Acknowledged through one node, a message is gone from the other's inbox.
        let id = a.messages[0].envelope.id
        _ = try await nodes[0].download(id, by: recipient, now: Date())
        _ = try await nodes[0].acknowledge(id, by: recipient, now: Date())
        let after = try await nodes[1].inbox(of: recipient, after: nil, limit: 100, now: Date())
        #expect(!after.messages.contains { $0.envelope.id == id } && after.messages.count == 39)
        await opened.remove([nodes[1]])
    }

    @Test func nodesStartingTogetherMigrateOnce() async throws {
        let url = try await TestPostgres.freshDatabase()
        let stores = try await withThrowingTaskGroup(of: PostgresStore.self) { group in
            for _ in 0..<4 { group.addTask { try await PostgresStore.open(url: url) } }
            return try await group.reduce(into: [PostgresStore]()) { $0.append($1) }
        }
        #expect(stores.count == 4)
        for (index, store) in stores.enumerated() {
            _ = try await store.submit(try Self.message(from: "la-1", to: "icb-1", key: "start-\(index)"))
        }
        #expect(try await stores[0].leafCount() == 4)
        for store in stores { await store.close() }
    }

    @Test(arguments: StoreBackend.allCases)
    func writesAreDurableBeforeTheyReturn(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        if let sqlite = opened.store as? SQLiteStore {
            #expect(try sqlite.synchronousMode() == 2, "PRAGMA synchronous must be FULL (2) on the writer")
        } else {
            let postgres = try #require(opened.store as? PostgresStore)
            #expect(try await postgres.synchronousCommit() == "on")
        }
        await opened.remove()
    }

    @Test func aDatabaseDefaultCannotTurnDurableCommitsOff() async throws {
        let url = try await TestPostgres.freshDatabase(settings: [("synchronous_commit", "off")])
        let store = try await PostgresStore.open(url: url)
        #expect(try await store.synchronousCommit() == "on", "the store's sessions ask for synchronous_commit = on")
        await store.close()
    }

    @Test(arguments: StoreBackend.allCases)
    func concurrentSubmissionsAllSurviveReopening(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let store = opened.store
        try await store.savePartner(try Self.partner("la-1"))
        try await store.savePartner(try Self.partner("icb-1"))
        let ids = try await withThrowingTaskGroup(of: MessageID.self) { group in
            for index in 0..<200 {
                group.addTask { try await store.submit(try Self.message(from: "la-1", to: "icb-1", key: "k\(index)")).record.envelope.id }
            }
            return try await group.reduce(into: Set<MessageID>()) { $0.insert($1) }
        }
        #expect(ids.count == 200)

        let reopened = try await opened.reopen()
        let page = try await reopened.inbox(of: try MailboxID(validating: "icb-1"), after: nil, limit: 500, now: Date())
        #expect(Set(page.messages.map(\.envelope.id)) == ids)
        #expect(page.messages.map(\.sequence) == page.messages.map(\.sequence).sorted())
        #expect(page.next == nil)
        let firstPage = try await reopened.outbox(of: try MailboxID(validating: "la-1"), after: nil, limit: 150)
        #expect(firstPage.messages.count == 150 && firstPage.next == firstPage.messages.last?.sequence)
        let rest = try await reopened.outbox(of: try MailboxID(validating: "la-1"), after: firstPage.next, limit: 150)
        #expect(rest.messages.count == 50 && rest.next == nil)
        await opened.remove([reopened])
    }

    @Test(arguments: StoreBackend.allCases)
    func aReusedKeyWithAnotherBodyIsRefusedAndSpoilsNothing(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let store = opened.store
        // Ten keys, each used at once for two bodies: the writes share commits, and each refusal
        // rolls back only its own part, leaf index included.
        let results = await withTaskGroup(of: Result<SubmitOutcome, StoreError>.self) { group in
            for pair in 0..<10 {
                for version in 1...2 {
                    group.addTask {
                        do {
                            return .success(try await store.submit(try Self.message(from: "la-1", to: "icb-1", key: "same-\(pair)", body: #"{"v":\#(version)}"#)))
                        } catch let error as StoreError {
                            return .failure(error)
                        } catch {
                            return .failure(StoreError(.storage, "\(error)"))
                        }
                    }
                }
            }
            return await group.reduce(into: [Result<SubmitOutcome, StoreError>]()) { $0.append($1) }
        }
        let failures = results.compactMap { if case .failure(let error) = $0 { error } else { nil } }
        #expect(failures == Array(repeating: StoreError(.idempotencyMismatch, ""), count: 10), "one of the two uses of each key is refused")
        let accepted = results.compactMap { try? $0.get() }
        #expect(Set(accepted.map(\.submittedLeaf.index)) == Set(0..<10), "the refusals took no leaf index")
        let page = try await store.inbox(of: try MailboxID(validating: "icb-1"), after: nil, limit: 100, now: Date())
        #expect(page.messages.count == 10)
        #expect(try await store.leafCount() == 20, "ten submitted and ten delivered leaves; the refusals appended none")
        #expect(try await store.leaves(from: 0, limit: 100).map(\.index) == Array(0..<20))
        await opened.remove()
    }

    @Test(arguments: StoreBackend.allCases)
    func partnersAreFoundByKeyHashAndMailbox(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let store = opened.store
        var icb = try Self.partner("icb-1")
        icb.signingKeys = [PartnerPublicKey(kid: "k1", algorithm: "EdDSA", publicKey: [UInt8](repeating: 3, count: 32))]
        try await store.savePartner(icb)
        #expect(try await store.partner(apiKeyHash: icb.apiKeyHashes[0]) == icb)
        icb.apiKeyHashes = [String(repeating: "b", count: 64)]
        icb.certificateFingerprints = [String(repeating: "c", count: 64)]
        try await store.savePartner(icb)
        #expect(try await store.partner(apiKeyHash: Self.hash("icb-1")) == nil, "a rotated key no longer matches")
        #expect(try await store.partner(icb.mailbox)?.apiKeyHashes == icb.apiKeyHashes)
        #expect(try await store.partner(certificateFingerprint: String(repeating: "C", count: 64))?.mailbox == icb.mailbox)
        #expect(try await store.partners() == [icb])
        await opened.remove()
    }

    @Test(arguments: StoreBackend.allCases)
    func theLifecycleRunsFromInboxToAcknowledgement(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let store = opened.store
        let sender = try MailboxID(validating: "la-1")
        let recipient = try MailboxID(validating: "icb-1")
        let submitted = try await store.submit(try Self.message(from: "la-1", to: "icb-1", body: #"{"a":1}"#)).record
        let id = submitted.envelope.id
        await #expect(throws: StoreError(.conflict, "")) { _ = try await store.acknowledge(id, by: recipient, now: Date()) }
        await #expect(throws: StoreError(.notFound, "")) { _ = try await store.download(id, by: sender, now: Date()) }
        let listed = try await store.inbox(of: recipient, after: nil, limit: 10, now: Date())
        #expect(listed.messages.map(\.envelope.id) == [id] && listed.messages[0].status == .delivered)
        #expect(try await store.inboxCount(of: recipient) == 1)
        let (record, location) = try await store.download(id, by: recipient, now: Date())
        #expect(record.status == .downloaded)
        #expect(try location.bytes() == Array(#"{"a":1}"#.utf8))
        // A whole millisecond, as every backend keeps times.
        let acknowledgedAt = Date(timeIntervalSince1970: 1_790_000_000.25)
        let acknowledged = try await store.acknowledge(id, by: recipient, now: acknowledgedAt)
        #expect(acknowledged.status == .acknowledged)
        let again = try await store.acknowledge(id, by: recipient, now: acknowledgedAt.addingTimeInterval(60))
        #expect(again.acknowledgedAt == acknowledgedAt, "acknowledging twice returns the first acknowledgement")
        #expect(try await store.inbox(of: recipient, after: nil, limit: 10, now: Date()).messages.isEmpty)
        #expect(try await store.inboxCount(of: recipient) == 0)
        #expect(try await store.message(id, visibleTo: sender)?.status == .acknowledged)
        #expect(try await store.message(id, visibleTo: try MailboxID(validating: "hmp-leeds")) == nil)
        let (_, original) = try #require(try await store.original(of: id, visibleTo: sender))
        #expect(original?.bytes == Array(#"{"a":1}"#.utf8))
        let kinds = try await store.leaves(of: id).map { String(decoding: $0.bytes, as: UTF8.self).split(separator: "\n")[1] }
        #expect(kinds == ["kind=submitted", "kind=delivered", "kind=downloaded", "kind=acknowledged"])
        let evidence = try #require(try await store.evidence(after: 0, limit: 10).first)
        #expect(evidence.salt == [UInt8](repeating: 7, count: 32))
        #expect(try evidence.payload?.bytes() == Array(#"{"a":1}"#.utf8))

        let checkpoint = StoredCheckpoint(treeSize: 4, rootHash: [UInt8](repeating: 1, count: 32), note: "note", issuedAt: Date(timeIntervalSince1970: 1_790_000_000))
        try await store.saveCheckpoint(checkpoint)
        try await store.saveCheckpoint(StoredCheckpoint(treeSize: 4, rootHash: [], note: "other", issuedAt: Date()))
        #expect(try await store.checkpoints() == [checkpoint], "a second checkpoint of the same size is ignored")
        #expect(try await store.latestCheckpoint() == checkpoint)
        await opened.remove()
    }
}

@Suite struct StoreExpiryTests {
    @Test(arguments: StoreBackend.allCases)
    func twoNodesSweepingAtOnceExpireEachMessageOnce(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let nodes = [opened.store, try await opened.reopen()]
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        for index in 0..<20 {
            _ = try await nodes[index % 2].submit(try StoreContractTests.message(from: "la-1", to: "icb-1", key: "x\(index)", at: start))
        }
        let now = start.addingTimeInterval(3600)
        async let sweepA = nodes[0].expire(now: now, reportsExpireAt: now.addingTimeInterval(3600))
        async let sweepB = nodes[1].expire(now: now, reportsExpireAt: now.addingTimeInterval(3600))
        let (a, b) = try await (sweepA, sweepB)
        #expect(a.count + b.count == 20, "each message is expired by one node only")
        #expect(Set((a + b).map(\.envelope.id)).count == 20)
        let reports = try await nodes[1].inbox(of: try MailboxID(validating: "la-1"), after: nil, limit: 100, now: now)
        #expect(reports.messages.count == 20, "one non-delivery report per message")
        #expect(try await nodes[0].leaves(from: 0, limit: 1000).map(\.index) == Array(0..<80), "20 submitted, 20 expired, 20 reports, 20 delivered")
        await opened.remove([nodes[1]])
    }

    @Test(arguments: StoreBackend.allCases)
    func expiryPurgesPayloadsKeepsRecordsAndReportsToTheSender(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let store = opened.store
        let spoolFolder = FileManager.default.temporaryDirectory.appendingPathComponent("handover-spool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: spoolFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: spoolFolder) }
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let text = #"{"recipient":"icb-1","payload":{"large":"yes"}}"#
        let body = Array(text.utf8)
        let payloadRange = 31..<46  // {"large":"yes"}
        #expect(String(decoding: body[payloadRange], as: UTF8.self) == #"{"large":"yes"}"#)
        let spool = spoolFolder.appendingPathComponent("incoming.spool")
        try Data(body).write(to: spool)
        let sender = try MailboxID(validating: "la-1")
        let recipient = try MailboxID(validating: "icb-1")
        let id = MessageID()
        let accepted = try await store.submit(
            NewMessage(
                envelope: MessageEnvelope(
                    id: id, sender: sender, recipient: recipient, kind: .referral, conversationId: nil,
                    subject: nil, purpose: .directCare, createdAt: start, senderLocalId: "L-1"
                ),
                subjectJSON: nil,
                payload: .file(spool, offset: payloadRange.lowerBound, length: payloadRange.count),
                payloadSHA256: Array(SHA256.hash(data: body[payloadRange])),
                idempotencyKey: "L-1",
                requestSHA256: Array(SHA256.hash(data: body)),
                expiresAt: start.addingTimeInterval(60),
                payloadSalt: [UInt8](repeating: 7, count: 32),
                payloadCommitment: [UInt8](repeating: 9, count: 32)
            )
        )
        #expect(!FileManager.default.fileExists(atPath: spool.path), "the store took the spool file over")
        #expect(accepted.record.payloadLength == payloadRange.count)
        let payloadFile = (store as? SQLiteStore)?.payloadDirectory.appendingPathComponent(id.value)
        if let payloadFile {
            #expect(FileManager.default.fileExists(atPath: payloadFile.path), "the spool file became the payload file")
        }
        let stored = try #require(try await store.evidence(of: id)?.payload)
        #expect(try stored.bytes() == Array(body[payloadRange]), "only the payload's range of the body is the payload")

        #expect(try await store.expire(now: start.addingTimeInterval(59), reportsExpireAt: start).isEmpty)
        let expired = try await store.expire(now: start.addingTimeInterval(60), reportsExpireAt: start.addingTimeInterval(3600))
        #expect(expired.map(\.envelope.id) == [id])
        if let payloadFile {
            #expect(!FileManager.default.fileExists(atPath: payloadFile.path), "the payload file is purged")
        }
        let record = try #require(try await store.message(id, visibleTo: sender))
        #expect(record.status == .expired)
        #expect(record.payloadPurged)
        #expect(record.payloadSHA256 == accepted.record.payloadSHA256, "the record and its digest stay")
        let evidence = try #require(try await store.evidence(of: id))
        #expect(evidence.salt == nil, "the salt goes with the payload")
        #expect(evidence.payload == nil)
        #expect(evidence.record.payloadCommitment == accepted.record.payloadCommitment, "the commitment stays for the log")
        let kinds = try await store.leaves(of: id).map { String(decoding: $0.bytes, as: UTF8.self).split(separator: "\n")[1] }
        #expect(kinds == ["kind=submitted", "kind=expired"])
        await #expect(throws: StoreError(.gone, "")) { _ = try await store.download(id, by: recipient, now: start.addingTimeInterval(61)) }

        let reports = try await store.inbox(of: sender, after: nil, limit: 10, now: start)
        #expect(reports.messages.map(\.envelope.kind) == [.nonDeliveryReport])
        #expect(reports.messages.first?.envelope.conversationId == id)
        let report = try #require(reports.messages.first)
        let (_, content) = try await store.download(report.envelope.id, by: sender, now: start)
        #expect(String(decoding: try content.bytes(), as: UTF8.self).contains(#""originalMessageId":"\#(id)""#))
        #expect(try await store.expire(now: start.addingTimeInterval(120), reportsExpireAt: start).isEmpty, "nothing expires twice")
        await opened.remove()
    }
}
