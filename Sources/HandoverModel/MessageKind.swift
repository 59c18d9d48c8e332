/// What a message is. Kinds are kebab-case on the wire.
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

    /// Kinds a partner may submit: all but `nonDeliveryReport`.
    public static var submittable: [MessageKind] { allCases.filter { $0 != .nonDeliveryReport } }

    /// Whether this kind is about a person, and so must name a subject and a purpose.
    public var carriesPersonalData: Bool { self != .acknowledgement && self != .nonDeliveryReport }

    /// Whether this kind answers an earlier message, and so must carry its id as `conversationId`.
    public var isReply: Bool {
        switch self {
        case .decisionNotice, .placementReply, .s117Reply, .acknowledgement, .nonDeliveryReport: true
        default: false
        }
    }
}

/// Why personal information is shared; every message about a person names one.
public enum Purpose: String, Sendable, Hashable, Codable, CaseIterable {
    case directCare = "direct-care"
    case careActAssessment = "care-act-assessment"
    case chcAssessment = "chc-assessment"
    case continuityOfCare = "continuity-of-care"
    case placementCommissioning = "placement-commissioning"
    case s117Aftercare = "s117-aftercare"
    case safeguarding
}

/// How far a message has got: each state implies the ones before it, except `expired`.
public enum MessageStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Durably stored by the gateway.
    case accepted
    /// Listed in the recipient's inbox.
    case delivered
    /// Downloaded by the recipient.
    case downloaded
    /// Acknowledged by the recipient.
    case acknowledged
    /// Not acknowledged in time; its payload has been purged.
    case expired
}
