import Foundation
import HandoverClient
import HandoverServer
import NIOHTTP1
import HandoverModel
import Testing

/// Durability across restarts, expiry with non-delivery reports, and large bodies on disk.
@Suite struct LifecycleTests {
    @Test func acceptedMessagesSurviveARestart() async throws {
        let first = try await RunningGateway.start()
        let council = first.client(RunningGateway.council)
        var ids: [String] = []
        for index in 0..<3 {
            ids.append(try #require(try Messages.string(try await council.submit(Messages.referral(localId: "R-\(index)")), "id")))
        }
        let icb = first.client(RunningGateway.icb)
        _ = try await icb.download(ids[0])
        #expect(try await icb.acknowledge(ids[0]).status == 200)
        try await first.stop()

        let second = try await RunningGateway.start(folder: first.folder, keys: first.keys)
        let inbox = try await second.client(RunningGateway.icb).inbox()
        #expect(try Messages.ids(inbox) == Array(ids[1...]))
        let message = try await second.client(RunningGateway.icb).download(ids[2])
        #expect(message.status == 200)
        #expect(try Messages.object(message.body)["senderLocalId"] as? String == "R-2")
        try await second.stopAndRemove()
    }

    @Test func unacknowledgedMessagesExpireWithANonDeliveryReport() async throws {
        let clock = ManualClock()
        let gateway = try await RunningGateway.start(clock: clock) { $0.retention.expirySeconds = 5 * 24 * 3600 }
        let council = gateway.client(RunningGateway.council)
        let icb = gateway.client(RunningGateway.icb)
        let id = try #require(try Messages.string(try await council.submit(Messages.referral(localId: "EXP-1")), "id"))
        let acknowledged = try #require(try Messages.string(try await council.submit(Messages.referral(localId: "EXP-2")), "id"))
        _ = try await icb.download(acknowledged)
        _ = try await icb.acknowledge(acknowledged)

        clock.advance(by: 5 * 24 * 3600 - 1)
        #expect(try await gateway.gateway.sweepExpired() == 0, "nothing expires a second early")
        clock.advance(by: 2)
        #expect(try await gateway.gateway.sweepExpired() == 1, "only the unacknowledged message expires")

        #expect(try Messages.ids(try await icb.inbox()).isEmpty)
        #expect(try await icb.download(id).status == 410)
        let tracked = try Messages.object(try await council.track(id).body)
        #expect(tracked["status"] as? String == "expired")
        #expect(try Messages.string(try await council.track(acknowledged), "status") == "acknowledged")

        let reports = try await council.inbox()
        let reportIds = try Messages.ids(reports)
        #expect(reportIds.count == 1)
        let report = try Messages.object(try await council.download(try #require(reportIds.first)).body)
        #expect(report["kind"] as? String == "non-delivery-report")
        #expect(report["sender"] as? String == "handover")
        #expect(report["conversationId"] as? String == id)
        let payload = try #require(report["payload"] as? [String: Any])
        #expect(payload["originalMessageId"] as? String == id)
        #expect(payload["originalSenderLocalId"] as? String == "EXP-1")
        #expect(payload["recipient"] as? String == RunningGateway.icb)
        try await gateway.stopAndRemove()
    }

    @Test func largeBodiesAreStreamedToDiskAndBack() async throws {
        let gateway = try await RunningGateway.start { $0.limits.inlineMessageBytes = 4 * 1024 }
        let note = String((0..<300_000).map { _ in "abcdefghij".randomElement() ?? "a" })
        let body = Messages.referral(note: note)
        let receipt = try await gateway.client(RunningGateway.council).submit(body)
        #expect(receipt.status == 202)
        let id = try #require(try Messages.string(receipt, "id"))
        let payloadFile = gateway.folder.appendingPathComponent("payloads").appendingPathComponent(id)
        #expect(FileManager.default.fileExists(atPath: payloadFile.path), "the payload is kept as a file")
        let spool = try FileManager.default.contentsOfDirectory(atPath: gateway.folder.appendingPathComponent("spool").path)
        #expect(spool.isEmpty)

        let target = gateway.folder.appendingPathComponent("downloaded.json")
        let answer = try await gateway.client(RunningGateway.icb).download(id, to: target) { _, _ in }
        #expect(answer.status == 200)
        let downloaded = try Messages.object(Array(try Data(contentsOf: target)))
        let payload = try #require(downloaded["payload"] as? [String: Any])
        #expect(payload["note"] as? String == note)
        try await gateway.stopAndRemove()
    }
}
