import Foundation
import HandoverClient
import HandoverModel
import HandoverServer
import HandoverStore
import HandoverTestSupport
import NIOHTTP1
import Testing

/// MESH mailboxes are Handover partners: what is sent through one API can be collected through
/// the other, and both leave the same trail in the store and log.
@Suite struct MESHCrossAPITests {
    @Test func aNativeMessageReachesTheMESHInboxAndItsDownloadIsRecorded() async throws {
        let gateway = try await MESHGateway.start()
        let council = gateway.client(RunningGateway.council)
        let receipt = try await council.submit(Messages.referral(localId: "X-1"))
        #expect(receipt.status == 202, "\(receipt.text)")
        let id = try #require(try Messages.string(receipt, "id"))
        let icb = MESHCaller(gateway: gateway, mailbox: MESHGateway.icb)
        let listing = try Messages.object(try await icb.request(.GET, "/inbox").body)
        #expect(listing["messages"] as? [String] == [id.uppercased()])
        let message = try await icb.request(.GET, "/inbox/\(id.uppercased())")
        #expect(message.status == 200)
        #expect(message.header("mex-WorkflowID") == "HANDOVER_REFERRAL")
        #expect(message.header("mex-From") == MESHGateway.council)
        #expect(message.header("mex-LocalID") == "X-1")
        #expect(try Messages.object(message.body)["kind"] as? String == "referral", "the body is the canonical message")
        #expect(try await icb.request(.PUT, "/inbox/\(id.uppercased())/status/acknowledged").status == 200)
        let tracked = try Messages.object(try await council.track(id).body)
        #expect(tracked["status"] as? String == "acknowledged")
        #expect(tracked["downloadedAt"] != nil && tracked["deliveredAt"] != nil)
        let events = try await gateway.gateway.store.leaves(of: try MessageID(validating: id))
        let kinds = events.map { String(decoding: $0.bytes, as: UTF8.self) }
        for event in ["submitted", "delivered", "downloaded", "acknowledged"] {
            #expect(kinds.contains { $0.contains(event) }, "the log records \(event)")
        }
        try await gateway.stopAndRemove()
    }

    @Test func aMESHDocumentIsCollectedNativelyAsADescriptor() async throws {
        let gateway = try await MESHGateway.start()
        let council = MESHCaller(gateway: gateway, mailbox: MESHGateway.council)
        let sent = try await council.send(to: MESHGateway.icb, Array("a,b,c\n".utf8), headers: [("mex-FileName", "x.csv"), ("mex-LocalID", "D-1")])
        #expect(sent.status == 202, "\(sent.text)")
        let meshID = try #require(try Messages.string(sent, "message_id"))
        let icb = gateway.client(RunningGateway.icb)
        let inbox = try Messages.ids(try await icb.inbox())
        #expect(inbox == [meshID.lowercased()])
        let native = try Messages.object(try await icb.download(meshID.lowercased()).body)
        #expect(native["kind"] as? String == "document")
        #expect(native["purpose"] as? String == "direct-care")
        let payload = try #require(native["payload"] as? [String: Any])
        #expect(payload["workflowId"] as? String == MESHGateway.workflow)
        #expect(payload["fileName"] as? String == "x.csv")
        #expect(payload["size"] as? Int == 6)
        #expect((payload["lawfulBasis"] as? [String: Any])?["statute"] as? String == "health-and-social-care-act-2012-s251b")
        #expect(try await icb.acknowledge(meshID.lowercased()).status == 200)
        let tracking = try Messages.object(try await council.request(.GET, "/outbox/tracking?messageID=\(meshID)").body)
        #expect(tracking["status"] as? String == "acknowledged")
        #expect(tracking["local_id"] as? String == "D-1")
        try await gateway.stopAndRemove()
    }

    @Test func theWorkflowTableMatchesItsContract() throws {
        let file = PythonCheck.root.appendingPathComponent("contracts/mesh/workflows.json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let rows = try #require(document["workflows"] as? [[String: String]])
        let table = Dictionary(uniqueKeysWithValues: rows.compactMap { row in row["workflowId"].map { ($0, row["kind"] ?? "") } })
        let kinds = MessageKind.allCases.filter { $0 != .document }
        #expect(table.count == kinds.count)
        for kind in kinds {
            #expect(table["HANDOVER_" + kind.rawValue.uppercased().replacingOccurrences(of: "-", with: "_")] == kind.rawValue)
        }
    }

    @Test func gzipRoundTripsConcatenatedMembersAndCapsInflation() throws {
        let text = Array(String(repeating: "9434765919,SMITH\n", count: 1000).utf8)
        let packed = Gzip.compress(text)
        #expect(packed.count < text.count / 10)
        #expect(try Gzip.inflate(packed, limit: text.count) == text)
        #expect(try Gzip.inflate(packed + Gzip.compress(Array("tail".utf8)), limit: text.count + 4) == text + Array("tail".utf8))
        #expect(throws: Gzip.Failure.tooLarge(limit: 100)) { try Gzip.inflate(packed, limit: 100) }
        #expect(throws: Gzip.Failure.corrupt) { try Gzip.inflate(Array(packed.dropLast(8)), limit: text.count) }
        #expect(throws: Gzip.Failure.corrupt) { try Gzip.inflate(Array("not gzip".utf8), limit: 100) }
    }
}
