import Foundation
import HandoverFormats
import HandoverModel
import Testing

@Suite struct CouncilXMLCodecTests {
    typealias F = CouncilXMLFixtures

    // MARK: golden decode and encode

    @Test(arguments: CouncilXMLFixtures.examples)
    func decodingAnExampleMatchesItsGolden(name: String) throws {
        let message = try F.decode(try F.example(name))
        #expect(try F.matchesGolden(F.json(message), "golden/\(name).canonical.json"))
    }

    @Test(arguments: CouncilXMLFixtures.examples)
    func encodingAGoldenCanonicalMatchesItsGoldenXML(name: String) throws {
        let input = try F.message(fromJSON: try F.bytes("golden/\(name).canonical.json"))
        let output = try CouncilXMLEncoder.encode(input.submission, header: input.header)
        #expect(output.dropped.isEmpty)
        #expect(try F.matchesGolden(output.bytes, "golden/\(name).xml"))
    }

    @Test func theReferralMapsToTheCanonicalModel() throws {
        let message = try F.decode(try F.example("council-xml-referral"))
        let submission = message.submission
        #expect(submission.kind == .referral)
        #expect(submission.recipient.value == "wiltshire-asc")
        #expect(submission.purpose == .careActAssessment)
        #expect(submission.senderLocalId == "SBC-MSG-2025-000733")
        #expect(submission.lawfulBasis == .statutory(StatutoryBasis(statute: .careAct2014s7, article6: .publicTask, article9: .healthOrSocialCare)))
        let subject = try #require(submission.subject)
        #expect(subject.nhsNumber?.value == "9434765919")
        #expect(subject.localIds == [LocalPersonID(system: "E06000030", value: "1048578")])
        #expect(subject.name == PersonName(family: "O'Brennan", given: ["Eileen", "Mary"]))
        #expect(subject.birthDate.description == "1944-11-02")
        let payload = try F.payload(submission)
        #expect(payload["referralType"] == .string("care-act-s9-assessment"))
        #expect(payload["respondBy"] == .string("2025-06-16"))
        #expect(payload["consentRecorded"] == .bool(true))
        #expect(payload["requestedBy"]?["organisation"] == .object([("scheme", .string("gss")), ("value", .string("E06000030")), ("name", .string("Swindon Borough Council"))]))
        #expect(payload["subjectDetails"]?["nhsNumberVerificationStatus"] == .string("01"))
        #expect(payload["subjectDetails"]?["address"]?["lines"] == .array([.string("Example Care Home"), .string("Example Lane")]))
        #expect(payload["reason"].map { F.string($0)?.contains("& needs") == true } == true)
        #expect(message.header.sender == CouncilXMLAuthority(element: .gss, code: "E06000030", name: "Swindon Borough Council"))
        #expect(submission.dropped.map(\.location) == ["/CareExchangeMessage/Header/Sender/Team", "/CareExchangeMessage/Header/Sender/ContactEmail"])
        #expect(submission.locations == SubmissionLocations(recipient: "/CareExchangeMessage/Header/Recipient", conversation: "/CareExchangeMessage/Header/InReplyTo"))
    }

    @Test func theTransferCarriesItsStageAndMoney() throws {
        let submission = try F.decode(try F.example("council-xml-continuity-of-care-transfer")).submission
        #expect(submission.kind == .continuityOfCareTransfer)
        #expect(submission.lawfulBasis == .statutory(StatutoryBasis(statute: .careAct2014s37, article6: .legalObligation, article9: .healthOrSocialCare)))
        let payload = try F.payload(submission)
        #expect(payload["stage"] == .string("information-pack"))
        #expect(payload["trigger"] == .string("adult-moving-s37"))
        #expect(payload["weeklyPersonalBudgetPence"] == .number("124050"))
        #expect(payload["carePlanAttached"] == .bool(true))
        #expect(payload["secondAuthority"]?["value"] == .string("E06000054"))
        #expect(payload["notes"].map { if case .array(let items) = $0 { items.count } else { 0 } } == 2)
    }

    @Test func repliesJoinTheConversationTheyQuote() throws {
        let ack = try F.decode(try F.example("council-xml-acknowledgement")).submission
        #expect(ack.kind == .acknowledgement && ack.subject == nil && ack.purpose == nil && ack.lawfulBasis == nil)
        #expect(ack.conversationId?.value == "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10")
        #expect(try F.payload(ack) == .object([("outcome", .string("accepted")), ("note", .string("Wiltshire case reference WC-ASC-88213"))]))
        let local = try F.text("council-xml-acknowledgement").replacingOccurrences(of: "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10", with: "SBC-MSG-2025-000733")
        let quoted = try F.decode(local).submission
        #expect(quoted.inReplyTo == "SBC-MSG-2025-000733" && quoted.conversationId == nil)
    }

    @Test func consentTravelsAsABasisAndAsAGrant() throws {
        let grant = try F.decode(try F.example("council-xml-consent-grant")).submission
        let id = try ConsentID(validating: "0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70")
        #expect(grant.lawfulBasis == .consent(id))
        let payload = try F.payload(grant)
        #expect(payload["consentId"] == .string(id.value))
        #expect(payload["recipients"] == .array([
            .object([("scheme", .string("gss")), ("value", .string("E06000030")), ("name", .string("Swindon Borough Council"))]),
            .object([("kind", .string("icb"))]),
        ]))
        #expect(payload["purposes"] == .array([.string("continuity-of-care"), .string("care-act-assessment")]))
    }

    // MARK: round trips

    @Test(arguments: CouncilXMLFixtures.examples)
    func xmlToCanonicalToXMLPreservesMeaning(name: String) throws {
        let first = try F.decode(try F.example(name))
        let output = try CouncilXMLEncoder.encode(first.submission, header: first.header)
        #expect(output.dropped.isEmpty)
        let second = try F.decode(output.bytes)
        #expect(second.submission == F.meaning(first.submission))
        #expect(second.header == first.header)
    }

    @Test(arguments: CouncilXMLFixtures.examples)
    func canonicalToXMLToCanonicalLosesNothingXMLCanCarry(name: String) throws {
        let input = try F.message(fromJSON: try F.bytes("golden/\(name).canonical.json"))
        let output = try CouncilXMLEncoder.encode(input.submission, header: input.header)
        let back = try F.decode(output.bytes)
        #expect(back.header == input.header)
        #expect(back.submission.subject == input.submission.subject)
        #expect(back.submission.kind == input.submission.kind)
        #expect(back.submission.purpose == input.submission.purpose)
        #expect(back.submission.lawfulBasis == input.submission.lawfulBasis)
        #expect(back.submission.inReplyTo == input.submission.inReplyTo)
        #expect(back.submission.senderLocalId == input.submission.senderLocalId)
        #expect(try F.payload(back.submission) == (try F.payload(input.submission)))
    }

    @Test func whatXMLCannotCarryIsListedAsDropped() throws {
        let input = try F.message(fromJSON: try F.bytes("golden/council-xml-continuity-of-care-transfer.canonical.json"))
        var submission = input.submission
        submission.senderLocalId = "OTHER-REF"
        var payload = try F.payload(submission)
        if case .object(var members) = payload {
            func set(_ name: String, _ value: JSONValue) { members = members.filter { $0.0 != name } + [(name, value)] }
            set("carePlan", .object([("planId", .string("CSP-88213"))]))
            set("intendedMoveDate", .string("2025-02-30"))
            set("weeklyPersonalBudgetPence", .number("12.5"))
            set("notes", .array([.string("kept"), .string("bell \u{07}")]))
            set("subjectDetails", .object([("gender", .string("F")), ("ethnicity", .string("A"))]))
            payload = .object(members)
        }
        submission.payload = payload.serialized
        let output = try CouncilXMLEncoder.encode(submission, header: input.header)
        #expect(Set(output.dropped.map(\.location)) == [
            "/senderLocalId", "/payload/carePlan/planId", "/payload/intendedMoveDate", "/payload/weeklyPersonalBudgetPence",
            "/payload/notes/1", "/payload/subjectDetails/gender", "/payload/subjectDetails/ethnicity",
        ])
        let back = try F.payload(try F.decode(output.bytes).submission)
        #expect(back["notes"] == .array([.string("kept")]))
        #expect(back["intendedMoveDate"] == nil)
    }

    @Test func theCodecIsRegisteredAndWritesTheGatewayHeader() throws {
        let codec = try #require(PartnerCodecs.codec(for: .councilXML))
        #expect(codec.format == .councilXML && codec.mediaType == "application/xml")
        #expect(codec.acceptedMediaTypes.contains("text/xml"))
        #expect(codec.malformedRules.isSuperset(of: ["xml-doctype", "xml-entity", "xml-utf8", "xml-root"]))
        let swindon = Organisation(kind: .localAuthority, identifier: try OrganisationIdentifier(scheme: .gss, value: "E06000030"), name: "Swindon Borough Council")
        let wiltshire = Organisation(kind: .localAuthority, identifier: try OrganisationIdentifier(scheme: .gss, value: "E06000054"), name: "Wiltshire Council")
        let sender = Partner(mailbox: F.mailbox("swindon-asc"), name: "Swindon", organisation: swindon, format: .councilXML)
        let decoded = try codec.decode(try F.example("council-xml-referral"), context: DecodingContext(sender: sender, directory: F.directory))
        let submission = try #require(decoded.first)
        #expect(decoded.count == 1 && submission.kind == .referral)
        let id = MessageID()
        let envelope = MessageEnvelope(
            id: id, sender: submission.recipient, recipient: F.mailbox("swindon-asc"), kind: submission.kind, conversationId: nil,
            subject: submission.subject, purpose: submission.purpose, createdAt: Date(timeIntervalSince1970: 1_780_000_000),
            senderLocalId: submission.senderLocalId, lawfulBasis: submission.lawfulBasis
        )
        let encoded = try codec.encode(OutboundMessage(envelope: envelope, payload: submission.payload, senderOrganisation: wiltshire, recipientOrganisation: swindon))
        #expect(encoded.dropped.map(\.location) == ["/senderLocalId"])
        let back = try F.decode(encoded.bytes)
        #expect(back.header.messageId == id.value)
        #expect(back.header.created == Timestamp.format(envelope.createdAt))
        #expect(back.header.sender == CouncilXMLAuthority(element: .gss, code: "E06000054", name: "Wiltshire Council"))
        #expect(back.submission.recipient.value == "swindon-asc")
        #expect(back.submission.lawfulBasis == submission.lawfulBasis)
        #expect(try F.payload(back.submission) == (try F.payload(submission)))
    }
}
