import AsyncHTTPClient
import Foundation
import HandoverClient
import HandoverServer
import NIOHTTP1
import NIOCore
import Testing

/// Every kind of bad input gets a problem document naming the field and rule, and writes nothing.
@Suite struct BadInputTests {
    /// The ICB's inbox and the council's outbox sizes: what any wrongly accepted input would change.
    private func footprint(_ gateway: RunningGateway) async throws -> (inbox: Int, outbox: Int) {
        let inbox = try Messages.ids(try await gateway.client(RunningGateway.icb).inbox(limit: 500)).count
        let outbox = try Messages.ids(try await gateway.client(RunningGateway.council).outbox(limit: 500)).count
        return (inbox, outbox)
    }

    private func expectProblem(
        _ answer: HandoverClient.Answer,
        status: Int,
        path: String? = nil,
        rule: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(answer.status == status, "\(answer.text)", sourceLocation: sourceLocation)
        #expect(answer.header("Content-Type") == "application/problem+json", sourceLocation: sourceLocation)
        let document = try Messages.object(answer.body)
        #expect((document["type"] as? String)?.hasPrefix("urn:handover:problem:") == true, sourceLocation: sourceLocation)
        #expect(document["status"] as? Int == status, sourceLocation: sourceLocation)
        #expect((document["detail"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
        if let path, let rule {
            let errors = try Messages.problemErrors(answer)
            #expect(errors.contains { $0.path == path && $0.rule == rule }, "errors were \(errors)", sourceLocation: sourceLocation)
        }
    }

    @Test func refusalsNameTheFieldAndWriteNothing() async throws {
        let gateway = try await RunningGateway.start { $0.limits.maxMessageBytes = 64 * 1024 }
        let council = gateway.client(RunningGateway.council)
        let before = try await footprint(gateway)

        try expectProblem(try await council.submit(Array(#"{"recipient": "bsw-icb", "kind": "#.utf8)), status: 400, path: "", rule: "json-syntax")
        try expectProblem(try await council.submit(Array("not json at all".utf8)), status: 400, path: "", rule: "json-syntax")
        try expectProblem(try await council.submit([0xFF, 0xFE, 0x00, 0x7B]), status: 400)

        var unknownField = Messages.referral()
        unknownField.removeLast()
        unknownField += Array(#","colour":"blue"}"#.utf8)
        try expectProblem(try await council.submit(unknownField), status: 422, path: "/colour", rule: "unknown-field")

        try expectProblem(try await council.submit(Messages.referral(to: "nobody-here")), status: 422, path: "/recipient", rule: "unknown-recipient")
        try expectProblem(try await council.submit(Messages.referral(nhsNumber: "9434765918")), status: 422, path: "/subject/nhsNumber", rule: "nhs-number-check-digit")
        try expectProblem(try await council.submit(Messages.referral(nhsNumber: "4444444444")), status: 422, path: "/subject/nhsNumber", rule: "nhs-number-repdigit")

        let several = try await council.submit(Array(#"{"recipient":"bsw-icb","kind":"gossip","purpose":"curiosity","payload":{}}"#.utf8))
        try expectProblem(several, status: 422, path: "/kind", rule: "enum")
        #expect(try Messages.problemErrors(several).contains { $0.path == "/purpose" && $0.rule == "enum" }, "several rules are reported at once")

        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        try expectProblem(
            try await council.submit(Array(#"{"recipient":"bsw-icb","kind":"referral","payload":{"x":\#(deep)}}"#.utf8)),
            status: 400, path: "", rule: "json-depth"
        )

        let huge = Messages.referral(note: String(repeating: "x", count: 70 * 1024))
        try expectProblem(try await council.submit(huge), status: 413, path: "", rule: "max-size")

        let wrongType = try await council.request(.POST, "/v1/messages", body: .bytes(ByteBuffer(bytes: Messages.referral())), headers: [("Content-Type", "text/plain")])
        try expectProblem(wrongType, status: 415, path: "Content-Type", rule: "media-type")

        try expectProblem(try await gateway.client(RunningGateway.council, key: "").submit(Messages.referral()), status: 401)
        try expectProblem(try await gateway.client(RunningGateway.council, key: "hok_not-a-real-key").submit(Messages.referral()), status: 401, path: "Authorization", rule: "api-key")
        let anonymous = HandoverClient(baseURL: gateway.baseURL, apiKey: nil, http: gateway.http)
        try expectProblem(try await anonymous.inbox(), status: 401)

        let after = try await footprint(gateway)
        #expect(after == before, "a refused submission wrote nothing")
        let spool = try FileManager.default.contentsOfDirectory(atPath: gateway.folder.appendingPathComponent("spool").path)
        #expect(spool.isEmpty, "no spool file is left behind")
        try await gateway.stopAndRemove()
    }

    @Test func aPartnerSeesOnlyItsOwnMessages() async throws {
        let gateway = try await RunningGateway.start()
        let receipt = try await gateway.client(RunningGateway.council).submit(Messages.referral())
        let id = try #require(try Messages.string(receipt, "id"))
        let prison = gateway.client(RunningGateway.prison)
        try expectProblem(try await prison.download(id), status: 404)
        try expectProblem(try await prison.acknowledge(id), status: 404)
        try expectProblem(try await prison.track(id), status: 404)
        #expect(try Messages.ids(try await prison.inbox()).isEmpty)
        // The sender tracks but cannot download or acknowledge on the recipient's behalf.
        try expectProblem(try await gateway.client(RunningGateway.council).download(id), status: 404)
        try expectProblem(try await gateway.client(RunningGateway.icb).acknowledge(id), status: 409, path: nil, rule: nil)
        try expectProblem(try await prison.download("not-a-uuid"), status: 400, path: "id", rule: "uuid")
        try await gateway.stopAndRemove()
    }
}
