import Foundation
import HandoverFormats
import HandoverModel

/// Generates canonical messages for the hmpps-json property tests: every kind the format takes,
/// optional members present and absent, names and text with apostrophes, accents, JSON escapes
/// and control characters, and identifiers with valid check digits and letters. Seeded, so a
/// failure is reproducible.
struct HMPPSMessageGenerator {
    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    static let pieces = [
        "O'Brien", "D’Souza", "Zoë", "Łukasz", "Ñúñez", "Anne-Marie", "李", "\"quoted\"", "back\\slash", "a/b", "tab\there",
        "line\nfeed", "cr\r", "\u{01}ctl", "del\u{7F}", "🏴‍☠️", "sep\u{2028}", "𝔘𝔫𝔦", "&<>", "~0~1", "Mc", "Smith",
    ]
    static let letters = Array("ZABCDEFGHJKLMNPQRTUVWXY")

    mutating func bool() -> Bool { Bool.random(using: &random) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }

    mutating func maybe(_ make: (inout HMPPSMessageGenerator) -> JSONValue) -> JSONValue? {
        bool() ? make(&self) : nil
    }

    mutating func text(_ most: Int = 3) -> String {
        (0..<int(1...most)).map { _ in pick(Self.pieces) }.joined(separator: pick([" ", "", "-"]))
    }

    mutating func date() -> String {
        String(format: "%04d-%02d-%02d", int(1930...2030), int(1...12), int(1...28))
    }

    mutating func instant() -> String {
        let base = String(format: "%@T%02d:%02d:%02d", date(), int(0...23), int(0...59), int(0...59))
        return base + pick(["Z", "+01:00", ".318+01:00", ".5Z", "-05:30"])
    }

    mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(int(0...9))) })
    }

    mutating func upper(_ count: Int) -> String {
        String((0..<count).map { _ in pick(Array("ABCDEFGHJKLMNPRSTUVWXYZ")) })
    }

    mutating func nhsNumber() -> NHSNumber {
        while true {
            let first = digits(9)
            let sum = first.enumerated().reduce(0) { $0 + Int(String($1.element))! * (10 - $1.offset) }
            let check = 11 - sum % 11
            guard check != 10, let number = try? NHSNumber(validating: first + String(check == 11 ? 0 : check)) else { continue }
            return number
        }
    }

    mutating func pnc() -> String {
        let year = digits(2)
        let serial = String(int(1...9_999_999))
        return "\(bool() ? "20" + year : year)/\(serial)\(Self.letters[Int(year + String(repeating: "0", count: 7 - serial.count) + serial)! % 23])"
    }

    mutating func cro() -> String {
        let serial = String(int(1...999_999))
        let year = digits(2)
        return "\(serial)/\(year)\(Self.letters[Int(year + String(repeating: "0", count: 6 - serial.count) + serial)! % 23])"
    }

    mutating func name() -> JSONValue {
        let given = (0..<int(0...2)).map { _ in JSONValue.string(text(2)) }
        return .object([("family", .string(text(2)))] + (given.isEmpty ? [] : [("given", .array(given))]))
    }

    mutating func address() -> JSONValue {
        var members: [(String, JSONValue)] = [("town", .string(text(1)))]
        if bool() { members.insert(("lines", .array((0..<int(1...5)).map { _ in .string(text()) })), at: 0) }
        if bool() { members.append(("county", .string(text(1)))) }
        if bool() { members.append(("postcode", .string(pick(["SN3 3CC", "LS1 1UR", "WF1 2DQ"])))) }
        return .object(members)
    }

    mutating func organisation() -> JSONValue {
        let (scheme, value) = pick([("gss", "E08000035"), ("gss", "E06000030"), ("ods", "QOX"), ("prison-agency", "LEI")])
        return .object([("scheme", .string(scheme)), ("value", .string(value))] + (bool() ? [("name", .string(text()))] : []))
    }

    /// Members in the order given, absent ones left out. Nested objects always have a first
    /// member, so that none is empty (an empty object is not carried, by design).
    static func object(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { name, value in value.map { (name, $0) } })
    }

    mutating func referral() -> JSONValue {
        Self.object([
            ("referralId", maybe { .string($0.upper(3) + "-" + $0.digits(6)) }),
            ("referralType", maybe { .string($0.pick(["care-act-s76-needs-assessment", "safeguarding-concern-s42", "carers-assessment-s10"])) }),
            ("priority", maybe { .string($0.pick(["routine", "urgent", "asap", "stat"])) }),
            ("status", maybe { .string($0.pick(["pending", "accepted", "rejected", "expired"])) }),
            ("reason", maybe { .string($0.text(8)) }),
            ("referredOn", maybe { .string($0.date()) }),
            ("respondBy", maybe { .string($0.date()) }),
            ("requestedBy", maybe { g in
                HMPPSMessageGenerator.object([("name", g.name()), ("role", g.maybe { .string($0.text()) }), ("organisation", g.maybe { $0.organisation() }),
                    ("phone", g.maybe { _ in .string("0113 000 0000") }), ("email", g.maybe { _ in .string("duty.team@example.gov.uk") }), ("address", g.maybe { $0.address() })])
            }),
            ("requestedOf", maybe { g in HMPPSMessageGenerator.object([("name", .string(g.text())), ("identifier", g.maybe { $0.organisation() })]) }),
            ("consentRecorded", maybe { .bool($0.bool()) }),
            ("selfReferral", maybe { .bool($0.bool()) }),
            ("prisonId", maybe { .string($0.pick(["LEI", "DNI", "MDI", "STC2"])) }),
            ("location", maybe { .string($0.text()) }),
            ("bookingId", maybe { .string($0.digits($0.int(1...12))) }),
            ("receptionDate", maybe { .string($0.date()) }),
            ("personalCareNeeds", maybe { g in
                .array((0..<g.int(1...3)).map { _ in
                    HMPPSMessageGenerator.object([("code", .string(g.upper(2))), ("category", .string(g.pick(["DISAB", "MATSTAT", "PHY"]))),
                        ("description", g.maybe { .string($0.text(5)) }), ("comment", g.maybe { .string($0.text(6)) }), ("status", g.maybe { _ in .string("ON") }),
                        ("recordedOn", g.maybe { .string($0.date()) }), ("endedOn", g.maybe { .string($0.date()) })])
                })
            }),
            ("movementReason", maybe { .string($0.pick(HMPPSMovementReason.receptions).canonical) }),
            ("occurredAt", maybe { .string($0.instant()) }),
            ("notes", maybe { g in .array((0..<g.int(1...3)).map { _ in .string(g.text(6)) }) }),
            ("subjectDetails", subjectDetails()),
        ])
    }

    mutating func subjectDetails() -> JSONValue? {
        maybe { g in
            HMPPSMessageGenerator.object([("title", g.maybe { .string($0.pick(["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"])) }),
                ("gender", .string(g.pick(["female", "male", "other", "unknown"]))), ("address", g.maybe { $0.address() }),
                ("nhsNumberVerificationStatus", g.maybe { .string("0" + String($0.int(1...8))) })])
        }
    }

    mutating func transfer() -> JSONValue {
        let trigger = pick(["prison-release", "prison-transfer", nil])
        let reasons = trigger == "prison-transfer" ? ["transferred"] : trigger == nil ? ["released", "released-to-hospital", "transferred"] : ["released", "released-to-hospital"]
        return Self.object([
            ("stage", maybe { .string($0.pick(["intention-notified", "information-pack", "assessment-outcome", "interim-s38", "move-completed"])) }),
            ("trigger", trigger.map(JSONValue.string)),
            ("firstAuthority", maybe { $0.organisation() }),
            ("secondAuthority", maybe { $0.organisation() }),
            ("intendedMoveDate", maybe { .string($0.date()) }),
            ("newAddress", maybe { $0.address() }),
            ("carePlanAttached", maybe { .bool($0.bool()) }),
            ("weeklyPersonalBudgetPence", maybe { .number(String($0.int(0...2_000_000))) }),
            ("prisonId", maybe { .string($0.pick(["LEI", "DNI", "WDI"])) }),
            ("location", maybe { .string($0.text()) }),
            ("destinationPrisonId", maybe { .string($0.pick(["WDI", "MDI"])) }),
            ("destinationLocation", maybe { .string($0.text()) }),
            ("bookingId", maybe { .string($0.digits(7)) }),
            ("receptionDate", maybe { .string($0.date()) }),
            ("releaseDate", maybe { .string($0.date()) }),
            ("releaseType", maybe { .string($0.pick(["licence", "conditional-release", "end-of-sentence"])) }),
            ("careNeedsInCustody", maybe { .string($0.text(8)) }),
            ("consent", maybe { .string($0.text(4)) }),
            ("dischargeDisposition", maybe { _ in .string("19") }),
            ("recordedAt", maybe { .string($0.instant()) }),
            ("plannedAt", maybe { .string($0.instant()) }),
            ("occurredAt", maybe { .string($0.instant()) }),
            ("recordedBy", maybe { $0.name() }),
            ("observations", maybe { g in
                .array((0..<g.int(1...3)).map { _ in
                    HMPPSMessageGenerator.object([("code", g.maybe { .string($0.upper(4)) }), ("display", g.maybe { .string($0.text()) }), ("value", .string(g.text(5)))])
                })
            }),
            ("nextOfKin", maybe { g in
                .array([HMPPSMessageGenerator.object([("name", g.name()), ("relationship", g.maybe { _ in .object([("code", .string("SIS")), ("display", .string("Sister"))]) }),
                    ("address", g.maybe { $0.address() }), ("phone", g.maybe { _ in .string("07700 900000") })])])
            }),
            ("movementReason", maybe { .string($0.pick(reasons)) }),
            ("notes", maybe { g in .array([.string(g.text(6))]) }),
            ("subjectDetails", subjectDetails()),
        ])
    }

    mutating func person() -> Person {
        var localIds: [LocalPersonID] = []
        if bool() { localIds.append(LocalPersonID(system: "PNC", value: pnc())) }
        if bool() { localIds.append(LocalPersonID(system: "CRO", value: cro())) }
        let noms = bool() || localIds.isEmpty ? try? PrisonerNumber(validating: upper(1) + digits(4) + upper(2)) : nil
        return Person(
            nhsNumber: bool() ? nhsNumber() : nil,
            prisonerNumber: noms,
            crn: bool() ? try? CaseReferenceNumber(validating: upper(1) + digits(6)) : nil,
            localIds: localIds,
            name: PersonName(family: text(2), given: (0..<int(0...3)).map { _ in text(2) }),
            birthDate: (try? CalendarDate(validating: date())) ?? (try! CalendarDate(validating: "1970-01-01"))
        )
    }

    /// One message between registered organisations of the fixtures.
    mutating func message() -> OutboundMessage {
        let kind = pick([MessageKind.referral, .continuityOfCareTransfer, .acknowledgement])
        let mailboxes = HMPPSFixtures.organisations.keys.sorted()
        let sender = pick(mailboxes)
        let recipient = pick(mailboxes.filter { $0 != sender })
        let personal = kind != .acknowledgement
        let id = MessageID()
        let basis: LawfulBasis? = personal ? pick([
            nil, HMPPSEventCodec.impliedBasis, .consent(ConsentID()),
            .statutory(StatutoryBasis(statute: .careAct2014s42, article6: .legalObligation, article9: .substantialPublicInterest)),
        ]) : nil
        let payload: JSONValue = switch kind {
        case .referral: referral()
        case .continuityOfCareTransfer: transfer()
        default: Self.object([("outcome", maybe { .string($0.pick(["received", "accepted", "rejected", "error"])) }), ("note", maybe { .string($0.text(6)) }),
            ("occurredAt", maybe { .string($0.instant()) })])
        }
        return OutboundMessage(
            envelope: MessageEnvelope(
                id: id, sender: HL7Fixtures.mailbox(sender), recipient: HL7Fixtures.mailbox(recipient), kind: kind,
                conversationId: !personal || bool() ? MessageID() : nil,
                subject: personal ? person() : nil,
                purpose: personal ? pick(Purpose.allCases) : nil,
                createdAt: Date(timeIntervalSince1970: Double(int(1_700_000_000...1_900_000_000)) + 0.125),
                senderLocalId: pick([id.value, "LOCAL-" + digits(5), nil]),
                lawfulBasis: basis
            ),
            payload: payload.serialized,
            senderOrganisation: HMPPSFixtures.organisations[sender],
            recipientOrganisation: HMPPSFixtures.organisations[recipient] ?? HMPPSFixtures.organisations["hmp-leeds"]!
        )
    }
}
