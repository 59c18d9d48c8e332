/// One element of the council XML format and the canonical payload member it carries, so that the
/// decoder and the encoder walk the same table and cannot disagree on a name, a type or a limit.
///
/// Each kind's body is a table of these (`CouncilXMLKind`); a nested object is a `.group` of its
/// own fields. Child elements may come in any order (the XSD uses `xs:all`); an array member is a
/// repeated element (`notes` is `Note`, `Note`, ...), located as `Note[1]`, `Note[2]`.
struct CouncilXMLField: Sendable {
    /// How often the element may occur.
    enum Occurs: Sendable, Equatable {
        case optional
        /// Required whenever the enclosing element is present.
        case required
        /// An array member: zero to `max` elements.
        case repeated(max: Int)
    }

    /// The element name, e.g. `ReferralId`.
    let element: String
    /// The canonical member name, e.g. `referralId`.
    let member: String
    let type: CouncilXMLType
    let occurs: Occurs

    init(_ element: String, _ member: String, _ type: CouncilXMLType, _ occurs: Occurs = .optional) {
        self.element = element
        self.member = member
        self.type = type
        self.occurs = occurs
    }

    var isRepeated: Bool {
        if case .repeated = occurs { true } else { false }
    }

    var maxOccurs: Int {
        if case .repeated(let max) = occurs { max } else { 1 }
    }

    /// Free text of at most 4096 bytes, the canonical default.
    static func text(_ element: String, _ member: String, _ occurs: Occurs = .optional) -> CouncilXMLField {
        CouncilXMLField(element, member, .text(maxBytes: 4096), occurs)
    }
}

/// What an element holds, and so how its text is checked and turned into canonical JSON.
///
/// A struct with a plain `kind` rather than an enum with payloads: the tables are long-lived
/// statics, and a multi-payload enum keeps its pointers in spare bits, which LeakSanitizer cannot
/// follow when the fuzz target runs.
struct CouncilXMLType: Sendable {
    enum Kind: Sendable {
        /// Text kept exactly as sent (whitespace included), 1 to `maxBytes` bytes.
        case text
        /// One of `values` (kebab-case canonical values).
        case code
        /// `YYYY-MM-DD`, a real calendar date.
        case date
        /// A date, or a date-time at the precision sent (`2025-05-12T09:00`, `...:00.25+01:00`),
        /// offset optional: members that keep an HL7 partner's precision.
        case dateTime
        /// An RFC 3339 instant with a zone (`2026-11-23T10:15:00Z`).
        case instant
        /// `true` or `false` (`1` and `0` are read too).
        case boolean
        /// A whole, non-negative number of pence.
        case pence
        /// A UUID, written in lower case.
        case uuid
        /// An HMPPS agency id (`LEI`).
        case prisonAgency
        /// A CQC location id: `1-` and 9 to 11 digits.
        case cqcLocation
        /// An organisation: one of `GSSCode`, `ODSCode`, `PrisonAgencyId`, and an optional `Name`;
        /// canonical `{"scheme", "value", "name"}`.
        case organisation
        /// An organisation, or `OrganisationKind` alone (`{"kind": "icb"}`), for consent recipients.
        case organisationOrKind
        /// A nested object of `fields`.
        case group
    }

    let kind: Kind
    var maxBytes = 0
    var values: [String] = []
    var fields: [CouncilXMLField] = []
    /// A group's element names and their maximum occurrences, in table order, kept with the
    /// table so that reading an element does not rebuild them.
    var names: [String] = []
    var maxOccurs: [Int] = []

    static func text(maxBytes: Int) -> CouncilXMLType { CouncilXMLType(kind: .text, maxBytes: maxBytes) }
    static func code(_ values: [String]) -> CouncilXMLType { CouncilXMLType(kind: .code, values: values) }
    static func group(_ fields: [CouncilXMLField]) -> CouncilXMLType {
        CouncilXMLType(kind: .group, fields: fields, names: fields.map(\.element), maxOccurs: fields.map(\.maxOccurs))
    }
    static let date = CouncilXMLType(kind: .date)
    static let dateTime = CouncilXMLType(kind: .dateTime)
    static let instant = CouncilXMLType(kind: .instant)
    static let boolean = CouncilXMLType(kind: .boolean)
    static let pence = CouncilXMLType(kind: .pence)
    static let uuid = CouncilXMLType(kind: .uuid)
    static let prisonAgency = CouncilXMLType(kind: .prisonAgency)
    static let cqcLocation = CouncilXMLType(kind: .cqcLocation)
    static let organisation = CouncilXMLType(kind: .organisation)
    static let organisationOrKind = CouncilXMLType(kind: .organisationOrKind)
}

/// Groups that several kinds share.
enum CouncilXMLGroups {
    /// A person's name outside the subject: canonical `{"family", "given": [...]}`.
    static let name: [CouncilXMLField] = [
        CouncilXMLField("FamilyName", "family", .text(maxBytes: 200)),
        CouncilXMLField("GivenName", "given", .text(maxBytes: 200), .repeated(max: 10)),
    ]
    /// An address: canonical `{"lines": [...], "town", "county", "postcode"}`, at most five lines.
    static let address: [CouncilXMLField] = [
        CouncilXMLField("Line", "lines", .text(maxBytes: 200), .repeated(max: 5)),
        CouncilXMLField("Town", "town", .text(maxBytes: 200)),
        CouncilXMLField("County", "county", .text(maxBytes: 200)),
        CouncilXMLField("Postcode", "postcode", .text(maxBytes: 16)),
    ]
    /// Free-text notes, which any kind may carry.
    static let notes = CouncilXMLField.text("Note", "notes", .repeated(max: 100))
}
