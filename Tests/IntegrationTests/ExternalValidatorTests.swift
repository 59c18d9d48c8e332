import Foundation
import HandoverClient
import HandoverModel
import HandoverServer
import HandoverTestSupport
import Testing

/// What the gateway delivers is checked with `jsonschema` (PyPI), a validator nobody here wrote,
/// against the published schema in `contracts/canonical/message.schema.json`.
@Suite struct ExternalValidatorTests {
    static func validate(_ files: [URL]) throws -> (status: Int32, output: String) {
        try PythonCheck.run("contracts/canonical/check_examples.py", ["message"] + files.map(\.path))
    }

    @Test func deliveredMessagesAndReportsMatchThePublishedSchema() async throws {
        let clock = ManualClock()
        let gateway = try await RunningGateway.start(clock: clock)
        let council = gateway.client(RunningGateway.council)
        let icb = gateway.client(RunningGateway.icb)
        let referral = try #require(try Messages.string(try await council.submit(Messages.referral(localId: "V-1")), "id"))
        let unanswered = try #require(try Messages.string(try await council.submit(Messages.referral(localId: "V-2")), "id"))
        let reply = Array(#"{"recipient":"swindon-asc","kind":"acknowledgement","conversationId":"\#(referral)","payload":{"outcome":"received"}}"#.utf8)
        let replyAnswer = try await icb.submit(reply)
        #expect(replyAnswer.status == 202, "\(replyAnswer.text)")
        let acknowledgement = try #require(try Messages.string(replyAnswer, "id"))
        var files: [URL] = []
        for (client, id) in [(icb, referral), (council, acknowledgement)] {
            let message = try await client.download(id)
            #expect(message.status == 200)
            let file = gateway.folder.appendingPathComponent("\(id).json")
            try Data(message.body).write(to: file)
            files.append(file)
        }
        _ = try await icb.acknowledge(referral)
        _ = try await council.acknowledge(acknowledgement)
        clock.advance(by: gateway.gateway.configuration.retention.expirySeconds + 1)
        #expect(try await gateway.gateway.sweepExpired() == 1, "only \(unanswered) was left unacknowledged")
        let reports = try Messages.ids(try await council.inbox())
        #expect(reports.count == 1, "the unanswered referral produced one non-delivery report")
        for id in reports {
            let file = gateway.folder.appendingPathComponent("\(id).json")
            try Data(try await council.download(id).body).write(to: file)
            files.append(file)
        }
        let (status, output) = try Self.validate(files)
        #expect(status == 0, "\(output)")
        #expect(output.contains("3 passed, 0 failed"), "\(output)")

        // The validator is not a rubber stamp: a delivered message with an extra field fails.
        let tampered = gateway.folder.appendingPathComponent("tampered.json")
        var object = try Messages.object(try Array(Data(contentsOf: files[0])))
        object["colour"] = "blue"
        try JSONSerialization.data(withJSONObject: object).write(to: tampered)
        #expect(try Self.validate([tampered]).status != 0)
        try await gateway.stopAndRemove()
    }
}
