import Foundation
import HandoverModel
import HandoverStore
import Testing

/// On SQLite a MESH token claim is staged: it commits with the store's next write, or alone once
/// awaited, is durable either way, and holds the token from the moment it is made.
@Suite struct StagedWriteTests {
    private func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("handover-staged-\(UUID().uuidString)")
    }

    private func token(_ nonce: String, now: Date) -> MESHTokenUse {
        MESHTokenUse(mailbox: "X26ABC1", nonce: nonce, nonceCount: "1", expiresAt: now.addingTimeInterval(7200), retryable: false)
    }

    @Test func aClaimCommitsWithTheNextWriteEvenOneThatFails() async throws {
        let directory = folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(directory: directory)
        let now = Date()
        let council = try MailboxID(validating: "la-1")
        let first = try #require(try await store.claimMESHToken(token("rides-along", now: now), now: now))
        #expect(try await store.liveMESHTokens(now: now).isEmpty, "a staged claim waits for a commit")

        // Nothing has awaited the claims, so only the next write's commit can have written them.
        await #expect(throws: (any Error).self, "a MESH mailbox needs its partner registered first") {
            try await store.saveMESHMailbox(MESHMailbox(id: "X26ABC1", partner: council, password: "secret"))
        }
        #expect(try await store.liveMESHTokens(now: now).map(\.nonce) == ["rides-along"], "a refused write rolls back only itself")

        let second = try #require(try await store.claimMESHToken(token("with-a-partner", now: now), now: now))
        let organisation = Organisation(kind: .localAuthority, identifier: try OrganisationIdentifier(scheme: .gss, value: "E06000030"), name: "Swindon")
        try await store.savePartner(Partner(mailbox: council, name: "Swindon", organisation: organisation, format: .handoverJSON))
        #expect(try await store.liveMESHTokens(now: now).map(\.nonce).sorted() == ["rides-along", "with-a-partner"])
        try await first.durable()
        try await second.durable()
    }

    @Test func aClaimHoldsItsTokenBeforeAndAfterItsCommit() async throws {
        let directory = folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(directory: directory)
        let now = Date()
        let use = token("once", now: now)
        let claim = try #require(try await store.claimMESHToken(use, now: now))
        #expect(try await store.claimMESHToken(use, now: now) == nil, "claimed, though not yet on disk")
        try await claim.durable()
        #expect(try await store.claimMESHToken(use, now: now) == nil, "claimed and on disk")

        var released = use
        released.retryable = true
        try await store.saveMESHToken(released)
        let retry = try #require(try await store.claimMESHToken(use, now: now), "a released token may be used once more")
        try await retry.durable()
        #expect(try await store.claimMESHToken(use, now: now) == nil, "and then it is used")
        #expect(try await store.claimMESHToken(use, now: now.addingTimeInterval(7201)) != nil, "outside its window it no longer counts")
    }

    @Test func claimsAloneCommitWhenAwaitedAndSurviveReopening() async throws {
        let directory = folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = Date()
        do {
            let store = try SQLiteStore(directory: directory)
            var claims: [StagedWrite] = []
            for index in 0..<3 { claims.append(try #require(try await store.claimMESHToken(token("alone-\(index)", now: now), now: now))) }
            for claim in claims { try await claim.durable() }
            try await claims[0].durable()  // awaiting again returns the same outcome at once
        }
        let reopened = try SQLiteStore(directory: directory)
        #expect(try await reopened.liveMESHTokens(now: now).map(\.nonce).sorted() == ["alone-0", "alone-1", "alone-2"])
        #expect(try await reopened.claimMESHToken(token("alone-1", now: now), now: now) == nil)
    }
}
