import Foundation
import HandoverFormats
import HandoverModel
import Testing

@Suite struct FHIRCodecTests {
    private func payload(_ submission: TranslatedSubmission) throws -> JSONValue {
        try FHIRFixtures.parse(submission.payload)
    }

    /// The outbound message for a decode golden, delivered as its sender sent it.
    static func goldenInput(_ name: String) throws -> OutboundMessage {
        try FHIRFixtures.outbound(fromJSON: try FHIRFixtures.bytes("golden/\(name).canonical.json"), name: name, sender: FHIRFixtures.sender(of: name))
    }

    /// The outbound message for a canonical contract example.
    static func canonicalInput(_ name: String) throws -> OutboundMessage {
        let file = ContractFixtures.root.appendingPathComponent("contracts/canonical/examples/\(name).submission.json")
        return try FHIRFixtures.outbound(fromJSON: Array(try Data(contentsOf: file)), name: name, sender: FHIRFixtures.sender(of: name))
    }

    static var allInputs: [String] { FHIRFixtures.exampleNames + FHIRFixtures.canonicalInputs.map(\.name) }

    static func input(_ name: String) throws -> OutboundMessage {
        FHIRFixtures.exampleNames.contains(name) ? try goldenInput(name) : try canonicalInput(name)
    }

    // MARK: goldens

    @Test(arguments: FHIRFixtures.exampleNames)
    func decodingAnExampleMatchesItsGolden(name: String) throws {
        let submission = try FHIRFixtures.decode(try FHIRFixtures.example(name), sender: FHIRFixtures.sender(of: name))
        #expect(try FHIRFixtures.matchesGolden(try FHIRFixtures.json(submission), "golden/\(name).canonical.json"))
    }

    @Test(arguments: allInputs)
    func encodingAGoldenCanonicalMatchesItsGoldenBundle(name: String) throws {
        let output = try FHIRMessageEncoder.encode(try Self.input(name))
        #expect(try FHIRFixtures.matchesGolden(output.bytes + [0x0A], "golden/\(name).fhir.json"))
    }

    @Test func theCodecIsRegisteredForFHIRPartners() throws {
        let codec = try #require(PartnerCodecs.codec(for: .fhirR4))
        #expect(codec.format == .fhirR4)
        #expect(codec.mediaType == "application/fhir+json")
        #expect(codec.acceptedMediaTypes == ["application/fhir+json", "application/json"])
        let context = DecodingContext(sender: FHIRFixtures.partner("gwh-trust"), directory: FHIRFixtures.directory)
        let decoded = try codec.decode(try FHIRFixtures.example("icb-referral-chc-checklist"), context: context)
        #expect(decoded.count == 1)
        #expect(decoded.first?.locations.recipient == "Bundle.entry[0].resource.destination[0].receiver")
        let encoded = try codec.encode(try Self.input("icb-referral-chc-checklist"))
        #expect(encoded.mediaType == "application/fhir+json")
    }

    // MARK: mapping facts

    @Test func theReferralCarriesTheChecklistAndTheConsentBasis() throws {
        let submission = try FHIRFixtures.decode(try FHIRFixtures.example("icb-referral-chc-checklist"))
        #expect(submission.kind == .referral)
        #expect(submission.recipient.value == "bsw-icb")
        #expect(submission.purpose == .chcAssessment)
        #expect(submission.senderLocalId == "GWH-DTOC-2026-004417")
        #expect(submission.lawfulBasis == .consent(try ConsentID(validating: "0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70")))
        #expect(submission.subject?.nhsNumber?.value == "9434765919")
        let payload = try payload(submission)
        #expect(payload["checklist"]?["domains"]?["mobility"] == .string("A"))
        #expect(payload["checklist"]?["outcome"] == .string("positive"))
        #expect(payload["subjectDetails"]?["nhsNumberVerificationStatus"] == .string("01"))
        #expect(Set(submission.dropped.map(\.location)).contains("Bundle.entry[9].resource"))
    }

    @Test func theJointPackageSplitIsExactPence() throws {
        let submission = try FHIRFixtures.decode(try FHIRFixtures.example("icb-chc-decision-notice"))
        let funding = try payload(submission)["funding"]
        #expect(funding == .object([
            ("weeklyTotalPence", .number("55000")), ("icbShareBasisPoints", .number("4000")), ("icbPence", .number("22000")), ("councilPence", .number("33000")),
        ]))
        #expect(submission.conversationId?.value == "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10")
        let bundle = String(decoding: try FHIRMessageEncoder.encode(try Self.input("icb-chc-decision-notice")).bytes, as: UTF8.self)
        #expect(bundle.contains(#""valueMoney":{"value":550.00,"currency":"GBP"}"#))
        #expect(bundle.contains(#""valueQuantity":{"value":40,"unit":"%""#))
        for (lexeme, hundredths) in [("1240.5", "124050"), ("0.01", "1"), ("12.50", "1250"), ("1.2405E3", "124050"), ("-3", "-300"), ("0", "0")] {
            let text = String(decoding: try FHIRFixtures.example("icb-chc-decision-notice"), as: UTF8.self)
                .replacingOccurrences(of: #""value": 550.00"#, with: #""value": \#(lexeme)"#)
                .replacingOccurrences(of: #""icb-amount"}]}, "valueMoney": {"value": 220"#, with: #""icb-amount"}]}, "valueMoney": {"value": \#(lexeme)"#)
                .replacingOccurrences(of: #""value": 330.0,"#, with: #""value": 0,"#)
            let decoded = try FHIRFixtures.decode(text)
            #expect(try payload(decoded)["funding"]?["weeklyTotalPence"] == .number(hundredths), "\(lexeme)")
        }
    }

    @Test func anAcknowledgementQuotesTheMessageItAnswersInTheITKStyle() throws {
        let submission = try FHIRFixtures.decode(try FHIRFixtures.example("icb-response-nack"))
        #expect(submission.kind == .acknowledgement)
        #expect(submission.subject == nil && submission.purpose == nil)
        #expect(submission.conversationId?.value == "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10")
        #expect(try payload(submission)["outcome"] == .string("error"))
        let text = String(decoding: try FHIRFixtures.example("icb-response-nack"), as: UTF8.self)
        for (code, itk, outcome) in [("ok", "20013", "received"), ("ok", "30001", "accepted"), ("fatal-error", "30002", "rejected"), ("transient-error", "20009", "error")] {
            let variant = text.replacingOccurrences(of: #""code": "fatal-error""#, with: #""code": "\#(code)""#)
                .replacingOccurrences(of: #""code": "20009""#, with: #""code": "\#(itk)""#)
                .replacingOccurrences(of: "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10", with: "GWH-DTOC-2026-004417")
            let decoded = try FHIRFixtures.decode(variant)
            #expect(try payload(decoded)["outcome"] == .string(outcome), "\(code) \(itk)")
            #expect(decoded.inReplyTo == "GWH-DTOC-2026-004417" && decoded.conversationId == nil)
        }
        let bundle = String(decoding: try FHIRMessageEncoder.encode(try Self.input("acknowledgement")).bytes, as: UTF8.self)
        #expect(bundle.contains(#""response":{"identifier":"6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10","code":"ok","details":{"reference":"urn:uuid:"#))
        #expect(bundle.contains(#"{"system":"https://fhir.nhs.uk/STU3/CodeSystem/ITK-ResponseCodes-1","code":"20013","display":"Success"}"#))
    }

    @Test func theGatewayMessageIdIsWhereAReplyQuotesIt() throws {
        let input = try Self.input("referral-chc-checklist")
        let root = try FHIRFixtures.parse(try FHIRMessageEncoder.encode(input).bytes)
        guard case .array(let entries)? = root["entry"] else { Issue.record("no entries"); return }
        #expect(entries.first?["resource"]?["id"] == .string(input.envelope.id.value))
        #expect(entries.first?["fullUrl"] == .string("urn:uuid:" + input.envelope.id.value))
        #expect(root["identifier"]?["value"] == .string("MOSAIC-CON-7781203"))
        let urls = entries.compactMap { $0["fullUrl"] }
        #expect(Set(urls).count == urls.count)
        // The same message is written the same way every time.
        #expect(try FHIRMessageEncoder.encode(input).bytes == (try FHIRMessageEncoder.encode(input).bytes))
    }

    @Test func nameBasedIdsAreRFC9562Version5() throws {
        let dns = try MessageID(validating: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")
        let url = try MessageID(validating: "6ba7b811-9dad-11d1-80b4-00c04fd430c8")
        #expect(FHIRNameBasedUUID.make(namespace: dns, name: "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        // A name longer than one SHA-1 block.
        #expect(FHIRNameBasedUUID.make(namespace: url, name: String(repeating: "x", count: 200)) == "cd3580b9-d244-586a-8077-74317319b48d")
    }

    // MARK: round trips

    @Test(arguments: FHIRFixtures.exampleNames)
    func fhirToCanonicalToFHIRPreservesMeaning(name: String) throws {
        let sender = FHIRFixtures.sender(of: name)
        let first = try FHIRFixtures.decode(try FHIRFixtures.example(name), sender: sender)
        let message = try FHIRFixtures.outbound(fromJSON: try FHIRFixtures.json(first), name: name, sender: sender)
        let output = try FHIRMessageEncoder.encode(message)
        #expect(output.dropped.isEmpty, "\(output.dropped)")
        let second = try FHIRFixtures.decode(output.bytes, sender: sender)
        #expect(second.kind == first.kind && second.recipient == first.recipient)
        #expect(second.subject == first.subject && second.purpose == first.purpose && second.lawfulBasis == first.lawfulBasis)
        #expect(second.senderLocalId == first.senderLocalId)
        #expect(second.conversationId == message.envelope.conversationId)
        #expect(second.dropped.isEmpty, "\(second.dropped)")
        #expect(FHIRFixtures.same(try payload(second), try payload(first)))
    }

    @Test(arguments: FHIRFixtures.canonicalInputs.map(\.name))
    func canonicalToFHIRToCanonicalLosesNothingFHIRCanCarry(name: String) throws {
        let input = try Self.canonicalInput(name)
        let output = try FHIRMessageEncoder.encode(input)
        #expect(output.dropped.isEmpty, "\(output.dropped)")
        let back = try FHIRFixtures.decode(output.bytes, sender: FHIRFixtures.sender(of: name))
        #expect(back.kind == input.envelope.kind && back.recipient == input.envelope.recipient)
        #expect(back.subject == input.envelope.subject)
        #expect(back.purpose == input.envelope.purpose)
        #expect(back.lawfulBasis == input.envelope.lawfulBasis)
        #expect(back.senderLocalId == (input.envelope.senderLocalId ?? input.envelope.id.value))
        #expect(back.conversationId == input.envelope.conversationId)
        #expect(FHIRFixtures.same(try payload(back), try FHIRFixtures.parse(input.payload)))
    }

    @Test func whatFHIRCannotCarryIsListedAsDropped() throws {
        var input = try Self.input("referral-chc-checklist")
        var payload = try FHIRFixtures.parse(input.payload)
        if case .object(let members) = payload {
            payload = .object(members + [("status", .string("pending")), ("prisonId", .string("LEI")), ("carePlan", .object([("planId", .string("CSP-1"))]))])
        }
        input.payload = payload.serialized
        let output = try FHIRMessageEncoder.encode(input)
        #expect(Set(output.dropped.map(\.location)) == ["/payload/status", "/payload/prisonId", "/payload/carePlan/planId"])
        #expect(output.dropped.allSatisfy { !$0.reason.isEmpty })
    }
}
