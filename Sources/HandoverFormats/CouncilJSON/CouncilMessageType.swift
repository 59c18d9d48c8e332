import HandoverModel

/// The `messageType` of a council adapter message and the canonical kind it is.
///
/// Names follow the case-system events (`referral.created`, `coc.transfer.outbound`). A
/// continuity-of-care transfer is `outbound` from the council that sends it and `inbound` to the
/// one that receives it; both read as the same kind, and the gateway writes `inbound` on delivery.
/// `message.undelivered` is the gateway's non-delivery report, delivered and never read.
enum CouncilMessageType {
    /// Each message type and its kind, in the order the contract lists them.
    static let table: [(type: String, kind: MessageKind)] = [
        ("referral.created", .referral),
        ("chc.decision", .decisionNotice),
        ("coc.transfer.outbound", .continuityOfCareTransfer),
        ("coc.transfer.inbound", .continuityOfCareTransfer),
        ("placement.query", .placementQuery),
        ("placement.reply", .placementReply),
        ("s117.query", .s117Query),
        ("s117.reply", .s117Reply),
        ("consent.granted", .consentGrant),
        ("consent.withdrawn", .consentWithdrawal),
        ("message.acknowledged", .acknowledgement),
        ("message.undelivered", .nonDeliveryReport),
    ]

    /// The message types a council may post: all but the gateway's report.
    static let submittable = table.filter { $0.kind != .nonDeliveryReport }.map(\.type)

    /// The kind of a posted message type, or nil when a council may not post it.
    static func kind(of type: String) -> MessageKind? {
        table.first { $0.type == type && $0.kind != .nonDeliveryReport }?.kind
    }

    /// The message type written when a message of `kind` is delivered to a council.
    static func delivered(_ kind: MessageKind) -> String {
        if kind == .continuityOfCareTransfer { return "coc.transfer.inbound" }
        return table.first { $0.kind == kind }?.type ?? "message.acknowledged"
    }
}
