import Foundation
import HandoverFormats
import HandoverModel

/// A seeded generator of canonical messages delivered to a council, for the property tests: every
/// kind the council formats carry, optional members present and absent, and text made of the
/// awkward pieces (apostrophes, accents, JSON escapes and control characters, CSV commas, quotes
/// and line breaks, spreadsheet formula characters).
///
/// With `csv` it keeps to what a CSV row carries (one local id, no notes or organisation names,
/// given names without spaces, address lines without line breaks); the round trip is then exact
/// apart from the documented formula quote.
struct CouncilMessageGenerator {
    var random: SeededGenerator
    let csv: Bool

    static let councils = ["swindon-asc", "wiltshire-asc", "leeds-asc", "banes-asc"]
    static let pieces = [
        "O'Brien", "D’Souza", "Zoë", "Łukasz", "Ñúñez", "Anne-Marie", "李", "😀", "\"quoted\"", "back\\slash", "tab\there", "new\nline",
        "cr\rlf\r\n", ",", "a,b", "=SUM(A1)", "+44", "-", "@home", "\u{01}", "\u{7F}", "\u{2028}", "/", " ", "x", "Smith",
    ]

    init(seed: UInt64, csv: Bool) {
        random = SeededGenerator(seed: seed)
        self.csv = csv
    }

    mutating func maybe(_ chance: Double = 0.5) -> Bool { Double.random(in: 0..<1, using: &random) < chance }
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
    mutating func some<T>(_ items: [T]) -> [T] {
        let chosen = items.filter { _ in maybe() }
        return chosen.isEmpty ? [pick(items)] : chosen
    }

    /// Non-empty text of one to four pieces, leaving out what `excluded` says.
    mutating func text(excluding excluded: (String) -> Bool = { _ in false }) -> String {
        let allowed = Self.pieces.filter { !excluded($0) }
        return (0..<Int.random(in: 1...4, using: &random)).map { _ in pick(allowed) }.joined()
    }

    mutating func prose() -> JSONValue { .string(text()) }
    mutating func date() -> JSONValue {
        .string(String(format: "%04d-%02d-%02d", Int.random(in: 1900...2100, using: &random), Int.random(in: 1...12, using: &random), Int.random(in: 1...28, using: &random)))
    }
    mutating func instant() -> JSONValue { .string(pick(["2026-11-19T10:40:00Z", "2026-11-19T10:40:00.5+01:00", "2027-01-07T16:45:00-00:00"])) }
    mutating func pence() -> JSONValue { .number(String(Int.random(in: 0...99_999_999, using: &random))) }
    mutating func uuid() -> JSONValue { .string(MessageID().value) }
    mutating func flag() -> JSONValue { .bool(maybe()) }
    mutating func code(_ values: [String]) -> JSONValue { .string(pick(values)) }

    /// An object of the members present.
    func object(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { name, value in value.map { (name, $0) } })
    }

    mutating func opt(_ make: (inout CouncilMessageGenerator) -> JSONValue, _ chance: Double = 0.5) -> JSONValue? {
        maybe(chance) ? make(&self) : nil
    }

    mutating func organisation(_ schemes: [String] = ["gss", "ods", "prison-agency"]) -> JSONValue {
        let scheme = pick(schemes)
        let value = pick(["gss": ["E06000030", "E06000054", "E08000035"], "ods": ["QOX", "RN3", "L83043"], "prison-agency": ["LEI", "MDI", "STC2"]][scheme] ?? [])
        return object([("scheme", .string(scheme)), ("value", .string(value)), ("name", csv ? nil : opt { .string($0.text()) })])
    }

    mutating func name() -> JSONValue {
        object([("family", .string(text())), ("given", opt { g in .array((0..<Int.random(in: 1...2, using: &g.random)).map { _ in .string(g.text()) }) })])
    }

    mutating func address() -> JSONValue {
        let csv = self.csv
        let lines: JSONValue? = opt { g in
            .array((0..<Int.random(in: 1...3, using: &g.random)).map { _ in .string(g.text { csv && $0.contains(where: \.isNewline) }) })
        }
        let members = [("lines", lines), ("town", opt { $0.prose() }), ("county", opt { $0.prose() }), ("postcode", opt { .string($0.pick(["SN1 1AA", "SN10 1HT", "LS1 4AP"])) })]
        return object(members.allSatisfy { $0.1 == nil } ? [("town", .string("Swindon"))] : members)
    }

    mutating func notes() -> JSONValue? {
        csv ? nil : opt { g in .array((0..<Int.random(in: 1...3, using: &g.random)).map { _ in g.prose() }) }
    }

    /// The subject, and the `subjectDetails` the payload carries for it.
    mutating func subject(council: String) -> (Person, JSONValue?) {
        let numbers = ["9434765919", "9449305552", "9990000018", "9990000026", "4010232137", "6000000006"]
        let nhs = maybe(0.7) ? try? NHSNumber(validating: pick(numbers)) : nil
        let system = maybe() ? council : pick(["E06000030", "E06000054", "LEI", "QOX"])
        var localIds = nhs == nil || maybe() ? [LocalPersonID(system: system, value: String(Int.random(in: 1...9_999_999, using: &random)))] : []
        if !csv, maybe(0.3) { localIds.append(LocalPersonID(system: "E06000022", value: "B-" + String(Int.random(in: 1...99_999, using: &random)))) }
        let prisoner = !csv && maybe(0.3) ? try? PrisonerNumber(validating: "A1234BC") : nil
        let noSpaces: (String) -> Bool = { [csv] in csv && $0.contains(" ") }
        let given = (0..<Int.random(in: 0...2, using: &random)).map { _ in text(excluding: noSpaces) }
        let person = Person(
            nhsNumber: nhs, prisonerNumber: prisoner, localIds: localIds, name: PersonName(family: text(), given: given),
            birthDate: try! CalendarDate(year: Int.random(in: 1920...2005, using: &random), month: Int.random(in: 1...12, using: &random), day: Int.random(in: 1...28, using: &random))
        )
        let details = csv
            ? object([("gender", opt { $0.code(["female", "male", "other", "unknown"]) })])
            : object([
                ("title", opt { .string($0.pick(["Mrs", "Mr", "Ms", "Dr", "Miss"])) }), ("gender", opt { $0.code(["female", "male", "other", "unknown"]) }),
                ("address", opt { $0.address() }), ("nhsNumberVerificationStatus", opt { $0.code(["01", "02", "03", "08"]) }),
            ])
        return (person, details == .object([]) ? nil : details)
    }

    /// A canonical message of `kind` to a council, with its payload as `CouncilPayloads` makes it.
    mutating func message(_ kind: MessageKind) -> OutboundMessage {
        let council = pick(Self.councils)
        let sender = pick(CouncilFixtures.registry.map(\.mailbox).filter { $0 != council })
        let organisation = CouncilFixtures.organisation(council)
        var payload = CouncilPayloads.payload(kind, &self)
        var subject: Person?
        if kind.carriesPersonalData || maybe(0.3) {
            let (person, details) = self.subject(council: organisation.identifier.value)
            subject = person
            if let details, case .object(var members) = payload {
                members.append(("subjectDetails", details))
                payload = .object(members)
            }
        }
        let basis: LawfulBasis? = pick([
            nil, .consent(ConsentID()),
            .statutory(StatutoryBasis(statute: pick(Statute.allCases), article6: pick(StatutoryBasis.article6Conditions), article9: pick(StatutoryBasis.article9Conditions))),
        ])
        let envelope = MessageEnvelope(
            id: MessageID(), sender: CouncilFixtures.mailbox(sender), recipient: CouncilFixtures.mailbox(council), kind: kind,
            conversationId: kind.isReply || maybe(0.2) ? MessageID() : nil, subject: subject,
            purpose: kind.carriesPersonalData ? pick(Purpose.allCases) : nil,
            createdAt: Date(timeIntervalSince1970: Double(Int.random(in: 1_700_000_000...1_900_000_000, using: &random))),
            senderLocalId: maybe() ? "LOCAL-" + String(Int.random(in: 1...99_999, using: &random)) : nil,
            lawfulBasis: subject == nil ? nil : basis
        )
        return OutboundMessage(envelope: envelope, payload: payload.serialized, senderOrganisation: CouncilFixtures.organisation(sender), recipientOrganisation: organisation)
    }
}
