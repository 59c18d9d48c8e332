import HandoverModel

/// The type of one value in a council adapter message, as a small closed vocabulary that both
/// directions of the translation read: what a council may send (decoding checks it) and what a
/// canonical member must hold to be written (encoding checks it).
///
/// Council payload members carry the canonical names of `contracts/canonical/payloads.md`; only
/// organisations differ (`organisation` below), so one table per kind describes the wire format
/// and the canonical payload at once.
///
/// A struct of plain stored values rather than an enum with payloads: the tables are static and
/// live for the whole process, and pointers kept in an enum payload's spare bits are invisible to
/// LeakSanitizer, which then reports every table as leaked when the decoders are fuzzed.
struct CouncilValue: Sendable {
    /// What kind of value it is; the other properties hold what that kind needs.
    enum Shape: Sendable, Equatable {
        /// Non-empty text of at most `limit` UTF-8 bytes.
        case text
        /// A calendar date, `YYYY-MM-DD`.
        case date
        /// A date-time at the sender's precision, with or without an offset (`2025-05-12T09:00`,
        /// `2025-05-12T09:00:00+01:00`): the canonical form of partner-precision members.
        case dateTime
        /// An RFC 3339 instant with an offset.
        case instant
        /// `true` or `false`.
        case boolean
        /// Whole pence: a non-negative integer of at most 15 digits.
        case pence
        /// A share in basis points, 0 to 10,000.
        case basisPoints
        /// One of `codes`.
        case code
        /// A UUID, written in lower case.
        case uuid
        /// An identifier checked by `identifier`'s format.
        case identifier
        /// An organisation: canonical `{"scheme", "value", "name"}`, written by councils as
        /// `{"gssCode" | "odsCode" | "prisonAgencyId", "name"}`.
        case organisation
        /// An organisation of `scheme`, carried by its code alone (a CSV column such as
        /// `responsible_icb_ods`): canonical `{"scheme", "value"}`, written as the code.
        case organisationCode
        /// A consent's recipient: an organisation, or `{"kind": "icb"}` for every body of a kind.
        case shareRecipient
        /// An object with exactly `members`.
        case object
        /// An array of `item` values, at most `limit` of them.
        case array
    }

    /// Holds an array's item type, so that a value can contain a value.
    final class Item: Sendable {
        let value: CouncilValue
        init(_ value: CouncilValue) { self.value = value }
    }

    let shape: Shape
    /// Bytes of text, or items of an array.
    let limit: Int
    /// The codes of a `code`.
    let codes: [String]
    /// The members of an `object`.
    let members: [CouncilMember]
    /// Their names, worked out once: every object read checks its members against them.
    let names: [String]
    /// The format of an `identifier`.
    let identifier: CouncilIdentifier
    /// The scheme of an `organisationCode`.
    let scheme: OrganisationIdentifierScheme
    private let itemBox: Item?

    private init(
        _ shape: Shape, limit: Int = 0, codes: [String] = [], members: [CouncilMember] = [], identifier: CouncilIdentifier = .mailbox,
        scheme: OrganisationIdentifierScheme = .gss, item: CouncilValue? = nil
    ) {
        self.shape = shape
        self.limit = limit
        self.codes = codes
        self.members = members
        names = members.map(\.name)
        self.identifier = identifier
        self.scheme = scheme
        itemBox = item.map(Item.init)
    }

    /// The item type of an `array`.
    var item: CouncilValue { itemBox?.value ?? .prose }

    static func text(_ limit: Int) -> CouncilValue { CouncilValue(.text, limit: limit) }
    static let date = CouncilValue(.date)
    static let dateTime = CouncilValue(.dateTime)
    static let instant = CouncilValue(.instant)
    static let boolean = CouncilValue(.boolean)
    static let pence = CouncilValue(.pence)
    static let basisPoints = CouncilValue(.basisPoints)
    static func code(_ codes: [String]) -> CouncilValue { CouncilValue(.code, codes: codes) }
    static let uuid = CouncilValue(.uuid)
    static func identifier(_ identifier: CouncilIdentifier) -> CouncilValue { CouncilValue(.identifier, identifier: identifier) }
    static let organisation = CouncilValue(.organisation)
    static func organisationCode(_ scheme: OrganisationIdentifierScheme) -> CouncilValue { CouncilValue(.organisationCode, scheme: scheme) }
    static let shareRecipient = CouncilValue(.shareRecipient)
    static func object(_ members: [CouncilMember]) -> CouncilValue { CouncilValue(.object, members: members) }
    static func array(_ item: CouncilValue, _ limit: Int) -> CouncilValue { CouncilValue(.array, limit: limit, item: item) }

    /// A person's name outside the subject: `{"family", "given": [...]}`.
    static let name = CouncilValue.object([
        CouncilMember("family", .text(200), required: true),
        CouncilMember("given", .array(.text(200), 10)),
    ])

    /// An address: up to five lines, town, county, postcode.
    static let address = CouncilValue.object([
        CouncilMember("lines", .array(.text(200), 5)),
        CouncilMember("town", .text(200)),
        CouncilMember("county", .text(200)),
        CouncilMember("postcode", .text(16)),
    ])

    /// A code with its display text, e.g. a next of kin's relationship.
    static let coded = CouncilValue.object([CouncilMember("code", .text(64)), CouncilMember("display", .text(200))])

    /// Free text of the canonical default size.
    static let prose = CouncilValue.text(4096)
}

/// One member of a council object: its name (the canonical member name), its type and whether
/// the message must carry it.
struct CouncilMember: Sendable {
    /// The member name, the same on the wire and in the canonical payload.
    let name: String
    /// What it holds.
    let value: CouncilValue
    /// Whether a message without it is refused.
    let required: Bool

    init(_ name: String, _ value: CouncilValue, required: Bool = false) {
        self.name = name
        self.value = value
        self.required = required
    }
}

/// Identifiers whose format is checked, with the rule each one reports.
enum CouncilIdentifier: Sendable {
    /// An HMPPS agency id (`LEI`): `prison-agency-format`.
    case prisonAgency
    /// An NHS ODS code (`L83043`): `ods-format`.
    case ods
    /// A CQC location id (`1-123039495`): `cqc-location-format`.
    case cqcLocation
    /// A gateway mailbox id (`bsw-icb`): `mailbox-format`.
    case mailbox
}
