import AsyncHTTPClient
import Foundation
import GRDB
import HandoverClient
import HandoverLedger
import HandoverModel
import HandoverServer
import HandoverStore
import HandoverTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// `handover audit verify` checks the consent registry too: every consent-recorded and
/// consent-withdrawn leaf against the record it commits to, and the Python verifier knows the
/// new leaf kinds.
@Suite struct ConsentAuditTests {
    @Test func theLogVerifiesWithConsentEventsAndAnAlteredConsentIsFound() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let consentID = UUID().uuidString.lowercased()
        #expect(try await council.post("/v1/consents", json: Messages.consent(id: consentID)).status == 201)
        let shared = try await council.submit(Messages.referral(localId: "V-1", basis: Messages.consentBasis(consentID)))
        let id = try #require(try Messages.string(shared, "id"))
        #expect(try await council.post("/v1/consents/\(consentID)/withdraw", json: Messages.withdrawal).status == 200)
        try await gateway.gateway.issueCheckpoint()
        let verifiers = gateway.gateway.ledger.keyring.verifiers
        let clean = try await LedgerAudit(store: gateway.gateway.store, verifiers: verifiers).run()
        #expect(clean.isClean, "\(clean.divergences)")

        let bundle = try #require(try await gateway.gateway.ledger.proofBundle(for: try MessageID(validating: id), disclosingSalt: false, now: Date()))
        let file = gateway.folder.appendingPathComponent("bundle.json")
        try Data(try bundle.json()).write(to: file)
        let python = try PythonCheck.run("contracts/ledger/verify_proof.py", ["--bundle", file.path])
        #expect(python.status == 0, "the withheld leaf verifies in Python: \(python.output)")
        try await gateway.stop()

        let database = try DatabaseQueue(path: gateway.folder.appendingPathComponent("handover.sqlite").path)
        try await database.write { db in try db.execute(sql: "UPDATE consent SET purposes = 'direct-care' WHERE id = ?", arguments: [consentID]) }
        try database.close()
        let store = try SQLiteStore(directory: gateway.folder)
        let altered = try await LedgerAudit(store: store, verifiers: verifiers).run()
        #expect(altered.divergences.contains { $0.reason.contains("consent \(consentID)") }, "\(altered.divergences)")
        try? FileManager.default.removeItem(at: gateway.folder)
    }
}
