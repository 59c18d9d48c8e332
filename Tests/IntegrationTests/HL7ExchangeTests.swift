import AsyncHTTPClient
import Foundation
import HandoverClient
import HandoverModel
import HandoverServer
import HandoverTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// A prison healthcare system registered for HL7 v2 exchanging with a council that speaks
/// canonical JSON, through the gateway's translation, over real HTTP.
@Suite struct HL7ExchangeTests {
    static let er7Type = "x-application/hl7-v2+er7"

    static func example(_ name: String) throws -> [UInt8] {
        let url = PythonCheck.root.appendingPathComponent("contracts/formats/hl7v2/examples/\(name).er7")
        // The example addresses Leeds; the test gateway's council is Swindon (E06000030).
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "E06000035", with: "E06000030")
        return Array(text.utf8)
    }

    static func post(_ client: HandoverClient, _ body: [UInt8]) async throws -> HandoverClient.Answer {
        try await client.request(.POST, "/v1/messages", body: .bytes(ByteBuffer(bytes: body)), headers: [("Content-Type", er7Type)])
    }

    static func start() async throws -> RunningGateway {
        try await RunningGateway.start { configuration in configuration.partners[2].format = .hl7v2 }
    }

    @Test func aPrisonReferralInHL7ArrivesAsCanonicalJSON() async throws {
        let gateway = try await Self.start()
        let prison = gateway.client(RunningGateway.prison)
        let council = gateway.client(RunningGateway.council)

        let accepted = try await Self.post(prison, try Self.example("prison-hl7v2-referral-REF_I12"))
        #expect(accepted.status == 202, "\(accepted.text)")
        let id = try #require(try Messages.string(accepted, "id"))
        #expect(try Messages.string(accepted, "recipient") == RunningGateway.council, "routed by MSH-6")
        #expect(try Messages.string(accepted, "senderLocalId") == "LEI-20250303-000123", "MSH-10")
        #expect(try Messages.object(accepted.body)["receipt"] is [String: Any])

        // The same message again is the same submission.
        let again = try await Self.post(prison, try Self.example("prison-hl7v2-referral-REF_I12"))
        #expect(try Messages.string(again, "id") == id)

        _ = try await council.inbox()
        let delivered = try await council.download(id)
        #expect(delivered.header("Content-Type") == "application/json")
        let message = try Messages.object(delivered.body)
        #expect(message["kind"] as? String == "referral")
        #expect(message["sender"] as? String == RunningGateway.prison)
        let subject = try #require(message["subject"] as? [String: Any])
        #expect(subject["nhsNumber"] as? String == "9449305552")
        #expect(subject["prisonerNumber"] as? String == "A1234BC")
        let payload = try #require(message["payload"] as? [String: Any])
        #expect(payload["referralType"] as? String == "care-act-s76-needs-assessment")
        #expect(payload["prisonId"] as? String == "LEI")
        try await gateway.stopAndRemove()
    }

    @Test func aCouncilReferralReachesThePrisonAsValidHL7() async throws {
        let gateway = try await Self.start()
        let prison = gateway.client(RunningGateway.prison)
        let council = gateway.client(RunningGateway.council)
        let golden = try Messages.object(
            Array(try Data(contentsOf: PythonCheck.root.appendingPathComponent("contracts/formats/hl7v2/golden/prison-hl7v2-referral-REF_I12.canonical.json")))
        )
        let submission: [String: Any] = [
            "recipient": RunningGateway.prison, "kind": "referral", "purpose": golden["purpose"] as Any,
            "subject": golden["subject"] as Any, "senderLocalId": "SWINDON-REF-1", "payload": golden["payload"] as Any,
            "lawfulBasis": ["statute": "care-act-2014-s76", "article6": "6(1)(e)", "article9": "9(2)(h)"],
        ]
        let body = Array(try JSONSerialization.data(withJSONObject: submission))
        let accepted = try await council.submit(body)
        #expect(accepted.status == 202, "\(accepted.text)")
        let id = try #require(try Messages.string(accepted, "id"))

        _ = try await prison.inbox()
        let delivered = try await prison.download(id)
        #expect(delivered.status == 200, "\(delivered.text)")
        #expect(delivered.header("Content-Type") == Self.er7Type)
        #expect(delivered.text.hasPrefix("MSH|^~\\&|HANDOVER|E06000030^"), "\(delivered.text.prefix(120))")
        #expect(delivered.text.contains("|REF^I12^REF_I12|\(id)|"), "MSH-9 and MSH-10")
        #expect(delivered.text.contains("9449305552^^^NHS^NH"))

        // hl7apy, in strict validation, accepts what the prison receives.
        let file = gateway.folder.appendingPathComponent("delivered.er7")
        try Data(delivered.body).write(to: file)
        let check = try PythonCheck.run("contracts/formats/hl7v2/check_hl7.py", [file.path])
        #expect(check.status == 0, "\(check.output)")

        // The prison acknowledges in HL7, quoting the MSH-10 it received: the council's inbox gets
        // an acknowledgement in the same conversation.
        let ack = "MSH|^~\\&|SYSTMONE|LEI^HMP LEEDS HEALTHCARE^L|HANDOVER|E06000030^SWINDON ASC^L|20251124101502||ACK^I12^ACK|LEI-ACK-1|P|2.4\r"
            + "MSA|AA|\(id)|Referral received by healthcare\r"
        let acknowledged = try await Self.post(prison, Array(ack.utf8))
        #expect(acknowledged.status == 202, "\(acknowledged.text)")
        #expect(try Messages.string(acknowledged, "conversationId") == id)
        #expect(try Messages.string(acknowledged, "kind") == "acknowledgement")
        let ackID = try #require(try Messages.string(acknowledged, "id"))
        _ = try await council.inbox()
        let received = try Messages.object(try await council.download(ackID).body)
        #expect(received["conversationId"] as? String == id)
        try await gateway.stopAndRemove()
    }

    @Test func badHL7IsRefusedWithTheSegmentAndFieldAndNothingIsStored() async throws {
        let gateway = try await Self.start()
        let prison = gateway.client(RunningGateway.prison)

        let garbage = try await Self.post(prison, Array("this is not HL7".utf8))
        #expect(garbage.status == 400, "\(garbage.text)")
        #expect(try Messages.problemErrors(garbage).contains { $0.rule.hasPrefix("er7-") }, "\(garbage.text)")

        let badNHS = try Array(String(decoding: Self.example("prison-hl7v2-referral-REF_I12"), as: UTF8.self)
            .replacingOccurrences(of: "9449305552^^^NHS", with: "9449305553^^^NHS").utf8)
        let invalid = try await Self.post(prison, badNHS)
        #expect(invalid.status == 422, "\(invalid.text)")
        #expect(try Messages.problemErrors(invalid).contains { $0.path.hasPrefix("PID-3") }, "\(invalid.text)")

        let json = try await prison.submit(Messages.referral(localId: "WRONG-TYPE"))
        #expect(json.status == 415, "a partner registered for hl7v2 posts ER7: \(json.text)")

        #expect(try Messages.ids(try await prison.outbox()).isEmpty)
        try await gateway.stopAndRemove()
    }
}

/// A partner whose format has no non-delivery report still reads one: the gateway writes it as
/// that format's negative acknowledgement, and any partner may ask for the canonical form.
@Suite struct ReportToTranslatedPartnerTests {
    @Test func anExpiredPrisonReferralComesBackAsAnHL7NegativeAcknowledgement() async throws {
        let clock = ManualClock()
        let gateway = try await RunningGateway.start(clock: clock) { configuration in
            configuration.partners[2].format = .hl7v2
            configuration.retention.expirySeconds = 3600
        }
        let prison = gateway.client(RunningGateway.prison)
        let accepted = try await HL7ExchangeTests.post(prison, try HL7ExchangeTests.example("prison-hl7v2-referral-REF_I12"))
        let id = try #require(try Messages.string(accepted, "id"))
        clock.advance(by: 3601)
        #expect(try await gateway.gateway.sweepExpired() == 1)

        let listed = try Messages.object(try await prison.inbox().body)
        let report = try #require((listed["messages"] as? [[String: Any]])?.first)
        #expect(report["kind"] as? String == "non-delivery-report")
        let reportID = try #require(report["id"] as? String)
        let delivered = try await prison.download(reportID)
        #expect(delivered.status == 200, "\(delivered.text)")
        #expect(delivered.header("Content-Type") == HL7ExchangeTests.er7Type)
        let segments = delivered.text.split(separator: "\r")
        #expect(segments.first?.hasPrefix("MSH|") == true)
        let msa = try #require(segments.first { $0.hasPrefix("MSA|") })
        #expect(msa.hasPrefix("MSA|AE|"), "an error acknowledgement: \(msa)")
        #expect(msa.contains("did not acknowledge"), "the reason travels in MSA-3: \(msa)")
        #expect(delivered.header("Handover-Dropped")?.contains("/kind") == true)

        // The canonical report itself, on request, whatever the partner's format.
        let canonical = try await prison.request(.GET, "/v1/inbox/\(reportID)", headers: [("Accept", "application/vnd.handover.message+json")])
        #expect(canonical.header("Content-Type") == "application/vnd.handover.message+json")
        let message = try Messages.object(canonical.body)
        #expect(message["kind"] as? String == "non-delivery-report")
        #expect(message["conversationId"] as? String == id)
        #expect(try await prison.acknowledge(reportID).status == 200)
        try await gateway.stopAndRemove()
    }
}
