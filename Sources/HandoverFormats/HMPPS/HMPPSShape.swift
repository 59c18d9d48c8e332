/// The shape of a value that travels between the care-exchange payload of an HMPPS event and the
/// canonical payload with the same meaning, so that one description checks what a partner sends
/// and what the gateway writes (`HMPPSValueReader`), and both directions agree.
///
/// Most care-exchange members have their canonical names; `HMPPSMember` renames the few that keep
/// prisoner-search names (`problemCode` is a care need's `code`).
struct HMPPSShape: Sendable {
    /// What kind of value it is.
    enum Kind: Sendable {
        /// A non-empty string of at most `maxBytes` UTF-8 bytes.
        case text
        /// A calendar date, `YYYY-MM-DD`, that exists.
        case date
        /// An RFC 3339 date-time with an offset, kept as sent.
        case instant
        /// `true` or `false`.
        case boolean
        /// A whole number of pence, not negative.
        case pence
        /// One of `values`.
        case oneOf
        /// An HMPPS agency id (`LEI`), upper-cased.
        case agency
        /// A canonical organisation `{scheme, value, name}`, the value checked by its scheme.
        case organisation
        /// A closed object of `members`.
        case fields
        /// An array of at most `maxItems` values of the shape `item`.
        case list
    }

    // A struct rather than an indirect enum: the shapes are static, and an indirect enum keeps
    // its boxes behind tagged pointers, which LeakSanitizer cannot follow and reports as leaks.
    let kind: Kind
    var maxBytes = 0
    var values: [String] = []
    var members: HMPPSMembers?
    var item: HMPPSShapeBox?
    var maxItems = 0

    /// A non-empty string of at most this many UTF-8 bytes.
    static func text(_ maxBytes: Int) -> HMPPSShape { HMPPSShape(kind: .text, maxBytes: maxBytes) }
    /// A calendar date.
    static let date = HMPPSShape(kind: .date)
    /// An RFC 3339 date-time with an offset.
    static let instant = HMPPSShape(kind: .instant)
    /// `true` or `false`.
    static let boolean = HMPPSShape(kind: .boolean)
    /// A whole number of pence.
    static let pence = HMPPSShape(kind: .pence)
    /// An HMPPS agency id.
    static let agency = HMPPSShape(kind: .agency)
    /// A canonical organisation.
    static let organisation = HMPPSShape(kind: .organisation)
    /// One of these strings.
    static func oneOf(_ values: [String]) -> HMPPSShape { HMPPSShape(kind: .oneOf, values: values) }
    /// A closed object of these members (their names on each side are worked out once).
    static func object(_ members: [HMPPSMember]) -> HMPPSShape { HMPPSShape(kind: .fields, members: HMPPSMembers(members)) }
    /// An array of at most `maxItems` values of one shape.
    static func list(_ item: HMPPSShape, maxItems: Int) -> HMPPSShape {
        HMPPSShape(kind: .list, item: HMPPSShapeBox(item), maxItems: maxItems)
    }

    /// A short text: a name, a role, a code.
    static let short = HMPPSShape.text(200)
    /// A long text: a reason, a note (payloads.md: text members are at most 4096 bytes).
    static let long = HMPPSShape.text(4096)
    /// A person's name outside the subject.
    static let name = HMPPSShape.object([
        HMPPSMember("family", .short, required: true),
        HMPPSMember("given", .list(.short, maxItems: 10)),
    ])
    /// An address, at most five lines.
    static let address = HMPPSShape.object([
        HMPPSMember("lines", .list(.short, maxItems: 5)),
        HMPPSMember("town", .short),
        HMPPSMember("county", .short),
        HMPPSMember("postcode", .text(16)),
    ])
}

/// The item shape of a list, held by reference because a shape cannot contain itself.
final class HMPPSShapeBox: Sendable {
    let shape: HMPPSShape

    init(_ shape: HMPPSShape) {
        self.shape = shape
    }
}

/// The members of an object shape, with their names on each side worked out once (shapes are
/// static, and a name list per read would be an allocation per object read).
struct HMPPSMembers: Sendable {
    let members: [HMPPSMember]
    let partnerNames: [String]
    let canonicalNames: [String]

    init(_ members: [HMPPSMember]) {
        self.members = members
        partnerNames = members.map(\.partner)
        canonicalNames = members.map(\.canonical)
    }
}

/// One member of an `HMPPSShape.object`: its name in the event and in the canonical payload.
struct HMPPSMember: Sendable {
    /// The name in the HMPPS event.
    let partner: String
    /// The name in the canonical payload.
    let canonical: String
    /// The value's shape.
    let shape: HMPPSShape
    /// Whether the object is incomplete without it.
    let required: Bool

    /// A member with the same name on both sides.
    init(_ name: String, _ shape: HMPPSShape, required: Bool = false) {
        self.init(name, as: name, shape, required: required)
    }

    /// A member renamed between the event (`partner`) and the canonical payload.
    init(_ partner: String, as canonical: String, _ shape: HMPPSShape, required: Bool = false) {
        self.partner = partner
        self.canonical = canonical
        self.shape = shape
        self.required = required
    }
}
