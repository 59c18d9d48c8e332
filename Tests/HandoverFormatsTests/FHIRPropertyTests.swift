import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// Generated canonical messages of every kind FHIR partners take, with awkward text (apostrophes,
/// accents, JSON escapes, control characters) and optional members present and absent.
struct FHIRMessageGenerator {
    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    /// The canonical code lists (payloads.md).
    enum Codes {
        static let genders = ["female", "male", "other", "unknown"]
        static let verificationStatuses = ["01", "02", "03", "04", "05", "06", "07", "08"]
        static let referralTypes = [
            "chc-checklist", "chc-fast-track", "care-act-s9-assessment", "carers-assessment-s10", "care-act-s76-needs-assessment",
            "safeguarding-concern-s42", "s117-aftercare-planning", "hospital-discharge",
        ]
        static let priorities = ["routine", "urgent", "asap", "stat"]
        static let checklistDomains = [
            "behaviour", "cognition", "psychological", "communication", "mobility", "nutrition", "continence", "skinIntegrity", "breathing",
            "drugTherapies", "alteredStatesOfConsciousness",
        ].map { (member: $0, text: $0) }
        static let checklistLevels = ["A", "B", "C"]
        static let checklistOutcomes = ["positive", "negative"]
        static let decisionOutcomes = ["eligible", "not-eligible", "fnc-only", "joint-package", "fast-track-eligible"]
        static let transferStages = ["intention-notified", "genuine-intention-confirmed", "information-pack", "assessment-outcome", "interim-s38", "move-completed"]
        static let transferTriggers = ["adult-moving-s37", "prison-release", "prison-transfer"]
        static let detentionSections = ["3", "37", "37/41", "45A", "47", "47/49", "48", "48/49"]
        static let s117Questions = ["responsible-la", "responsible-icb", "both"]
        static let givenBy = ["person", "lpa-welfare", "welfare-deputy", "best-interests"]
        static let dataCategories = [
            "demographics", "contact", "care-needs", "care-plan", "health-conditions", "medication", "mental-health-legal-status", "custody", "safeguarding", "finance",
        ]
        static let acknowledgementOutcomes = ["received", "accepted", "rejected", "error"]
    }

    static let kinds: [MessageKind] = [.referral, .decisionNotice, .continuityOfCareTransfer, .s117Query, .s117Reply, .consentGrant, .consentWithdrawal, .acknowledgement]
    private static let pieces = [
        "O'Brien", "D’Souza", "Zoë", "Łukasz", "Ñúñez", "李", "\"quoted\"", "back\\slash", "tab\there", "new\nline", "\u{1}ctl", "\u{1F}x",
        "</script>", "&amp;", "😀", "a/b", "~0", "Anne-Marie", " ", "\u{7F}",
    ]
    private static let nhsNumbers = ["9434765919", "9990000018", "9990000026", "4010232137", "6000000006", "9449305552"]

    mutating func chance() -> Bool { Bool.random(using: &random) }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    /// Text that starts with a letter (FHIR refuses strings of whitespace alone).
    mutating func text() -> String {
        "K" + (0..<Int.random(in: 1...3, using: &random)).map { _ in pick(Self.pieces) }.joined()
    }

    mutating func date() -> String {
        let year = Int.random(in: 1930...2030, using: &random)
        let month = Int.random(in: 1...12, using: &random)
        let day = Int.random(in: 1...28, using: &random)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    mutating func instant() -> String {
        date() + pick(["T14:05:00Z", "T09:30:00+01:00", "T23:59:59.123Z", "T00:00:00-05:00"])
    }

    mutating func optional(_ name: String, _ value: JSONValue) -> (String, JSONValue?) {
        (name, chance() ? value : nil)
    }

    mutating func organisation(named: Bool = true) -> JSONValue {
        let (scheme, value) = pick([("ods", "QOX"), ("ods", "RN3"), ("gss", "E06000030"), ("gss", "E06000054"), ("prison-agency", "LEI"), ("ods", "L83043")])
        return .object([("scheme", .string(scheme)), ("value", .string(value))] + (named && chance() ? [("name", .string(text()))] : []))
    }

    mutating func address() -> JSONValue {
        .object([
            ("lines", .array((0..<Int.random(in: 1...3, using: &random)).map { _ in .string(text()) })),
            optional("town", .string(text())), optional("county", .string(text())), optional("postcode", .string("SN1 1AA")),
        ].compactMap { name, value in value.map { (name, $0) } })
    }

    mutating func name() -> JSONValue {
        .object([("family", .string(text())), ("given", .array((0..<Int.random(in: 1...2, using: &random)).map { _ in .string(text()) }))])
    }

    mutating func person() -> Person {
        let nhs = chance() ? try? NHSNumber(validating: pick(Self.nhsNumbers)) : nil
        var locals = (0..<Int.random(in: 0...2, using: &random)).map { _ in
            LocalPersonID(system: pick(["E06000030", "Mosaic person id", "https://fhir.gwh.example.nhs.uk/Id/pas-identifier", "räksmörgås/ÅÄÖ%"]), value: text())
        }
        if nhs == nil && locals.isEmpty { locals = [LocalPersonID(system: "E06000030", value: "3300912")] }
        return Person(
            nhsNumber: nhs,
            prisonerNumber: chance() ? try? PrisonerNumber(validating: "A1234BC") : nil,
            crn: chance() ? try? CaseReferenceNumber(validating: "X123456") : nil,
            localIds: locals,
            name: PersonName(family: text(), given: (0..<Int.random(in: 0...3, using: &random)).map { _ in text() }),
            birthDate: (try? CalendarDate(validating: date())) ?? (try! CalendarDate(validating: "1938-07-14"))
        )
    }

    /// A message of `kind`, from one registered partner to another.
    mutating func message(_ kind: MessageKind, index: Int) throws -> OutboundMessage {
        let subject = kind == .acknowledgement ? nil : person()
        var members: [(String, JSONValue?)] = payload(kind)
        if let subject {
            let details = JSONValue.object([
                optional("title", .string(pick(["Mrs", "Mr", "Dr", "Mx"]))), optional("gender", .string(pick(Codes.genders))),
                optional("address", address()),
                subject.nhsNumber != nil ? optional("nhsNumberVerificationStatus", .string(pick(Codes.verificationStatuses))) : ("x", nil),
            ].compactMap { name, value in value.map { (name, $0) } })
            if case .object(let parts) = details, !parts.isEmpty { members.append(("subjectDetails", details)) }
        }
        let payload = JSONValue.object(members.compactMap { name, value in value.map { (name, $0) } })
        let sender = pick(FHIRFixtures.partners)
        let recipient = pick(FHIRFixtures.partners)
        let basis: LawfulBasis? = switch Int.random(in: 0...2, using: &random) {
        case 0: .consent(ConsentID())
        case 1: .statutory(StatutoryBasis(statute: pick(Statute.allCases), article6: pick(StatutoryBasis.article6Conditions), article9: pick(StatutoryBasis.article9Conditions)))
        default: nil
        }
        let envelope = MessageEnvelope(
            id: MessageID(), sender: sender.mailbox, recipient: recipient.mailbox, kind: kind,
            conversationId: kind.isReply || chance() ? MessageID() : nil,
            subject: subject, purpose: subject == nil ? nil : pick(Purpose.allCases),
            createdAt: Date(timeIntervalSince1970: 1_795_000_000 + Double(index) * 61.007),
            senderLocalId: chance() ? "LOCAL/" + text() : nil, lawfulBasis: basis
        )
        return OutboundMessage(envelope: envelope, payload: payload.serialized, senderOrganisation: sender.organisation, recipientOrganisation: recipient.organisation)
    }

    private mutating func payload(_ kind: MessageKind) -> [(String, JSONValue?)] {
        func code(_ items: [String]) -> JSONValue { .string(pick(items)) }
        let notes = JSONValue.array((0..<Int.random(in: 1...2, using: &random)).map { _ in .string(text()) })
        switch kind {
        case .referral:
            let domains = Codes.checklistDomains.compactMap { chance() ? ($0.member, code(Codes.checklistLevels)) : nil }
            return [
                optional("referralId", .string("REF/" + text())), ("referralType", code(Codes.referralTypes)), optional("priority", code(Codes.priorities)),
                optional("reason", .string(text())), optional("referredOn", .string(date())), optional("respondBy", .string(date())),
                optional("requestedBy", .object([("name", name()), ("role", .string(text())), ("organisation", organisation()), ("phone", .string("01793 604020")), ("email", .string("a@b.example")), ("address", address())])),
                optional("requestedOf", .object([("name", .string(text())), ("identifier", organisation(named: false))])),
                optional("checklist", .object([
                    ("completedOn", .string(date())), ("completedBy", .string(text())), ("domains", .object(domains.isEmpty ? [("mobility", .string("A"))] : domains)),
                    ("outcome", code(Codes.checklistOutcomes)), ("reason", .string(text())),
                ])),
                optional("consentRecorded", .bool(chance())), optional("selfReferral", .bool(chance())), optional("notes", notes),
            ]
        case .decisionNotice:
            let total = Int64.random(in: 0...5_000_000, using: &random)
            let points = Int.random(in: 0...10_000, using: &random)
            let icb = Pence(total).share(basisPoints: points).value
            return [
                ("outcome", code(Codes.decisionOutcomes)), optional("decidedOn", .string(date())), optional("referralReceivedOn", .string(date())),
                optional("leadHealthProfessional", .string(text())),
                optional("funding", .object([("weeklyTotalPence", .number(String(total))), ("icbShareBasisPoints", .number(String(points))), ("icbPence", .number(String(icb))), ("councilPence", .number(String(total - icb)))])),
                optional("firstReviewDue", .string(date())), optional("rationale", .string(text())), optional("notes", notes),
            ]
        case .continuityOfCareTransfer:
            return [
                ("stage", code(Codes.transferStages)), optional("trigger", code(Codes.transferTriggers)), optional("firstAuthority", organisation()),
                optional("secondAuthority", organisation()), optional("intendedMoveDate", .string(date())), optional("newAddress", address()),
                optional("carePlanAttached", .bool(chance())), optional("weeklyPersonalBudgetPence", .number(String(Int.random(in: 0...900_000, using: &random)))),
                optional("prisonId", .string("LEI")), optional("releaseDate", .string("2025-05-12T09:00:00")), optional("releaseType", .string(text())), optional("notes", notes),
            ]
        case .s117Query:
            return [
                optional("detentionSection", code(Codes.detentionSections)), optional("detentionStart", .string(date())), optional("dischargeDate", .string(date())),
                optional("question", code(Codes.s117Questions)), optional("detainingHospital", organisation()), optional("addressBeforeDetention", address()),
                optional("gpPracticeAtDetention", .string("L83043")), optional("notes", notes),
            ]
        case .s117Reply:
            return [
                optional("accepts", .bool(chance())), optional("responsibleAuthority", organisation()), optional("responsibleIcb", organisation()),
                optional("financiallyResponsibleIcb", organisation()), optional("basis", .string(text())), optional("effectiveFrom", .string(date())),
                optional("disputeReason", .string(text())),
            ]
        case .consentGrant:
            let givenBy = pick(Codes.givenBy)
            let recipients: [JSONValue] = (0..<Int.random(in: 1...3, using: &random)).map { _ in chance() ? organisation() : .object([("kind", code(OrganisationKind.allCases.map(\.rawValue)))]) }
            return [
                ("consentId", .string(ConsentID().value)), ("givenBy", .string(givenBy)),
                givenBy == "person" ? ("givenByName", nil) : optional("givenByName", .string(text())),
                optional("decidedAt", .string(instant())), optional("purposes", .array([code(Purpose.allCases.map(\.rawValue))])),
                optional("recipients", .array(recipients)), optional("dataCategories", .array([code(Codes.dataCategories), code(Codes.dataCategories)])),
                optional("validFrom", .string(date())), optional("validUntil", .string(date())), optional("recordedBy", .string(text())),
            ]
        case .consentWithdrawal:
            return [("consentId", .string(ConsentID().value)), optional("withdrawnAt", .string(instant())), optional("reason", .string(text())), optional("recordedBy", .string(text()))]
        default:
            return [("outcome", code(Codes.acknowledgementOutcomes)), optional("note", .string(text()))]
        }
    }
}

@Suite struct FHIRPropertyTests {
    @Test(arguments: FHIRMessageGenerator.kinds)
    func generatedMessagesSurviveCanonicalToFHIRToCanonical(kind: MessageKind) throws {
        var generator = FHIRMessageGenerator(seed: UInt64(FHIRMessageGenerator.kinds.firstIndex(of: kind) ?? 0) + 101)
        for index in 0..<60 {
            let message = try generator.message(kind, index: index)
            let envelope = message.envelope
            let output = try FHIRMessageEncoder.encode(message)
            #expect(output.dropped.isEmpty, "\(output.dropped)")
            let sender = FHIRFixtures.partners.first { $0.mailbox == envelope.sender }
            let back = try FHIRFixtures.decode(output.bytes, sender: sender)
            #expect(back.kind == kind && back.recipient == envelope.recipient)
            #expect(back.subject == envelope.subject)
            #expect(back.purpose == envelope.purpose)
            #expect(back.lawfulBasis == envelope.lawfulBasis)
            #expect(back.senderLocalId == (envelope.senderLocalId ?? envelope.id.value))
            #expect(back.conversationId == envelope.conversationId)
            #expect(back.dropped.isEmpty, "\(back.dropped)")
            let sent = try FHIRFixtures.parse(message.payload)
            let received = try FHIRFixtures.parse(back.payload)
            #expect(FHIRFixtures.same(received, sent), "\(String(decoding: back.payload, as: UTF8.self)) vs \(String(decoding: message.payload, as: UTF8.self))")
        }
    }
}
