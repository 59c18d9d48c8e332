import Crypto
import Foundation
import HandoverModel
import HandoverStore
import Testing

/// The consent registry, in each backend: records, withdrawals that withhold undownloaded shares with a
/// report to each sender, the audit search, all with their leaves in the same transaction.
@Suite struct ConsentRegistryTests {
    static let person = try! NHSNumber(validating: "9434765919")

    static func consent(_ id: ConsentID = ConsentID()) -> Consent {
        Consent(
            id: id, subject: person, givenBy: .bestInterests, givenByName: "Dr A. Decider", decidedAt: Date(timeIntervalSince1970: 1_790_000_000),
            purposes: [.chcAssessment], recipients: [.kind(.icb)], dataCategories: [.healthConditions], validFrom: nil, validUntil: nil,
            recordedBy: "D. Okafor", recordedVia: "la-1", recordedAt: Date(timeIntervalSince1970: 1_790_000_100)
        )
    }

    static func share(on id: ConsentID, nhs: NHSNumber = person, at time: Date = Date()) throws -> NewMessage {
        let bytes = Array(#"{"referralType":"chc-checklist"}"#.utf8)
        let subject = Person(nhsNumber: nhs, name: PersonName(family: "O'Brien", given: ["M"]), birthDate: try CalendarDate(validating: "1938-07-14"))
        return NewMessage(
            envelope: MessageEnvelope(
                id: MessageID(), sender: try MailboxID(validating: "la-1"), recipient: try MailboxID(validating: "icb-1"), kind: .referral,
                conversationId: nil, subject: subject, purpose: .chcAssessment, createdAt: time, senderLocalId: nil, lawfulBasis: .consent(id)
            ),
            subjectJSON: Array(#"{"nhsNumber":"\#(nhs.value)","name":{"family":"O'Brien","given":["M"]},"birthDate":"1938-07-14"}"#.utf8),
            payload: .inline(bytes), payloadSHA256: Array(SHA256.hash(data: bytes)), idempotencyKey: nil,
            requestSHA256: Array(SHA256.hash(data: bytes)), expiresAt: time.addingTimeInterval(3600),
            payloadSalt: [UInt8](repeating: 7, count: 32), payloadCommitment: [UInt8](repeating: 9, count: 32)
        )
    }


    @Test(arguments: StoreBackend.allCases)
    func aRecordIsReadBackWhole(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let store = opened.store
        let consent = Self.consent()
        let leaf = try await store.recordConsent(consent)
        #expect(try await store.consent(consent.id) == consent)
        #expect(try await store.consents(of: Self.person) == [consent])
        #expect(try await store.leaves(ofConsent: consent.id).map(\.index) == [leaf.index])
        #expect(String(decoding: leaf.bytes, as: UTF8.self).contains("kind=consent-recorded\nmessage=\n"))
        await #expect(throws: StoreError(.consentExists, "")) { try await store.recordConsent(consent) }
        await opened.remove()
    }

    @Test(arguments: StoreBackend.allCases)
    func aWithdrawalWithholdsOnlyUndownloadedSharesAndReportsThem(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let store = opened.store
        let consent = Self.consent()
        _ = try await store.recordConsent(consent)
        let fetched = try await store.submit(try Self.share(on: consent.id)).record
        _ = try await store.download(fetched.envelope.id, by: try MailboxID(validating: "icb-1"), now: Date())
        let pending = try await store.submit(try Self.share(on: consent.id)).record
        let now = Date()
        let outcome = try await store.withdrawConsent(
            consent.id, ConsentWithdrawal(withdrawnAt: now, reason: "changed mind", recordedBy: "D. Okafor", recordedVia: "la-1", recordedAt: now)
        )
        #expect(outcome.withheld.map(\.envelope.id) == [pending.envelope.id])
        #expect(try await store.consent(consent.id)?.withdrawal?.reason == "changed mind")
        let inbox = try await store.inbox(of: try MailboxID(validating: "icb-1"), after: nil, limit: 10, now: now)
        #expect(!inbox.messages.contains { $0.envelope.id == pending.envelope.id })
        await #expect(throws: StoreError(.withheld, "")) { _ = try await store.download(pending.envelope.id, by: try MailboxID(validating: "icb-1"), now: now) }
        let reports = try await store.inbox(of: try MailboxID(validating: "la-1"), after: nil, limit: 10, now: now).messages
        #expect(reports.map(\.envelope.kind) == [.nonDeliveryReport] && reports.first?.envelope.conversationId == pending.envelope.id)
        #expect(try await store.share(pending.envelope.id)?.status == .withheld)
        await #expect(throws: StoreError(.consentWithdrawn, "")) { try await store.submit(try Self.share(on: consent.id)) }
        await #expect(throws: StoreError(.consentWithdrawn, "")) {
            try await store.withdrawConsent(consent.id, ConsentWithdrawal(withdrawnAt: now, reason: nil, recordedBy: "x", recordedVia: "cli", recordedAt: now))
        }
        await #expect(throws: StoreError(.consentUnknown, "")) {
            try await store.withdrawConsent(ConsentID(), ConsentWithdrawal(withdrawnAt: now, reason: nil, recordedBy: "x", recordedVia: "cli", recordedAt: now))
        }
        let withheldLeaves = try await store.leaves(of: pending.envelope.id).map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(withheldLeaves.last?.contains("kind=withheld") == true)
        await opened.remove()
    }

    @Test(arguments: StoreBackend.allCases)
    func theAuditSearchFiltersByPersonBasisAndOutcome(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let store = opened.store
        let consent = Self.consent()
        _ = try await store.recordConsent(consent)
        let mine = try await store.submit(try Self.share(on: consent.id, at: Date(timeIntervalSince1970: 1_795_000_000))).record
        let other = try NHSNumber(validating: "9449305552")
        var theirs = Self.consent()
        theirs.subject = other
        _ = try await store.recordConsent(theirs)
        _ = try await store.submit(try Self.share(on: theirs.id, nhs: other, at: Date(timeIntervalSince1970: 1_795_100_000)))
        let byPerson = try await store.shares(matching: ShareQuery(nhsNumber: Self.person), after: nil, limit: 10)
        #expect(byPerson.messages.map(\.envelope.id) == [mine.envelope.id])
        #expect(try await store.shares(matching: ShareQuery(basis: .consent(consent.id)), after: nil, limit: 10).messages.count == 1)
        #expect(try await store.shares(matching: ShareQuery(basis: .anyConsent), after: nil, limit: 10).messages.count == 2)
        #expect(try await store.shares(matching: ShareQuery(basis: .anyStatute), after: nil, limit: 10).messages.isEmpty)
        #expect(try await store.shares(matching: ShareQuery(from: Date(timeIntervalSince1970: 1_795_050_000)), after: nil, limit: 10).messages.count == 1)
        #expect(try await store.shares(matching: ShareQuery(outcome: .accepted), after: nil, limit: 10).messages.count == 2)
        #expect(try await store.shares(matching: ShareQuery(outcome: .acknowledged), after: nil, limit: 10).messages.isEmpty)
        let paged = try await store.shares(matching: ShareQuery(), after: nil, limit: 1)
        #expect(paged.messages.count == 1 && paged.next != nil)
        await opened.remove()
    }

    @Test(arguments: StoreBackend.allCases)
    func aRefusedBatchLeavesNoTraceInTheLog(_ backend: StoreBackend) async throws {
        let opened = try await backend.open()
        let store = opened.store
        let consent = Self.consent()
        _ = try await store.recordConsent(consent)
        // The second message records the same consent again, which is refused after the first
        // message and its own leaf were written: the whole batch goes, leaf indices included.
        let share = try Self.share(on: consent.id)
        var grant = try Self.share(on: consent.id)
        grant.envelope.kind = .consentGrant
        grant.consentChange = .grant(consent)
        await #expect(throws: StoreError(.consentExists, "")) { _ = try await store.submit(batch: [share, grant]) }
        #expect(try await store.leafCount() == 1)
        let next = try await store.submit(try Self.share(on: consent.id))
        #expect(next.submittedLeaf.index == 1, "the next leaf follows the consent's without a gap")
        #expect(try await store.leaves(from: 0, limit: 10).map(\.index) == [0, 1])
        #expect(try await store.share(share.envelope.id) == nil)
        await opened.remove()
    }
}
