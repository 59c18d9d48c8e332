public import HandoverModel

/// A share about to be accepted, as the policy sees it: what is shared, why, on what basis, with
/// whom; after decoding and routing, before anything is stored.
public struct ShareRequest: Sendable {
    /// The kind of message.
    public var kind: MessageKind
    /// The purpose the sender named.
    public var purpose: Purpose?
    /// The subject's NHS number, the key of the consent registry.
    public var subject: NHSNumber?
    /// Whether the message names a subject at all (an adult known only by a prisoner number has
    /// a subject but no NHS number).
    public var hasSubject: Bool
    /// The basis the sender named.
    public var basis: LawfulBasis?
    /// The receiving organisation.
    public var recipient: Organisation
    /// The payload's top-level member names, in order; read only when the policy needs them
    /// (`SharePolicy.needsPayloadMembers`).
    public var payloadMembers: [String]

    /// Creates a request.
    public init(
        kind: MessageKind, purpose: Purpose?, subject: NHSNumber?, hasSubject: Bool, basis: LawfulBasis?,
        recipient: Organisation, payloadMembers: [String] = []
    ) {
        self.kind = kind
        self.purpose = purpose
        self.subject = subject
        self.hasSubject = hasSubject
        self.basis = basis
        self.recipient = recipient
        self.payloadMembers = payloadMembers
    }
}

/// What the policy decided about a share.
public enum ShareDecision: Sendable, Hashable {
    /// The share may go ahead; `removed` lists what its recipient will not receive.
    case allowed(basis: LawfulBasis?, removed: [RemovedField])
    /// The share is refused; each issue names the field, the rule and what to send instead.
    case refused([ValidationIssue])

    /// The issues of a refusal; empty when allowed.
    public var issues: [ValidationIssue] {
        if case .refused(let issues) = self { issues } else { [] }
    }
}
