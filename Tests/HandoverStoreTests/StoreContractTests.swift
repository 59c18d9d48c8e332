import Crypto
import Foundation
import HandoverModel
import HandoverStore
import Testing

@Suite struct SQLiteStoreTests {
    private func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("handover-store-\(UUID().uuidString)")
    }

    private func partner(_ name: String) throws -> Partner {
        Partner(
            mailbox: try MailboxID(validating: name),
            name: name,
            organisation: Organisation(kind: .icb, identifier: try OrganisationIdentifier(scheme: .ods, value: "QOX"), name: name),
            format: .handoverJSON,
            apiKeyHashes: [Self.hash(name)]
        )
    }

    private func message(from sender: String, to recipient: String, key: String? = nil, body: String = "{}", at time: Date = Date()) throws -> NewMessage {
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

    @Test func everyEventIsALeafInTheSameCommitWithDenseIndices() async throws {
        let directory = folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(directory: directory)
        let outcomes = try await withThrowingTaskGroup(of: SubmitOutcome.self) { group in
            for index in 0..<50 {
                group.addTask { try await store.submit(try message(from: "la-1", to: "icb-1", key: "leaf-\(index)")) }
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
        let again = try await store.submit(try message(from: "la-1", to: "icb-1", key: "leaf-0"))
        let original = try #require(outcomes.first { $0.record.envelope.senderLocalId == "leaf-0" })
        #expect(again.submittedLeaf == original.submittedLeaf)
        #expect(try await store.leafCount() == rejection.index + 1)
    }

    @Test func writesAreFullySynchronous() throws {
        let directory = folder()
        let store = try SQLiteStore(directory: directory)
        #expect(try store.synchronousMode() == 2, "PRAGMA synchronous must be FULL (2) on the writer")
        try? FileManager.default.removeItem(at: directory)
    }

    @Test func concurrentSubmissionsShareCommitsAndAllSurviveReopening() async throws {
        let directory = folder()
        let store = try SQLiteStore(directory: directory)
        try await store.savePartner(try partner("la-1"))
        try await store.savePartner(try partner("icb-1"))
        let ids = try await withThrowingTaskGroup(of: MessageID.self) { group in
            for index in 0..<200 {
                group.addTask { try await store.submit(try message(from: "la-1", to: "icb-1", key: "k\(index)")).record.envelope.id }
            }
            return try await group.reduce(into: Set<MessageID>()) { $0.insert($1) }
        }
        #expect(ids.count == 200)

        let reopened = try SQLiteStore(directory: directory)
        let page = try await reopened.inbox(of: try MailboxID(validating: "icb-1"), after: nil, limit: 500, now: Date())
        #expect(Set(page.messages.map(\.envelope.id)) == ids)
        #expect(page.messages.map(\.sequence) == page.messages.map(\.sequence).sorted())
        #expect(page.next == nil)
        try? FileManager.default.removeItem(at: directory)
    }

    @Test func aFailingWriteDoesNotSpoilItsGroup() async throws {
        let directory = folder()
        let store = try SQLiteStore(directory: directory)
        let first = try message(from: "la-1", to: "icb-1", key: "same", body: #"{"v":1}"#)
        let conflicting = try message(from: "la-1", to: "icb-1", key: "same", body: #"{"v":2}"#)
        async let a = store.submit(first)
        async let b = store.submit(conflicting)
        var failures = 0
        do { _ = try await a } catch { failures += 1 }
        do { _ = try await b } catch { failures += 1 }
        #expect(failures == 1, "one of the two uses of the key is refused")
        let page = try await store.inbox(of: try MailboxID(validating: "icb-1"), after: nil, limit: 10, now: Date())
        #expect(page.messages.count == 1)
        try? FileManager.default.removeItem(at: directory)
    }

    @Test func partnersAreFoundByKeyHashAndMailbox() async throws {
        let directory = folder()
        let store = try SQLiteStore(directory: directory)
        var icb = try partner("icb-1")
        try await store.savePartner(icb)
        #expect(try await store.partner(apiKeyHash: icb.apiKeyHashes[0])?.mailbox == icb.mailbox)
        icb.apiKeyHashes = [String(repeating: "b", count: 64)]
        try await store.savePartner(icb)
        #expect(try await store.partner(apiKeyHash: Self.hash("icb-1")) == nil, "a rotated key no longer matches")
        #expect(try await store.partner(icb.mailbox)?.apiKeyHashes == icb.apiKeyHashes)
        try? FileManager.default.removeItem(at: directory)
    }
}

@Suite struct SQLiteStoreExpiryTests {
    @Test func expiryPurgesPayloadsKeepsRecordsAndReportsToTheSender() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("handover-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(directory: directory)
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let text = #"{"recipient":"icb-1","payload":{"large":"yes"}}"#
        let body = Array(text.utf8)
        let payloadRange = 31..<46  // {"large":"yes"}
        #expect(String(decoding: body[payloadRange], as: UTF8.self) == #"{"large":"yes"}"#)
        let spool = directory.appendingPathComponent("incoming.spool")
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
        let payloadFile = store.payloadDirectory.appendingPathComponent(id.value)
        #expect(FileManager.default.fileExists(atPath: payloadFile.path), "the spool file became the payload file")
        #expect(!FileManager.default.fileExists(atPath: spool.path))
        #expect(accepted.record.payloadLength == payloadRange.count)

        #expect(try await store.expire(now: start.addingTimeInterval(59), reportsExpireAt: start).isEmpty)
        let expired = try await store.expire(now: start.addingTimeInterval(60), reportsExpireAt: start.addingTimeInterval(3600))
        #expect(expired.map(\.envelope.id) == [id])
        #expect(!FileManager.default.fileExists(atPath: payloadFile.path), "the payload is purged")
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
        #expect(try await store.expire(now: start.addingTimeInterval(120), reportsExpireAt: start).isEmpty, "nothing expires twice")
    }
}
