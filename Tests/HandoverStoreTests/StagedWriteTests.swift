import Foundation
import HandoverModel
import HandoverStore
import Testing

/// A staged MESH token claim commits with the store's next write, or alone once awaited, and is
/// durable either way.
@Suite struct StagedWriteTests {
    private func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("handover-staged-\(UUID().uuidString)")
    }

    private func token(_ nonce: String, now: Date) -> MESHTokenUse {
        MESHTokenUse(mailbox: "X26ABC1", nonce: nonce, nonceCount: "1", expiresAt: now.addingTimeInterval(7200), retryable: false)
    }

    @Test func aStagedClaimCommitsWithTheNextWriteEvenOneThatFails() async throws {
        let directory = folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(directory: directory)
        let now = Date()
        let council = try MailboxID(validating: "la-1")
        let first = store.stageMESHToken(token("rides-along", now: now))
        #expect(try await store.liveMESHTokens(now: now).isEmpty, "a staged claim waits for a commit")

        // Nothing has awaited the staged claims, so only the next write's commit can have written them.
        await #expect(throws: (any Error).self, "a MESH mailbox needs its partner registered first") {
            try await store.saveMESHMailbox(MESHMailbox(id: "X26ABC1", partner: council, password: "secret"))
        }
        #expect(try await store.liveMESHTokens(now: now).map(\.nonce) == ["rides-along"], "a refused write rolls back only itself")

        let second = store.stageMESHToken(token("with-a-partner", now: now))
        let organisation = Organisation(kind: .localAuthority, identifier: try OrganisationIdentifier(scheme: .gss, value: "E06000030"), name: "Swindon")
        try await store.savePartner(Partner(mailbox: council, name: "Swindon", organisation: organisation, format: .handoverJSON))
        #expect(try await store.liveMESHTokens(now: now).map(\.nonce).sorted() == ["rides-along", "with-a-partner"])
        try await first.durable()
        try await second.durable()
    }

    @Test func aStagedClaimAloneCommitsWhenAwaitedAndSurvivesReopening() async throws {
        let directory = folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let now = Date()
        do {
            let store = try SQLiteStore(directory: directory)
            let claims = (0..<3).map { store.stageMESHToken(token("alone-\($0)", now: now)) }
            for claim in claims { try await claim.durable() }
            try await claims[0].durable()  // awaiting again returns the same outcome at once
        }
        let reopened = try SQLiteStore(directory: directory)
        #expect(try await reopened.liveMESHTokens(now: now).map(\.nonce).sorted() == ["alone-0", "alone-1", "alone-2"])
    }
}
