/// What happened to a message, as one log leaf records it (see ``LogEvent``).
public enum LogEventKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The gateway accepted a signed submission from the sender.
    case submitted
    /// The message was put in the recipient's inbox.
    case delivered
    /// The recipient fetched the message body.
    case downloaded
    /// The recipient acknowledged the message.
    case acknowledged
    /// The message expired unacknowledged.
    case expired
    /// The gateway refused a submission; the only kind that may lack a message id and a
    /// payload commitment.
    case rejected
    /// A consent was recorded in the registry; `commitment` is the SHA-256 of the record's JSON,
    /// `basis` names the consent, and `message` the consent-grant message when it came in one.
    case consentRecorded = "consent-recorded"
    /// A consent was withdrawn; `commitment` is the SHA-256 of the withdrawal's JSON.
    case consentWithdrawn = "consent-withdrawn"
    /// A message that relied on a withdrawn consent was withheld from its recipient, undownloaded;
    /// it is kept, and its sender told.
    case withheld

    /// Whether the event is about a consent in the registry rather than about a message.
    public var isConsentEvent: Bool { self == .consentRecorded || self == .consentWithdrawn }
}
