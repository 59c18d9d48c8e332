import AsyncHTTPClient
import Foundation
import HandoverClient
import HandoverLedger
import HandoverModel
import HandoverServer
import HandoverStore
import HandoverTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// The IG audit API: a search finds exactly the shares a scenario made, with the times tracking
/// shows; exports as CSV and FHIR AuditEvent; a subject access report with proof bundles.
@Suite struct IGAuditTests {
    @Test func theSearchReturnsExactlyTheScenariosSharesWithTheirTimes() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let icb = gateway.client(RunningGateway.icb)
        var made: [String] = []
        for index in 0..<3 {
            made.append(try #require(try Messages.string(try await council.submit(Messages.referral(localId: "A-\(index)")), "id")))
        }
        // Another person's share and an acknowledgement, which the person's search must not return.
        _ = try await council.submit(Messages.referral(localId: "OTHER", nhsNumber: "9449305552"))
        _ = try await icb.inbox()
        _ = try await icb.download(made[0])
        _ = try await icb.acknowledge(made[0])
        _ = try await icb.download(made[1])
        _ = try await icb.submit(Array(#"{"recipient":"swindon-asc","kind":"acknowledgement","conversationId":"\#(made[0])","payload":{"outcome":"accepted"}}"#.utf8))

        let ig = try await gateway.igClient()
        let found = try await ig.get("/v1/ig/shares?nhsNumber=9434765919")
        #expect(found.status == 200, "\(found.text)")
        let shares = try Messages.array(found, "shares")
        #expect(shares.compactMap { $0["id"] as? String } == made)
        for (share, id) in zip(shares, made) {
            let tracked = try Messages.object(try await council.track(id).body)
            #expect(share["submittedAt"] as? String == tracked["createdAt"] as? String)
            for field in ["deliveredAt", "downloadedAt", "acknowledgedAt"] {
                #expect(share[field] as? String == tracked[field] as? String, "\(field) of \(id)")
            }
            #expect((share["sender"] as? [String: Any])?["mailbox"] as? String == RunningGateway.council)
            #expect(share["purpose"] as? String == "chc-assessment")
            #expect(share["proof"] as? String == "/v1/ig/shares/\(id)/proof")
        }
        #expect(shares.map { $0["status"] as? String } == ["acknowledged", "downloaded", "delivered"])

        let acknowledged = try Messages.array(try await ig.get("/v1/ig/shares?nhsNumber=9434765919&outcome=acknowledged"), "shares")
        #expect(acknowledged.compactMap { $0["id"] as? String } == [made[0]])
        let byStatute = try Messages.array(try await ig.get("/v1/ig/shares?basis=nhs-standing-rules-2012-reg21&partner=bsw-icb&purpose=chc-assessment"), "shares")
        #expect(byStatute.count == 4)
        let none = try Messages.array(try await ig.get("/v1/ig/shares?from=2999-01-01"), "shares")
        #expect(none.isEmpty)

        let proof = try await ig.get("/v1/ig/shares/\(made[0])/proof")
        #expect(try proof.status == 200 && (Messages.object(proof.body)["events"] as? [Any])?.count == 4, "\(proof.text)")
        try await gateway.stopAndRemove()
    }

    @Test func exportsAsCSVAndFHIRAuditEventAndASubjectAccessReport() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let id = try #require(try Messages.string(try await council.submit(Messages.referral(localId: "=cmd|' /C calc'!A0")), "id"))
        let ig = try await gateway.igClient()

        let csv = try await ig.get("/v1/ig/export?format=csv&nhsNumber=9434765919")
        #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        let lines = csv.text.split(separator: "\r\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("id,kind,sender"))
        #expect(lines[1].hasPrefix("\(id),referral,swindon-asc"))

        let fhir = try await ig.get("/v1/ig/export?format=fhir&nhsNumber=9434765919")
        let bundle = try Messages.object(fhir.body)
        let event = try #require(((bundle["entry"] as? [[String: Any]])?.first)?["resource"] as? [String: Any])
        #expect(event["resourceType"] as? String == "AuditEvent")
        #expect((event["type"] as? [String: Any])?["code"] as? String == "110106")
        #expect(((event["subtype"] as? [[String: Any]])?.first)?["code"] as? String == "disclose")
        let file = gateway.folder.appendingPathComponent("auditevent.json")
        try JSONSerialization.data(withJSONObject: event).write(to: file)
        let check = try PythonCheckFHIR.validate(file)
        #expect(check.status == 0, "\(check.output)")

        let report = try Messages.object(try await ig.get("/v1/ig/subject-access?nhsNumber=9434765919").body)
        let shares = report["shares"] as? [[String: Any]] ?? []
        #expect(shares.count == 1 && (shares.first?["proofBundle"] as? [String: Any])?["format"] as? String == "handover-proof-bundle/v1")
        try await gateway.stopAndRemove()
    }

    @Test func badInputIsRefusedClearlyAndNothingIsRecordedWrongly() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let ig = try await gateway.igClient()

        let invalidNHS = try await council.post("/v1/consents", json: Messages.consent(nhsNumber: "9434765918"))
        #expect(try invalidNHS.status == 422 && (Messages.problemErrors(invalidNHS).map(\.path)).contains("/nhsNumber"), "\(invalidNHS.text)")
        let missing = try await council.post("/v1/consents/\(UUID().uuidString.lowercased())/withdraw", json: Messages.withdrawal)
        #expect(try missing.status == 404 && (Messages.string(missing, "type")) == "urn:handover:problem:consent-not-found", "\(missing.text)")
        let badGiver = try await council.post("/v1/consents", json: Messages.consent().replacingOccurrences(of: #""person""#, with: #""neighbour""#))
        #expect(try Messages.problemErrors(badGiver).map(\.path) == ["/givenBy"], "\(badGiver.text)")
        let noName = try await council.post("/v1/consents", json: Messages.consent().replacingOccurrences(of: #""person""#, with: #""best-interests""#))
        #expect(try Messages.problemErrors(noName).map(\.rule) == ["required"], "a best-interests decision names its decision maker")
        #expect(try await gateway.gateway.store.consents(of: try NHSNumber(validating: "9434765919")).isEmpty, "no consent was recorded")

        for (query, path, rule) in [
            ("from=2026-13-45", "from", "date-format"), ("to=yesterday", "to", "date-format"),
            ("nhsNumber=9434765919'%20OR%20'1'='1", "nhsNumber", "nhs-number-format"),
            ("partner=x'%3B%20DROP%20TABLE%20message%3B--", "partner", "mailbox-format"),
            ("purpose=%3Cscript%3E", "purpose", "enum"), ("basis=1%20OR%201", "basis", "enum"), ("colour=blue", "colour", "unknown-parameter"),
        ] {
            let answer = try await ig.get("/v1/ig/shares?\(query)")
            #expect(answer.status == 400, "\(query): \(answer.text)")
            #expect(try Messages.problemErrors(answer).map(\.path) == [path] && Messages.problemErrors(answer).map(\.rule) == [rule], "\(query): \(answer.text)")
        }
        #expect(try await gateway.gateway.store.leafCount() > 0, "refused consent writes are recorded as rejected leaves")
        let messages = try await gateway.gateway.store.shares(matching: .init(), after: nil, limit: 10)
        #expect(messages.messages.isEmpty)
        try await gateway.stopAndRemove()
    }
}

/// Validates a FHIR resource with `fhir.resources` when the venv has it, else checks the shape.
enum PythonCheckFHIR {
    static func validate(_ file: URL) throws -> (status: Int32, output: String) {
        try PythonCheck.run("contracts/policy/check_auditevent.py", [file.path])
    }
}
