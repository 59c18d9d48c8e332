import HandoverModel

/// The routing and sharing members of the care-exchange block, which every event has: who sends
/// and receives it, its ids, its kind, purpose and lawful basis.
///
/// | canonical | `careExchange` |
/// |---|---|
/// | `senderLocalId` | `messageId` (a UUID) |
/// | `conversationId` | `correlationId`, unless it is the event's own `messageId` (the start of a conversation) |
/// | `inReplyTo` | `inReplyTo`: the answered message's id as the partner knows it |
/// | `kind` | `kind`, which must be the event type's |
/// | `purpose` | `purpose`, or the event type's implied purpose |
/// | `recipient` | `recipient.code`, looked up in the routing directory |
/// | `lawfulBasis` | `legalBasis` (`HMPPSLegalBasis`) |
struct HMPPSExchange {
    var messageId: String?
    var conversationId: MessageID?
    var inReplyTo: String?
    var purpose: Purpose?
    var sender: HMPPSParty?
    var recipient: HMPPSParty?
    var mailbox: MailboxID?
    var lawfulBasis: LawfulBasis?

    private static let kinds = HMPPSEventType.allCases.map(\.kind.rawValue)
    private static let purposes = HMPPSShape.oneOf(Purpose.allCases.map(\.rawValue))

    static func decode(_ care: HMPPSObject?, event: HMPPSEventType?, directory: RoutingDirectory, _ reader: inout HMPPSValueReader) -> HMPPSExchange {
        var exchange = HMPPSExchange()
        guard let care else { return exchange }
        let path = "/careExchange"
        func uuid(_ name: String, _ reader: inout HMPPSValueReader) -> MessageID? {
            guard let text = reader.string(care[name], .text(36), at: path + "/" + name) else { return nil }
            do {
                return try MessageID(validating: text)
            } catch {
                reader.report(error, at: { path + "/" + name })
                return nil
            }
        }
        let messageId = uuid("messageId", &reader)
        exchange.messageId = messageId?.value
        reader.require(care["messageId"], at: path + "/messageId", "send a new UUID for every event as messageId")
        if let correlation = uuid("correlationId", &reader), correlation != messageId {
            exchange.conversationId = correlation
        }
        exchange.inReplyTo = reader.string(care["inReplyTo"], .text(128), at: path + "/inReplyTo")
        let kinds = Self.kinds
        if let kind = reader.string(care["kind"], .oneOf(kinds), at: path + "/kind"), let event, kind != event.kind.rawValue {
            reader.report(path + "/kind", "hmpps-conflict", "a \(event.rawValue) event is a \(event.kind.rawValue); send that kind")
        }
        reader.require(care["kind"], at: path + "/kind", "send the kind: \(kinds.joined(separator: ", "))")
        exchange.purpose = reader.string(care["purpose"], Self.purposes, at: path + "/purpose").flatMap(Purpose.init(rawValue:))
        exchange.sender = HMPPSParty.decode(care["sender"], at: path + "/sender", &reader)
        exchange.recipient = HMPPSParty.decode(care["recipient"], at: path + "/recipient", &reader)
        if let recipient = exchange.recipient {
            exchange.mailbox = directory.mailbox(for: recipient.identifier.value)
            if exchange.mailbox == nil {
                reader.report(path + "/recipient/code", "hmpps-recipient-unknown", "no partner on the gateway is registered for this organisation; send the GSS, ODS or agency code of a registered partner")
            }
        }
        exchange.lawfulBasis = HMPPSLegalBasis.decode(care["legalBasis"], &reader)
        return exchange
    }
}
