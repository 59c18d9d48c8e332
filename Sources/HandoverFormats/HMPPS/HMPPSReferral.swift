/// The `careExchange.referral` block of a `prisoner.received` event and the canonical referral
/// payload. Its members have their canonical names and shapes (payloads.md); the custody facts
/// come from the envelope (`HMPPSCustody`).
///
/// A reception referral without `referralType` is the one the event implies:
/// `care-act-s76-needs-assessment` (an adult in custody with possible care needs, to the council
/// where the prison is).
enum HMPPSReferral {
    static let impliedType = "care-act-s76-needs-assessment"
    static let types = [
        "chc-checklist", "chc-fast-track", "care-act-s9-assessment", "carers-assessment-s10", "care-act-s76-needs-assessment",
        "safeguarding-concern-s42", "s117-aftercare-planning", "hospital-discharge",
    ]
    static let members: [HMPPSMember] = [
        HMPPSMember("referralId", .text(128)),
        HMPPSMember("referralType", .oneOf(types)),
        HMPPSMember("priority", .oneOf(["routine", "urgent", "asap", "stat"])),
        HMPPSMember("status", .oneOf(["pending", "accepted", "rejected", "expired"])),
        HMPPSMember("reason", .long),
        HMPPSMember("referredOn", .date),
        HMPPSMember("respondBy", .date),
        HMPPSMember("requestedBy", .object([
            HMPPSMember("name", .name), HMPPSMember("role", .short), HMPPSMember("organisation", .organisation),
            HMPPSMember("phone", .text(64)), HMPPSMember("email", .text(254)), HMPPSMember("address", .address),
        ])),
        HMPPSMember("requestedOf", .object([HMPPSMember("name", .short), HMPPSMember("identifier", .organisation)])),
        HMPPSMember("consentRecorded", .boolean),
        HMPPSMember("selfReferral", .boolean),
    ]

    static let shape = HMPPSShape.object(members)

    /// The block's members by canonical name, the implied referral type filled in.
    static func decode(_ block: JSONValue?, _ reader: inout HMPPSValueReader) -> [(String, JSONValue?)] {
        let read = reader.read(block, shape, at: "/careExchange/referral")
        return HMPPSPayload.canonical(read, members).map { name, value in
            name == "referralType" && value == nil ? (name, .string(impliedType)) : (name, value)
        }
    }
}
