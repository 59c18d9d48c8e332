public import HandoverModel

/// The three domain events prison services exchange through the gateway, and the canonical kind
/// and implied purpose each one stands for.
///
/// - `prisoner-offender-search.prisoner.received`: a person has arrived in custody (any reception
///   reason, a transfer in included); a `referral` to the council where the prison is, for a
///   Care Act s.76 needs assessment (purpose `care-act-assessment`).
/// - `prisoner-offender-search.prisoner.released`: a person leaves the prison for good (release,
///   release to hospital, transfer to another prison); a `continuity-of-care-transfer` with
///   trigger `prison-release` or `prison-transfer` (purpose `continuity-of-care`).
/// - `care-exchange.acknowledgement`: a receipt for an earlier message; no personal data, so no
///   purpose. HMPPS has no acknowledgement event (on SNS a delivery is the receipt), so this one is
///   the project's own, in the same envelope.
public enum HMPPSEventType: String, Sendable, Hashable, CaseIterable {
    /// A reception into custody.
    case received = "prisoner-offender-search.prisoner.received"
    /// A release or a transfer out.
    case released = "prisoner-offender-search.prisoner.released"
    /// A business acknowledgement.
    case acknowledgement = "care-exchange.acknowledgement"

    /// The canonical kind.
    public var kind: MessageKind {
        switch self {
        case .received: .referral
        case .released: .continuityOfCareTransfer
        case .acknowledgement: .acknowledgement
        }
    }

    /// The event for a canonical kind, or nil when hmpps-json has no event for it.
    public init?(kind: MessageKind) {
        switch kind {
        case .referral: self = .received
        case .continuityOfCareTransfer: self = .released
        case .acknowledgement: self = .acknowledgement
        default: return nil
        }
    }

    /// The purpose the event implies when `careExchange.purpose` is absent.
    public var impliedPurpose: Purpose? {
        switch self {
        case .received: .careActAssessment
        case .released: .continuityOfCare
        case .acknowledgement: nil
        }
    }

    /// The `description` written with the event (HMPPS's own wording for its events).
    public var standardDescription: String {
        switch self {
        case .received: "A prisoner has been received into a prison"
        case .released: "A prisoner has been released from a prison"
        case .acknowledgement: "A care exchange message has been acknowledged"
        }
    }

    /// The member of `careExchange` holding the kind's content.
    var block: String {
        switch self {
        case .received: "referral"
        case .released: "transfer"
        case .acknowledgement: "acknowledgement"
        }
    }

    /// Whether the event is about a person (and so has `personReference` and `prisoner`).
    var carriesPerson: Bool { self != .acknowledgement }
}
