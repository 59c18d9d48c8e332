import Foundation
import HandoverFormats
import HandoverModel
import Testing

@Suite struct HMPPSEventCodecTests {
    private func decode(_ name: String) throws -> HMPPSEvent {
        try HMPPSFixtures.decode(try HMPPSFixtures.example(name))
    }

    private func payload(_ submission: TranslatedSubmission) throws -> JSONValue {
        try HMPPSFixtures.parse(submission.payload)
    }

    // MARK: golden decode and encode

    @Test(arguments: HMPPSFixtures.examples)
    func decodingAnExampleMatchesItsGolden(name: String) throws {
        let event = try decode(name)
        #expect(try HMPPSFixtures.matchesGolden(HMPPSFixtures.json(event), "golden/\(name).canonical.json"))
    }

    @Test(arguments: HMPPSFixtures.outbound)
    func encodingAGoldenCanonicalMessageMatchesItsGoldenEvent(name: String) throws {
        let message = try HMPPSFixtures.outbound(fromJSON: try HMPPSFixtures.bytes("golden/\(name).outbound.json"))
        let output = try HMPPSEventCodec().encode(message)
        #expect(output.mediaType == "application/json")
        #expect(try HMPPSFixtures.matchesGolden(output.bytes + [0x0A], "golden/\(name).hmpps.json"))
        let dropped = output.dropped.map { DroppedField(location: $0.location, reason: $0.reason) }
        #expect(try HMPPSFixtures.matchesGolden(JSONValue.array(dropped.map { .object([("location", .string($0.location)), ("reason", .string($0.reason))]) }).serialized + [0x0A], "golden/\(name).dropped.json"))
    }

    // MARK: mapping

    @Test func theReceptionIsAnArrivalReferralToTheCouncilWhereThePrisonIs() throws {
        let event = try decode("hmpps-received-referral")
        let submission = event.submission
        #expect(event.eventType == .received)
        #expect(submission.kind == .referral)
        #expect(submission.recipient.value == "leeds-asc")
        #expect(submission.purpose == .careActAssessment)
        #expect(submission.senderLocalId == "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10")
        #expect(submission.conversationId == nil, "a correlation id equal to the message id starts a conversation")
        #expect(submission.lawfulBasis == HMPPSEventCodec.impliedBasis)
        let subject = try #require(submission.subject)
        #expect(subject.prisonerNumber?.value == "A1234BC")
        #expect(subject.nhsNumber?.value == "9449305552")
        #expect(subject.localIds == [LocalPersonID(system: "PNC", value: "12/394773H")])
        #expect(subject.name == PersonName(family: "CHISLETT", given: ["OCTAVIA"]))
        let payload = try payload(submission)
        #expect(payload["referralType"] == .string("care-act-s76-needs-assessment"))
        #expect(payload["prisonId"] == .string("LEI"))
        #expect(payload["bookingId"] == .string("1234567"))
        #expect(payload["movementReason"] == .string("new-admission"))
        #expect(payload["occurredAt"] == .string("2025-03-03T10:15:00+00:00"))
        #expect(payload["personalCareNeeds"]?.serialized == Array(#"[{"code":"D","category":"DISAB","description":"Mobility impairment","comment":"Uses walking frame; needs help washing and dressing","status":"ON","recordedOn":"2025-03-03"}]"#.utf8))
        #expect(payload["subjectDetails"]?["gender"] == .string("female"))
        #expect(Set(submission.dropped.map(\.location)) == [
            "/detailUrl", "/prisoner/status", "/prisoner/inOutStatus", "/prisoner/legalStatus", "/careExchange/legalBasis/commonLawConfidentiality",
        ])
        #expect(submission.locations == SubmissionLocations(recipient: "/careExchange/recipient/code", conversation: "/careExchange/correlationId"))
    }

    @Test func anOlderEventWithOnlyTheNomsNumberIsReadWithTheImpliedBasisAndType() throws {
        let event = try decode("hmpps-received-transferred-legacy")
        let submission = event.submission
        #expect(submission.subject?.prisonerNumber?.value == "G4821UV")
        #expect(submission.subject?.name == PersonName(family: "O'CONNELL", given: ["RHYS", "AEDAN"]))
        #expect(submission.recipient.value == "doncaster-asc")
        #expect(submission.lawfulBasis == HMPPSEventCodec.impliedBasis)
        #expect(submission.purpose == .careActAssessment)
        let payload = try payload(submission)
        #expect(payload["referralType"] == .string("care-act-s76-needs-assessment"))
        #expect(payload["movementReason"] == .string("transferred"), "a transfer in is still an arrival")
        #expect(payload["personalCareNeeds"] == nil && payload["releaseDate"] == nil, "an empty list and a null are absent")
        #expect(submission.dropped.isEmpty)
    }

    @Test func aReleaseIsAContinuityOfCareTransferAndATransferOutIsAPrisonTransfer() throws {
        let release = try decode("hmpps-released-transfer").submission
        #expect(release.kind == .continuityOfCareTransfer && release.purpose == .continuityOfCare)
        #expect(release.conversationId?.value == "3d2c1b0a-9f8e-4d7c-b6a5-4e3f2a1b0c9d")
        #expect(release.subject?.crn?.value == "X123456")
        let payload = try payload(release)
        #expect(payload["trigger"] == .string("prison-release") && payload["stage"] == .string("information-pack"))
        #expect(payload["prisonId"] == .string("LEI"), "prisoner.prisonId OUT is a status, not the prison")
        #expect(payload["releaseDate"] == .string("2025-05-12") && payload["weeklyPersonalBudgetPence"] == .number("21450"))
        #expect(Set(release.dropped.map(\.location)) == ["/prisoner/status", "/prisoner/inOutStatus", "/prisoner/legalStatus", "/prisoner/confirmedReleaseDate"])

        let transfer = try decode("hmpps-released-prison-transfer").submission
        let moved = try self.payload(transfer)
        #expect(moved["trigger"] == .string("prison-transfer") && moved["stage"] == .string("information-pack"))
        #expect(moved["destinationPrisonId"] == .string("WDI") && moved["movementReason"] == .string("transferred"))
        #expect(transfer.subject?.localIds == [LocalPersonID(system: "CRO", value: "29906/12J")])
        #expect(transfer.subject?.name.family == "WIŚNIEWSKI")
        #expect(transfer.lawfulBasis == HMPPSEventCodec.impliedBasis)
    }

    @Test func theAcknowledgementAnswersAMessageAndCarriesNoPersonalData() throws {
        let submission = try decode("hmpps-acknowledgement").submission
        #expect(submission.kind == .acknowledgement)
        #expect(submission.recipient.value == "leeds-asc")
        #expect(submission.conversationId?.value == "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f")
        #expect(submission.subject == nil && submission.purpose == nil && submission.lawfulBasis == nil)
        #expect(try payload(submission) == .object([
            ("outcome", .string("accepted")), ("note", .string("Assessment appointment added to the prisoner's schedule for 2025-03-06")),
            ("occurredAt", .string("2025-03-04T08:05:12Z")),
        ]))
    }

    @Test func aConsentBasisAndAnotherStatuteTravel() throws {
        var text = String(decoding: try HMPPSFixtures.example("hmpps-received-referral"), as: UTF8.self)
        text = text.replacingOccurrences(of: #""ukGdprArticle6": "6(1)(e) public task","#, with: "")
            .replacingOccurrences(of: #""ukGdprArticle9": "9(2)(h) health or social care","#, with: "")
            .replacingOccurrences(of: #""statute": "care-act-2014-s76","#, with: #""consentId": "0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70","#)
        let consent = try HMPPSFixtures.decode(Array(text.utf8)).submission
        #expect(consent.lawfulBasis == .consent(try ConsentID(validating: "0b6f2c1e-7d4a-4e39-9a61-3c2f8e5d1a70")))
        let safeguarding = String(decoding: try HMPPSFixtures.example("hmpps-received-referral"), as: UTF8.self)
            .replacingOccurrences(of: "care-act-2014-s76", with: "care-act-2014-s42")
            .replacingOccurrences(of: "9(2)(h) health or social care", with: "9(2)(g)")
        let basis = try HMPPSFixtures.decode(Array(safeguarding.utf8)).submission.lawfulBasis
        #expect(basis == .statutory(StatutoryBasis(statute: .careAct2014s42, article6: .publicTask, article9: .substantialPublicInterest)))
    }

    @Test func theCodecChecksTheSenderAgainstTheAuthenticatedPartner() throws {
        let codec = HMPPSEventCodec()
        let bytes = try HMPPSFixtures.example("hmpps-received-referral")
        let prison = try OrganisationIdentifier(scheme: .prisonAgency, value: "LEI")
        #expect(try codec.decode(bytes, context: HMPPSFixtures.context(from: prison)).count == 1)
        let other = try OrganisationIdentifier(scheme: .prisonAgency, value: "DNI")
        let refused = HL7Fixtures.issues { _ = try codec.decode(bytes, context: HMPPSFixtures.context(from: other)) }
        #expect(refused.map { "\($0.path) \($0.rule)" } == ["/careExchange/sender/code hmpps-sender-mismatch"])
        let broken = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "9449305552", with: "9449305553").utf8)
        let both = HL7Fixtures.issues { _ = try codec.decode(broken, context: HMPPSFixtures.context(from: other)) }
        #expect(Set(both.map(\.rule)) == ["hmpps-sender-mismatch", "nhs-number-check-digit"], "reported together")
        #expect(PartnerCodecs.codec(for: .hmppsJSON)?.format == .hmppsJSON)
        #expect(codec.malformedRules.isSuperset(of: ["json-syntax", "encoding", "json-depth", "duplicate-member", "max-size"]))
    }

    // MARK: round trips

    /// HMPPS event -> canonical -> HMPPS event -> canonical: the same submission (the second
    /// decode keeps what the first carried; only what the first dropped is gone).
    @Test(arguments: HMPPSFixtures.examples)
    func eventToCanonicalToEventPreservesMeaning(name: String) throws {
        let first = try decode(name)
        let output = try HMPPSEventEncoder.encode(try HMPPSFixtures.outbound(first))
        #expect(output.dropped.isEmpty, "\(output.dropped)")
        let second = try HMPPSFixtures.decode(output.bytes)
        var expected = first.submission
        expected.dropped = []
        #expect(second.submission == expected)
        #expect(second.sender == first.sender && second.eventType == first.eventType)
    }

    /// Canonical -> HMPPS event -> canonical loses nothing the event can carry: everything not
    /// listed as dropped comes back.
    @Test(arguments: HMPPSFixtures.outbound)
    func canonicalToEventToCanonicalLosesNothingTheEventCanCarry(name: String) throws {
        let message = try HMPPSFixtures.outbound(fromJSON: try HMPPSFixtures.bytes("golden/\(name).outbound.json"))
        let output = try HMPPSEventEncoder.encode(message)
        let event = try HMPPSEventCodec().decode(output.bytes, context: HMPPSFixtures.context(from: try #require(message.senderOrganisation).identifier))
        let back = try #require(event.first)
        let envelope = message.envelope
        let dropped = Set(output.dropped.map(\.location))
        #expect(back.kind == envelope.kind && back.recipient == envelope.recipient)
        #expect(back.conversationId == envelope.conversationId)
        #expect(back.senderLocalId == envelope.id.value)
        #expect(back.purpose == envelope.purpose)
        #expect(back.lawfulBasis == envelope.lawfulBasis ?? (envelope.kind == .acknowledgement ? nil : HMPPSEventCodec.impliedBasis))
        if var subject = envelope.subject {
            subject.localIds = subject.localIds.enumerated().filter { !dropped.contains("/subject/localIds/\($0.offset)") }.map(\.element)
            #expect(back.subject == subject)
        }
        let sent = try HMPPSFixtures.parse(message.payload)
        guard case .object(let members) = sent else { Issue.record("payload is not an object"); return }
        let kept = JSONValue.object(members.filter { !dropped.contains("/payload/" + $0.0) })
        #expect(HMPPSPropertyTests.sorted(try HMPPSFixtures.parse(back.payload)) == HMPPSPropertyTests.sorted(kept), "the same members, whatever their order")
    }

    @Test func whatTheEventCannotCarryIsListedAsDropped() throws {
        var message = try HMPPSFixtures.outbound(fromJSON: try HMPPSFixtures.bytes("golden/council-referral-reply.outbound.json"))
        var payload = try HMPPSFixtures.parse(message.payload)
        if case .object(var members) = payload {
            members.append(("requestedBy", .object([("name", .object([("family", .string("Ahmed"))])), ("fax", .string("0113 000 0001"))])))
            members.append(("receptionDate", .string("2025-03-03T10:00:00")))
            members.append(("checklist", .object([("outcome", .string("positive"))])))
            members.append(("e\u{301}tat/~x", .array([.string("a"), .object([("Zoë", .bool(true))])])))
            payload = .object(members)
        }
        message.payload = payload.serialized
        let output = try HMPPSEventEncoder.encode(message)
        #expect(Set(output.dropped.map(\.location)) == [
            "/senderLocalId", "/subject/localIds/1", "/payload/carePlanAttached", "/payload/requestedBy/fax", "/payload/checklist/outcome",
            "/payload/receptionDate", "/payload/e\u{301}tat~1~0x/0", "/payload/e\u{301}tat~1~0x/1/Zoë",
        ])
        let event = try HMPPSFixtures.parse(output.bytes)
        #expect(event["prisoner"]?["receptionDate"] == .string("2025-03-03"), "the day of a date-time is written")
        #expect(output.dropped.allSatisfy { !$0.reason.isEmpty })

        message.envelope.kind = .acknowledgement
        let acknowledgement = try HMPPSEventEncoder.encode(message)
        #expect(Set(acknowledgement.dropped.map(\.location)).isSuperset(of: ["/purpose", "/lawfulBasis", "/payload/prisonId"]))
    }

    @Test func theEncoderRefusesWhatAPrisonEventCannotTake() throws {
        var message = try HMPPSFixtures.outbound(fromJSON: try HMPPSFixtures.bytes("golden/council-transfer.outbound.json"))
        message.envelope.kind = .placementQuery
        #expect(HL7Fixtures.issues { _ = try HMPPSEventEncoder.encode(message) }.map { "\($0.path) \($0.rule)" } == ["/kind hmpps-unsupported-kind"])
        message.envelope.kind = .continuityOfCareTransfer
        message.payload = Array(#"{"trigger":"adult-moving-s37","intendedMoveDate":"2025-02-30","secondAuthority":{"scheme":"gss","value":"E6000030"},"weeklyPersonalBudgetPence":-5}"#.utf8)
        let pairs = Set(HL7Fixtures.issues { _ = try HMPPSEventEncoder.encode(message) }.map { "\($0.path) \($0.rule)" })
        #expect(pairs == [
            "/payload/trigger hmpps-unsupported-value", "/payload/intendedMoveDate date-calendar", "/payload/secondAuthority/value gss-format",
            "/payload/weeklyPersonalBudgetPence non-negative-integer",
        ])
        message.payload = Array(#"{"trigger":"prison-transfer","movementReason":"released"}"#.utf8)
        #expect(HL7Fixtures.issues { _ = try HMPPSEventEncoder.encode(message) }.map { "\($0.path) \($0.rule)" } == ["/payload/movementReason hmpps-unsupported-value"])
        message.payload = Array("[1]".utf8)
        #expect(HL7Fixtures.issues { _ = try HMPPSEventEncoder.encode(message) }.map(\.rule) == ["type"])
        message.payload = Array("{}".utf8)
        message.envelope.subject = Person(localIds: [LocalPersonID(system: "E08000035", value: "3300912")], name: PersonName(family: "A", given: []), birthDate: try CalendarDate(validating: "1970-01-01"))
        #expect(HL7Fixtures.issues { _ = try HMPPSEventEncoder.encode(message) }.map { "\($0.path) \($0.rule)" } == ["/subject person-identifier"])
    }
}
