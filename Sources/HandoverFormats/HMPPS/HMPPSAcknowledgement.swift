/// The `careExchange.acknowledgement` block of a `care-exchange.acknowledgement` event and the
/// canonical acknowledgement payload: `outcome` (`received`, `accepted`, `rejected`, `error`) and
/// a `note`. The message acknowledged is `careExchange.correlationId` (its gateway id) or
/// `careExchange.inReplyTo` (its `messageId` as the partner knows it).
enum HMPPSAcknowledgement {
    static let members: [HMPPSMember] = [
        HMPPSMember("outcome", .oneOf(["received", "accepted", "rejected", "error"]), required: true),
        HMPPSMember("note", .long),
    ]

    static let shape = HMPPSShape.object(members)

    static func decode(_ block: JSONValue?, _ reader: inout HMPPSValueReader) -> [(String, JSONValue?)] {
        reader.require(block, at: "/careExchange/acknowledgement", "send {\"outcome\": \"received\"} (received, accepted, rejected or error)")
        return HMPPSPayload.canonical(reader.read(block, shape, at: "/careExchange/acknowledgement"), members)
    }
}
