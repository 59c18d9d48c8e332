import Foundation
import HandoverFormats
import HandoverModel
import Testing

@Suite struct CouncilJSONCodecTests {
    static let examples = [
        "council-json-referral-chc-checklist", "council-json-decision-notice", "council-json-continuity-of-care-transfer",
        "council-json-placement-query", "council-json-placement-reply", "council-json-s117-query", "council-json-s117-reply",
        "council-json-consent-grant", "council-json-consent-withdrawal", "council-json-acknowledgement",
    ]
    static let deliveries = [
        "deliver-referral-prison-arrival", "deliver-decision-notice", "deliver-continuity-of-care-transfer", "deliver-placement-query",
        "deliver-placement-reply", "deliver-s117-query", "deliver-s117-reply", "deliver-consent-grant", "deliver-consent-withdrawal",
        "deliver-acknowledgement", "deliver-non-delivery-report",
    ]
    let codec = CouncilJSONCodec()

    static func delivery(_ name: String) throws -> OutboundMessage {
        try CouncilFixtures.outbound(try CouncilFixtures.bytes(CouncilFixtures.jsonFolder, "golden/\(name).outbound.json"))
    }

    static func example(_ name: String) throws -> [UInt8] {
        try CouncilFixtures.bytes(CouncilFixtures.jsonFolder, "examples/\(name).json")
    }

    /// Decodes a council message as the partner its `localAuthority` names.
    func decode(_ bytes: [UInt8]) throws -> TranslatedSubmission {
        let root = try CouncilFixtures.parse(bytes)
        guard case .string(let council)? = root["localAuthority"]?["gssCode"] else { throw ValidationError(path: "/localAuthority", rule: "required", hint: "") }
        let submissions = try codec.decode(bytes, context: CouncilFixtures.context(council))
        #expect(submissions.count == 1)
        return submissions[0]
    }

    @Test(arguments: examples)
    func decodingAnExampleMatchesItsGolden(name: String) throws {
        let submission = try decode(try Self.example(name))
        #expect(try CouncilFixtures.matchesGolden(CouncilFixtures.json([submission], batch: false), CouncilFixtures.jsonFolder, "golden/\(name).canonical.json"))
    }

    @Test(arguments: deliveries)
    func encodingAGoldenCanonicalMatchesItsGoldenCouncilJSON(name: String) throws {
        let output = try codec.encode(try Self.delivery(name))
        #expect(output.mediaType == "application/json")
        #expect(try CouncilFixtures.matchesGolden(output.bytes, CouncilFixtures.jsonFolder, "golden/\(name).council.json"))
    }

    private static func text(_ name: String) throws -> String {
        String(decoding: try example(name), as: UTF8.self)
    }

    /// An example with members replaced or removed (nil), by path of member names.
    private static func edited(_ name: String, _ edits: [([String], JSONValue?)]) throws -> [UInt8] {
        var root = try CouncilFixtures.parse(try example(name))
        for (path, value) in edits { root = Self.set(root, path[...], value) }
        return root.serialized
    }

    private static func set(_ value: JSONValue, _ path: ArraySlice<String>, _ new: JSONValue?) -> JSONValue {
        guard let key = path.first else { return new ?? .null }
        guard case .object(var members) = value else { return value }
        if let index = members.firstIndex(where: { $0.0 == key }) {
            if path.count == 1 && new == nil {
                members.remove(at: index)
            } else {
                members[index].1 = set(members[index].1, path.dropFirst(), new)
            }
        } else if let new, path.count == 1 {
            members.append((key, new))
        }
        return .object(members)
    }

    // MARK: mapping

    @Test func theChecklistReferralMapsToTheCanonicalModel() throws {
        let submission = try decode(try Self.example("council-json-referral-chc-checklist"))
        #expect(submission.recipient.value == "bsw-icb")
        #expect(submission.kind == .referral)
        #expect(submission.purpose == .chcAssessment)
        #expect(submission.senderLocalId == "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b30")
        #expect(submission.conversationId == nil)
        #expect(submission.lawfulBasis == .consent(try ConsentID(validating: "0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70")))
        let subject = try #require(submission.subject)
        #expect(subject.nhsNumber?.value == "9434765919")
        #expect(subject.localIds == [LocalPersonID(system: "E06000030", value: "3300912")])
        #expect(subject.name == PersonName(family: "Partridge", given: ["Margaret"]))
        let payload = try CouncilFixtures.parse(submission.payload)
        #expect(payload["referralType"] == .string("chc-checklist"))
        #expect(payload["checklist"]?["domains"]?["alteredStatesOfConsciousness"] == .string("C"))
        #expect(payload["requestedOf"]?["identifier"] == .object([("scheme", .string("ods")), ("value", .string("QOX"))]))
        #expect(payload["subjectDetails"]?["nhsNumberVerificationStatus"] == .string("01"))
        #expect(payload["subjectDetails"]?["address"]?["uprn"] == nil)
        #expect(Set(submission.dropped.map(\.location)).isSuperset(of: ["/person/address/uprn", "/person/gpPracticeOds", "/sourceSystem/recordId", "/localAuthority/team"]))
        #expect(submission.locations == SubmissionLocations(recipient: "/counterparty/odsCode", conversation: "/correlationId"))
    }

    @Test func aReplyJoinsItsConversationAndAStartingCorrelationIdDoesNot() throws {
        let reply = try decode(try Self.example("council-json-placement-reply"))
        #expect(reply.conversationId?.value == "0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b31")
        #expect(reply.recipient.value == "swindon-asc")
        #expect(reply.locations.recipient == "/counterparty/mailbox")
        let transfer = try decode(try Self.example("council-json-continuity-of-care-transfer"))
        #expect(transfer.conversationId == nil)
        let quoted = try decode(try Self.edited("council-json-acknowledgement", [(["correlationId"], nil), (["inReplyTo"], .string("LEI-20261123-000123"))]))
        #expect(quoted.inReplyTo == "LEI-20261123-000123")
        #expect(quoted.conversationId == nil)
    }

    @Test func theInboundAndOutboundTransferAreTheSameKind() throws {
        let inbound = try decode(try Self.edited("council-json-continuity-of-care-transfer", [(["messageType"], .string("coc.transfer.inbound"))]))
        let outbound = try decode(try Self.example("council-json-continuity-of-care-transfer"))
        #expect(inbound == outbound)
    }

    // MARK: round trips

    /// Council JSON to canonical, delivered back to the same council, and read again: the same
    /// canonical message.
    @Test(arguments: examples)
    func councilJSONToCanonicalToCouncilJSONPreservesMeaning(name: String) throws {
        let first = try decode(try Self.example(name))
        let council = CouncilFixtures.registry.first { $0.mailbox == CouncilFixtures.context(try! gss(name)).sender.mailbox.value }!.mailbox
        var delivered = CouncilFixtures.outbound(first, from: first.recipient.value)
        delivered.envelope.recipient = CouncilFixtures.mailbox(council)
        delivered.recipientOrganisation = CouncilFixtures.organisation(council)
        let output = try codec.encode(delivered)
        #expect(output.dropped.map(\.location) == ["/senderLocalId"])
        let second = try decode(output.bytes)
        #expect(second.recipient == first.recipient)
        #expect(second.kind == first.kind)
        #expect(second.conversationId == first.conversationId)
        #expect(second.subject == first.subject)
        #expect(second.purpose == first.purpose)
        #expect(second.lawfulBasis == first.lawfulBasis)
        #expect(second.payload == first.payload)
        #expect(second.senderLocalId == delivered.envelope.id.value)
    }

    private func gss(_ name: String) throws -> String {
        guard case .string(let code)? = try CouncilFixtures.parse(try Self.example(name))["localAuthority"]?["gssCode"] else { return "" }
        return code
    }

    /// Canonical to council JSON and back: everything the format carries comes back.
    @Test(arguments: deliveries.filter { $0 != "deliver-non-delivery-report" })
    func canonicalToCouncilJSONToCanonicalLosesNothingItCanCarry(name: String) throws {
        let input = try Self.delivery(name)
        let output = try codec.encode(input)
        let back = try codec.decode(output.bytes, context: CouncilFixtures.context(input.envelope.recipient.value))[0]
        #expect(back.recipient == input.envelope.sender)
        #expect(back.kind == input.envelope.kind)
        #expect(back.conversationId == input.envelope.conversationId)
        #expect(back.subject == input.envelope.subject)
        #expect(back.purpose == input.envelope.purpose)
        #expect(back.lawfulBasis == input.envelope.lawfulBasis)
        var expected = try CouncilFixtures.parse(input.payload)
        for dropped in output.dropped where dropped.location.hasPrefix("/payload/") {
            // The only payload value not carried is a time of day in a date member.
            #expect(dropped.reason.contains("time of day"))
            let path = dropped.location.dropFirst("/payload/".count).split(separator: "/").map(String.init)
            if case .string(let text)? = path.reduce(Optional(expected), { $0?[$1] }) {
                expected = Self.set(expected, path[...], .string(String(text.prefix(10))))
            }
        }
        #expect(CouncilFixtures.same(try CouncilFixtures.parse(back.payload), expected))
    }

    @Test func whatCouncilJSONCannotCarryIsListedAsDropped() throws {
        var input = try Self.delivery("deliver-placement-query")
        var payload = try CouncilFixtures.parse(input.payload)
        payload = Self.set(payload, ["carePlan"], .object([("planId", .string("LCC-CSP-55120")), ("pages", .number("3"))]))
        payload = Self.set(payload, ["provider", "rating"], .string("good"))
        payload = Self.set(payload, ["subjectDetails"], .object([("title", .string("Mr")), ("ethnicity", .string("A"))]))
        input.payload = payload.serialized
        let output = try codec.encode(input)
        #expect(Set(output.dropped.map(\.location)) == [
            "/payload/carePlan/planId", "/payload/carePlan/pages", "/payload/provider/rating", "/payload/subjectDetails/ethnicity", "/senderLocalId",
        ])
        #expect(try CouncilFixtures.parse(output.bytes)["person"]?["title"] == .string("Mr"))
        var acknowledgement = try Self.delivery("deliver-acknowledgement")
        acknowledgement.payload = Array(#"{"outcome":"received","subjectDetails":{"gender":"male"}}"#.utf8)
        #expect(try codec.encode(acknowledgement).dropped.map(\.location) == ["/payload/subjectDetails/gender"])
    }
}
