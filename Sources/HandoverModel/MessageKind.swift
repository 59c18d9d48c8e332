/// What a message is; kebab-case on the wire (`continuity-of-care-transfer`).
///
/// The kind decides what else a message must carry: a subject and a purpose when it is about a
/// person (`carriesPersonalData`), and the id of the message it answers when it is a reply
/// (`isReply`).
public enum MessageKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A request to act: a CHC checklist referral, a prison arrival referral, an assessment request.
    case referral
    /// A decision on a referral: a CHC outcome, a joint package with its funding split.
    case decisionNotice = "decision-notice"
    /// Care Act s.37-38 continuity of care when an adult moves or is released into another area.
    case continuityOfCareTransfer = "continuity-of-care-transfer"
    /// A placing council's questions to the host council about a provider.
    case placementQuery = "placement-query"
    /// The host council's answer to a placement query.
    case placementReply = "placement-reply"
    /// A question on section 117 aftercare responsibility.
    case s117Query = "s117-query"
    /// The answer to a section 117 query.
    case s117Reply = "s117-reply"
    /// Consent to share, recorded with who gave it.
    case consentGrant = "consent-grant"
    /// Withdrawal of an earlier consent.
    case consentWithdrawal = "consent-withdrawal"
    /// A business acknowledgement of an earlier message.
    case acknowledgement
    /// The gateway's report that a message expired unacknowledged; only the gateway writes these.
    case nonDeliveryReport = "non-delivery-report"
    /// A document carried opaquely for a declared MESH workflow: the payload is a descriptor
    /// (workflow, file name, media type, size, SHA-256 and the workflow's purpose and lawful basis)
    /// and the bytes are kept as the sender uploaded them (`contracts/mesh/README.md`).
    case document

    /// Kinds a partner may submit as a canonical message: all but `nonDeliveryReport`, which only
    /// the gateway writes, so a partner cannot forge a report that one of its messages was never
    /// delivered, and `document`, whose bytes arrive through the MESH API only.
    public static var submittable: [MessageKind] { allCases.filter { $0 != .nonDeliveryReport && $0 != .document } }

    /// Whether this kind is about a person and so must name a subject and a purpose: all but
    /// `acknowledgement`, `nonDeliveryReport` and `document`. Every share of personal data is
    /// recorded with whose data it was and why it was shared; a document's bytes are opaque to the
    /// gateway, so it names no subject, and its purpose and lawful basis come from its workflow.
    public var carriesPersonalData: Bool { self != .acknowledgement && self != .nonDeliveryReport && self != .document }

    /// Whether this kind answers an earlier message and so must carry that message's id as
    /// `conversationId`: `decisionNotice`, `placementReply`, `s117Reply` and `acknowledgement`,
    /// which partners send, and `nonDeliveryReport`, which the gateway writes about the expired
    /// message. The link is what lets a sender match an answer to its question.
    public var isReply: Bool {
        switch self {
        case .decisionNotice, .placementReply, .s117Reply, .acknowledgement, .nonDeliveryReport: true
        case .referral, .continuityOfCareTransfer, .placementQuery, .s117Query, .consentGrant, .consentWithdrawal, .document: false
        }
    }
}
