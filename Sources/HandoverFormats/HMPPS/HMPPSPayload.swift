/// Small helpers for building the canonical payload of a decoded event and the members of an
/// encoded one, so every part writes present members in table order and leaves absent ones out.
enum HMPPSPayload {
    /// An object of the members that are present, in the order given (empty when none is).
    static func object(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { name, value in value.map { (name, $0) } })
    }

    /// An object of the present members, or nil when none is.
    static func objectIfAny(_ members: [(String, JSONValue?)]) -> JSONValue? {
        members.contains { $0.1 != nil } ? object(members) : nil
    }

    /// The members of an object value, or none.
    static func members(_ value: JSONValue?) -> HMPPSObject {
        if case .object(let members)? = value { return HMPPSObject(members: members) }
        return HMPPSObject(members: [])
    }

    /// Each member of `shape` by its canonical name, in the shape's order, from `value` (already
    /// renamed to canonical names by `HMPPSValueReader`).
    static func canonical(_ value: JSONValue?, _ members: [HMPPSMember]) -> [(String, JSONValue?)] {
        let found = self.members(value)
        return members.map { ($0.canonical, found[$0.canonical]) }
    }

    /// `subjectDetails` members carried in `careExchange.subjectDetails` (the gender travels as
    /// `prisoner.gender`).
    static let subjectDetails: [HMPPSMember] = [
        HMPPSMember("title", .text(64)),
        HMPPSMember("address", .address),
        HMPPSMember("nhsNumberVerificationStatus", .oneOf(["01", "02", "03", "04", "05", "06", "07", "08"])),
    ]
}
