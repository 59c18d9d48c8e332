import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// Generated canonical messages of every council XML kind, with awkward text, optional members
/// present and absent: canonical to XML to canonical loses nothing.
@Suite struct CouncilXMLPropertyTests {
    typealias F = CouncilXMLFixtures

    @Test func generatedMessagesSurviveCanonicalToXMLToCanonical() throws {
        var generator = CouncilXMLGenerator(seed: 11)
        var kinds: Set<MessageKind> = []
        for _ in 0..<300 {
            let (submission, header) = generator.message()
            kinds.insert(submission.kind)
            let output = try CouncilXMLEncoder.encode(submission, header: header)
            #expect(output.dropped.isEmpty, "\(output.dropped)")
            let back = try F.decode(output.bytes)
            #expect(back.header == header)
            #expect(back.submission.kind == submission.kind)
            #expect(back.submission.subject == submission.subject)
            #expect(back.submission.purpose == submission.purpose)
            #expect(back.submission.lawfulBasis == submission.lawfulBasis)
            #expect(back.submission.inReplyTo == submission.inReplyTo)
            #expect(back.submission.senderLocalId == header.messageId)
            #expect(try F.payload(back.submission) == (try F.payload(submission)), "\(String(decoding: output.bytes, as: UTF8.self))")
        }
        #expect(kinds.count == 9)
    }
}

/// A small seeded generator of canonical council XML messages (valid values only, members in the
/// order the decoder writes them, so payloads compare exactly).
struct CouncilXMLGenerator {
    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    static let pieces = ["O'Brien", "D’Souza", "Zoë", "Łukasz", "Ñúñez", "&", "<", ">", "\"", "'", "]]>", "&amp;", "<b>", "李", "Anne-Marie", " ", "\t", "\n", "\r\n", "\r", "é"]

    mutating func chance() -> Bool { Bool.random(using: &random) }

    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    mutating func text(_ maxPieces: Int = 4) -> String {
        let value = (0..<Int.random(in: 1...maxPieces, using: &random)).map { _ in pick(Self.pieces) }.joined()
        return "A" + value
    }

    mutating func date() -> String {
        "20\(Int.random(in: 10...30, using: &random))-0\(Int.random(in: 1...9, using: &random))-\(Int.random(in: 10...28, using: &random))"
    }

    mutating func organisation(kind: Bool = false) -> JSONValue {
        if kind && chance() { return .object([("kind", .string(pick(["icb", "local-authority", "prison"])))]) }
        let (scheme, value) = pick([("gss", "E06000054"), ("ods", "QOX"), ("prison-agency", "LEI")])
        return .object([("scheme", .string(scheme)), ("value", .string(value))] + (chance() ? [("name", .string(text(3)))] : []))
    }

    mutating func members(_ candidates: [(String, JSONValue)]) -> [(String, JSONValue)] {
        candidates.filter { _ in chance() }
    }

    mutating func payload(_ kind: MessageKind) -> [(String, JSONValue)] {
        let address: JSONValue = .object([("lines", .array([.string(text()), .string(text())])), ("postcode", .string("SN1 1AA"))])
        var result: [(String, JSONValue)]
        switch kind {
        case .referral:
            result = members([
                ("referralId", .string("REF-\(Int.random(in: 1...9999, using: &random))")),
                ("referralType", .string(pick(["chc-checklist", "care-act-s9-assessment", "safeguarding-concern-s42"]))),
                ("priority", .string(pick(["routine", "urgent"]))),
                ("reason", .string(text(8))),
                ("respondBy", .string(date())),
                ("requestedOf", .object([("name", .string(text())), ("identifier", organisation())])),
                ("checklist", .object([("domains", .object([("behaviour", .string("A")), ("breathing", .string("C"))])), ("outcome", .string("positive"))])),
                ("consentRecorded", .bool(chance())),
                ("prisonId", .string("LEI")),
                ("receptionDate", .string(pick(["2025-03-03", "2025-03-03T10:15", "2025-03-03T10:15:00.25+01:00"]))),
                ("personalCareNeeds", .array([.object([("code", .string("DISAB")), ("description", .string(text()))])])),
            ])
        case .continuityOfCareTransfer:
            result = [("stage", .string(pick(["intention-notified", "information-pack", "interim-s38", "move-completed"])))] + members([
                ("trigger", .string(pick(["adult-moving-s37", "prison-release"]))),
                ("firstAuthority", organisation()),
                ("intendedMoveDate", .string(date())),
                ("newAddress", address),
                ("carePlanAttached", .bool(chance())),
                ("weeklyPersonalBudgetPence", .number(String(Int.random(in: 0...999_999, using: &random)))),
                ("recordedBy", .object([("family", .string(text())), ("given", .array([.string(text())]))])),
                ("observations", .array([.object([("code", .string("X")), ("value", .string(text()))])])),
                ("nextOfKin", .array([.object([("name", .object([("family", .string(text()))])), ("relationship", .object([("code", .string("DAU"))])), ("phone", .string("0113"))])])),
            ])
        case .placementQuery:
            result = members([
                ("queryId", .string("Q-1")),
                ("provider", .object([("name", .string(text())), ("cqcLocationId", .string("1-123039495"))])),
                ("careType", .string("nursing")),
                ("questions", .array([.string("existing-contract"), .string("third-party-top-ups")])),
            ])
        case .placementReply:
            result = members([
                ("existingContract", .bool(chance())), ("contractReference", .string(text())),
                ("weeklyCostPence", .number("145000")), ("safeguardingConcerns", .string(text(6))), ("thirdPartyTopUpPence", .number("0")),
            ])
        case .s117Query:
            result = members([
                ("detentionSection", .string(pick(["3", "37/41", "45A"]))), ("question", .string("both")),
                ("detainingHospital", organisation()), ("addressBeforeDetention", address),
            ])
        case .s117Reply:
            result = members([("accepts", .bool(chance())), ("responsibleIcb", organisation()), ("basis", .string(text())), ("effectiveFrom", .string(date()))])
        case .consentGrant:
            result = [("consentId", .string(ConsentID().value))] + members([
                ("givenBy", .string("lpa-welfare")), ("givenByName", .string(text())), ("decidedAt", .string("2025-05-02T15:30:00.5Z")),
                ("purposes", .array([.string("chc-assessment")])), ("recipients", .array([organisation(kind: true), organisation(kind: true)])),
                ("dataCategories", .array([.string("finance")])), ("validUntil", .string(date())),
            ])
        case .consentWithdrawal:
            result = [("consentId", .string(ConsentID().value))] + members([("withdrawnAt", .string("2025-09-14T17:00:00+01:00")), ("reason", .string(text(6)))])
        default:
            result = [("outcome", .string(pick(["received", "accepted", "rejected", "error"])))] + members([("note", .string(text()))])
        }
        if chance() { result.append(("notes", .array((0..<Int.random(in: 1...3, using: &random)).map { _ in .string(text(6)) }))) }
        return result
    }

    mutating func person() -> (Person, JSONValue?) {
        let nhs = chance() ? try? NHSNumber(validating: pick(["9434765919", "9990000026", "4010232137"])) : nil
        let local = chance() || nhs == nil ? [LocalPersonID(system: pick(["E06000030", "a \"system\" & <more>"]), value: text())] : []
        let given = (0..<Int.random(in: 0...2, using: &random)).map { _ in text() }
        let person = Person(nhsNumber: nhs, prisonerNumber: chance() ? try? PrisonerNumber(validating: "A1234BC") : nil, localIds: local, name: PersonName(family: text(), given: given), birthDate: try! CalendarDate(validating: date()))
        let details = members([("title", .string("Dr")), ("gender", .string("other"))])
        return (person, details.isEmpty ? nil : .object(details))
    }

    mutating func message() -> (TranslatedSubmission, CouncilXMLHeader) {
        let kind = pick(MessageKind.allCases.filter { $0 != .decisionNotice && $0 != .nonDeliveryReport && $0 != .document })
        var members = payload(kind)
        var subject: Person?
        if kind.carriesPersonalData || chance() {
            let (person, details) = self.person()
            subject = person
            if let details { members.append(("subjectDetails", details)) }
        }
        let basis: LawfulBasis? = chance() ? nil : chance()
            ? .consent(ConsentID())
            : .statutory(StatutoryBasis(statute: pick(Statute.allCases), article6: pick(StatutoryBasis.article6Conditions), article9: pick(StatutoryBasis.article9Conditions)))
        let recipient: (CouncilXMLAuthority.CodeElement, String) = pick([(.gss, "E06000030"), (.mailbox, "swindon-asc")])
        let header = CouncilXMLHeader(
            messageId: MessageID().value, created: "2025-06-02T09:12:00.123Z",
            sender: CouncilXMLAuthority(element: .gss, code: "E06000054", name: "Wiltshire & \"Council\""),
            recipient: CouncilXMLAuthority(element: recipient.0, code: recipient.1, name: "Swindon <Borough> Council")
        )
        let reply = kind.isReply || chance() ? (chance() ? MessageID().value : "LOCAL-\(Int.random(in: 1...99, using: &random))") : nil
        let submission = TranslatedSubmission(
            recipient: CouncilXMLFixtures.mailbox("swindon-asc"), kind: kind,
            conversationId: reply.flatMap { try? MessageID(validating: $0) }, inReplyTo: reply, subject: subject,
            purpose: kind.carriesPersonalData || chance() ? pick(Purpose.allCases) : nil,
            senderLocalId: header.messageId, lawfulBasis: basis, payload: JSONValue.object(members).serialized
        )
        return (submission, header)
    }
}
