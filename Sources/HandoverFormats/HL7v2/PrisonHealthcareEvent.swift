public import HandoverModel

/// The four HL7 v2 messages prison healthcare exchanges through the gateway, and the canonical
/// kind, purpose and continuity-of-care stage each one stands for.
///
/// - `REF^I12` (patient referral): a person with possible care and support needs has arrived in
///   custody; a `referral` to the council where the prison is, for a Care Act s.76 assessment
///   (purpose `care-act-assessment`).
/// - `ADT^A03` (discharge): release into another area; a `continuity-of-care-transfer` at stage
///   `information-pack` with trigger `prison-release` (the prison passes on what the receiving
///   council needs: needs met in custody, release type, consent), purpose `continuity-of-care`.
/// - `ADT^A02` (transfer): a move to a prison in another area; the same kind and stage with
///   trigger `prison-transfer`.
/// - `ACK`: an `acknowledgement`, carrying no personal data and so no purpose.
///
/// HL7 v2 has no field for a purpose, so the purpose is the one the message type implies.
public enum PrisonHealthcareEvent: Sendable, Hashable, CaseIterable {
    /// REF^I12, an arrival referral.
    case referral
    /// ADT^A03, release into another area.
    case release
    /// ADT^A02, a move to a prison in another area.
    case transfer
    /// ACK, a receipt for an earlier message.
    case acknowledgement

    /// MSH-9.1, the message code.
    public var messageCode: String {
        switch self {
        case .referral: "REF"
        case .release, .transfer: "ADT"
        case .acknowledgement: "ACK"
        }
    }

    /// MSH-9.2, the trigger event (an acknowledgement echoes the acknowledged message's).
    public var triggerEvent: String? {
        switch self {
        case .referral: "I12"
        case .release: "A03"
        case .transfer: "A02"
        case .acknowledgement: nil
        }
    }

    /// MSH-9.3, the message structure.
    public var structure: String {
        switch self {
        case .referral: "REF_I12"
        case .release: "ADT_A03"
        case .transfer: "ADT_A02"
        case .acknowledgement: "ACK"
        }
    }

    /// The canonical kind.
    public var kind: MessageKind {
        switch self {
        case .referral: .referral
        case .release, .transfer: .continuityOfCareTransfer
        case .acknowledgement: .acknowledgement
        }
    }

    /// The purpose the message type implies, nil for an acknowledgement.
    public var purpose: Purpose? {
        switch self {
        case .referral: .careActAssessment
        case .release, .transfer: .continuityOfCare
        case .acknowledgement: nil
        }
    }

    /// The continuity-of-care trigger (`payload.trigger`) for ADT messages.
    public var transferTrigger: String? {
        switch self {
        case .release: "prison-release"
        case .transfer: "prison-transfer"
        case .referral, .acknowledgement: nil
        }
    }

    /// The continuity-of-care stage every prison ADT message is: the information pack.
    public static let transferStage = "information-pack"

    /// The event for MSH-9 components, or nil when the gateway does not take that message.
    public init?(code: String, trigger: String) {
        switch (code, trigger) {
        case ("REF", "I12"): self = .referral
        case ("ADT", "A03"): self = .release
        case ("ADT", "A02"): self = .transfer
        case ("ACK", _): self = .acknowledgement
        default: return nil
        }
    }
}
