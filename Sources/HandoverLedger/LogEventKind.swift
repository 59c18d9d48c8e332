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
}
