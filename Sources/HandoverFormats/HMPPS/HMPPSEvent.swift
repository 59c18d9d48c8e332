/// A decoded HMPPS event: the canonical submission it stands for, and the envelope facts the
/// canonical model does not hold, which the gateway needs to check who sent it.
public struct HMPPSEvent: Sendable, Hashable {
    /// The event type.
    public var eventType: HMPPSEventType
    /// `careExchange.sender`: the organisation the event says it comes from.
    public var sender: HMPPSParty
    /// `careExchange.recipient`: the organisation it is addressed to.
    public var recipient: HMPPSParty
    /// The canonical submission.
    public var submission: TranslatedSubmission

    /// Creates a decoded event.
    public init(eventType: HMPPSEventType, sender: HMPPSParty, recipient: HMPPSParty, submission: TranslatedSubmission) {
        self.eventType = eventType
        self.sender = sender
        self.recipient = recipient
        self.submission = submission
    }
}
