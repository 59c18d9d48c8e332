import Foundation
import GRDB
import HandoverClient
import HandoverLedger
import HandoverModel
import HandoverServer
import HandoverTestSupport
import NIOHTTP1
import Testing

/// A translated message keeps the bytes its sender posted beside the canonical translation; its
/// leaves commit to both and record the lawful basis, and `handover audit verify` notices when
/// either the original or the recorded basis is altered.
@Suite(.serialized) struct TranslatedOriginalTests {
    @Test func theOriginalIsKeptCommittedToAndTamperEvident() async throws {
        let gateway = try await HL7ExchangeTests.start()
        let prison = gateway.client(RunningGateway.prison)
        let body = try HL7ExchangeTests.example("prison-hl7v2-referral-REF_I12")
        let accepted = try await HL7ExchangeTests.post(prison, body)
        #expect(accepted.status == 202, "\(accepted.text)")
        let id = try #require(try Messages.string(accepted, "id"))

        // The council receives the translation, with a link to what the prison actually sent.
        let council = gateway.client(RunningGateway.council)
        _ = try await council.inbox()
        let delivered = try await council.download(id)
        #expect(delivered.header("Link") == "</v1/inbox/\(id)/original>; rel=\"original\"")
        let served = try await council.request(.GET, "/v1/inbox/\(id)/original")
        #expect(served.status == 200)
        #expect(served.header("Content-Type") == HL7ExchangeTests.er7Type)
        #expect(served.body == body, "the original is served byte for byte")
        // Only the two parties may see it.
        let icb = gateway.client(RunningGateway.icb)
        #expect(try await icb.request(.GET, "/v1/inbox/\(id)/original").status == 404)
        try await gateway.gateway.issueCheckpoint()
        try await gateway.stop()
        defer { try? FileManager.default.removeItem(at: gateway.folder) }

        let database = gateway.folder.appendingPathComponent("handover.sqlite").path
        let (original, mediaType, leaf) = try await DatabaseQueue(path: database).read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT original, original_media_type FROM message WHERE id = ?", arguments: [id]))
            let leaf = try #require(try Data.fetchOne(db, sql: "SELECT leaf FROM log_leaf WHERE message_id = ? AND kind = 'submitted'", arguments: [id]))
            return ([UInt8](row["original"] as Data), row["original_media_type"] as String, leaf)
        }
        #expect(original == body, "the ER7 bytes are kept exactly as posted")
        #expect(mediaType == HL7ExchangeTests.er7Type)
        let event = try LogEvent.parse(leafBytes: [UInt8](leaf))
        #expect(event.originalCommitment != nil, "the submitted leaf commits to the original")
        #expect(event.basis == "statute:care-act-2014-s76;6(1)(e);9(2)(h)", "HL7 v2 implies Care Act s.76")

        let clean = try CommandLineTests.run(["audit", "verify", "--data", gateway.folder.path])
        #expect(clean.status == 0, "\(clean.output)\(clean.errors)")

        let fixture = AuditCommandTests.Fixture(folder: gateway.folder, messageID: id, payload: [], verifierKey: "")
        let cases: [(String, (Database) throws -> Void, String)] = [
            ("one byte of the original", { db in
                var bytes = original
                bytes[20] ^= 0x01
                try db.execute(sql: "UPDATE message SET original = ? WHERE id = ?", arguments: [Data(bytes), id])
            }, "its original, as the sender posted it, does not match"),
            ("the recorded basis", { db in
                try db.execute(sql: "UPDATE message SET lawful_basis = 'statute:care-act-2014-s42;6(1)(e);9(2)(g)' WHERE id = ?", arguments: [id])
            }, "records a lawful basis that message \(id) does not have"),
        ]
        for (name, change, expected) in cases {
            let copy = try AuditCommandTests.tampered(fixture, change)
            defer { try? FileManager.default.removeItem(at: copy) }
            let result = try CommandLineTests.run(["audit", "verify", "--data", copy.path])
            #expect(result.status == 1, "\(name): \(result.output)\(result.errors)")
            #expect(result.errors.contains(expected), "\(name): \(result.errors)")
        }
    }
}
