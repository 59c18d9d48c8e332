import Foundation
import HandoverClient
import HandoverServer
import NIOHTTP1
import HandoverTestSupport
import Testing

/// The gateway's answers match `contracts/openapi.yaml`, checked by `jsonschema` against the
/// document's own component schemas, and every route the gateway serves is documented there.
@Suite struct OpenAPIConformanceTests {
    static func check(_ pairs: [(schema: String, file: URL)]) throws -> (status: Int32, output: String) {
        try PythonCheck.run("contracts/check_openapi_responses.py", pairs.flatMap { [$0.schema, $0.file.path] })
    }

    @Test func answersMatchTheirDocumentedSchemas() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let icb = gateway.client(RunningGateway.icb)
        var answers: [(String, HandoverClient.Answer)] = []
        let receipt = try await council.submit(Messages.referral(localId: "OA-1"))
        let id = try #require(try Messages.string(receipt, "id"))
        answers.append(("AcceptedMessage", receipt))
        answers.append(("MessagePage", try await icb.inbox(limit: 1)))
        answers.append(("Message", try await icb.download(id)))
        answers.append(("MessageStatus", try await icb.acknowledge(id)))
        answers.append(("MessageStatus", try await council.track(id)))
        answers.append(("MessagePage", try await council.outbox()))
        answers.append(("Problem", try await council.submit(Array("{".utf8))))
        answers.append(("Problem", try await council.submit(Messages.referral(nhsNumber: "1234567890"))))
        answers.append(("Problem", try await gateway.client(RunningGateway.prison).download(id)))
        answers.append(("Problem", try await gateway.client(RunningGateway.prison, key: "wrong").inbox()))
        answers.append(("Problem", try await icb.inbox(cursor: "x")))
        try await gateway.gateway.issueCheckpoint()
        answers.append(("LogKeys", try await council.logKeys()))
        answers.append(("InclusionProof", try await council.inclusionProof(leaf: "0")))
        answers.append(("ConsistencyProof", try await council.consistencyProof(from: "1")))
        answers.append(("ProofBundle", try await council.proofBundle(id)))
        answers.append(("Problem", try await council.inclusionProof(leaf: "0", size: "999")))
        let consentID = UUID().uuidString.lowercased()
        answers.append(("Consent", try await council.post("/v1/consents", json: Messages.consent(id: consentID))))
        answers.append(("Consent", try await council.get("/v1/consents/\(consentID)")))
        let onConsent = try await council.submit(Messages.referral(localId: "OA-2", basis: Messages.consentBasis(consentID)))
        answers.append(("ConsentWithdrawalResult", try await council.post("/v1/consents/\(consentID)/withdraw", json: Messages.withdrawal)))
        answers.append(("Problem", try await icb.download(try #require(try Messages.string(onConsent, "id")))))
        answers.append(("Problem", try await council.post("/v1/consents/\(consentID)/withdraw", json: Messages.withdrawal)))
        let ig = try await gateway.igClient()
        try await gateway.gateway.issueCheckpoint()
        answers.append(("SharePage", try await ig.get("/v1/ig/shares?nhsNumber=9434765919")))
        answers.append(("ShareDetail", try await ig.get("/v1/ig/shares/\(id)")))
        answers.append(("ProofBundle", try await ig.get("/v1/ig/shares/\(id)/proof")))
        answers.append(("SubjectAccessReport", try await ig.get("/v1/ig/subject-access?nhsNumber=9434765919")))
        answers.append(("ConsentList", try await ig.get("/v1/ig/consents?nhsNumber=9434765919")))
        answers.append(("LogStatus", try await ig.get("/v1/ig/log")))
        answers.append(("LogVerification", try await ig.request(.POST, "/v1/ig/log/verify")))
        answers.append(("Problem", try await ig.get("/v1/ig/shares?from=never")))
        answers.append(("Problem", try await council.get("/v1/ig/shares")))
        var pairs: [(schema: String, file: URL)] = []
        for (index, (schema, answer)) in answers.enumerated() {
            let file = gateway.folder.appendingPathComponent("answer-\(index).json")
            try Data(answer.body).write(to: file)
            pairs.append((schema, file))
        }
        let (status, output) = try Self.check(pairs)
        #expect(status == 0, "\(output)")
        #expect(output.contains("\(answers.count) passed, 0 failed"), "\(output)")

        let broken = gateway.folder.appendingPathComponent("broken.json")
        try Data(#"{"id":"x","status":"teleported"}"#.utf8).write(to: broken)
        #expect(try Self.check([("MessageStatus", broken)]).status != 0, "the check can fail")
        try await gateway.stopAndRemove()
    }

    @Test func everyRouteIsDocumented() throws {
        let document = try String(contentsOf: PythonCheck.root.appendingPathComponent("contracts/openapi.yaml"), encoding: .utf8)
        let paths = [
            "/v1/messages:", "/v1/inbox:", "/v1/inbox/{id}:", "/v1/inbox/{id}/ack:", "/v1/outbox:", "/v1/outbox/{id}:",
            "/v1/messages/{id}/proof:", "/v1/log/checkpoint:", "/v1/log/keys:", "/v1/log/proof/inclusion:",
            "/v1/log/proof/consistency:", "/livez:", "/readyz:", "/metrics:", "/v1/consents:", "/v1/consents/{id}:",
            "/v1/consents/{id}/withdraw:", "/v1/ig/shares:", "/v1/ig/shares/{id}:", "/v1/ig/shares/{id}/proof:", "/v1/ig/export:",
            "/v1/ig/subject-access:", "/v1/ig/consents:", "/v1/ig/log:", "/v1/ig/log/verify:", "/v1/ig/console-link:",
        ]
        for path in paths {
            #expect(document.contains("\n  \(path)\n"), "\(path) is not in contracts/openapi.yaml")
        }
    }
}
