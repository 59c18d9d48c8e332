/// The shape of a value that travels between the care-exchange payload of an HMPPS event and the
/// canonical payload with the same meaning, so that one description checks what a partner sends
/// and what the gateway writes (`HMPPSValueReader`), and both directions agree.
///
/// Most care-exchange members have their canonical names; `HMPPSMember` renames the few that keep
/// prisoner-search names (`problemCode` is a care need's `code`).
indirect enum HMPPSShape: Sendable {
    /// A non-empty string of at most this many UTF-8 bytes.
    case text(Int)
    /// A calendar date, `YYYY-MM-DD`, that exists.
    case date
    /// An RFC 3339 date-time with an offset, kept as sent.
    case instant
    /// `true` or `false`.
    case boolean
    /// A whole number of pence, not negative.
    case pence
    /// One of these strings.
    case oneOf([String])
    /// An HMPPS agency id (`LEI`), upper-cased.
    case agency
    /// A canonical organisation `{scheme, value, name}`, the value checked by its scheme.
    case organisation
    /// A closed object (built with `object(_:)`, which works out the member names once).
    case fields(HMPPSMembers)
    /// An array of at most `maxItems` values of one shape.
    case list(HMPPSShape, maxItems: Int)

    /// A closed object of these members.
    static func object(_ members: [HMPPSMember]) -> HMPPSShape {
        .fields(HMPPSMembers(members))
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
