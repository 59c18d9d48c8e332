/// How far a message has got; kebab-case on the wire.
///
/// Each state implies the ones before it, except `expired`: the gateway never loses an accepted
/// message, so the only way out of the sequence is an expiry that the sender is told about.
public enum MessageStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Durably stored by the gateway.
    case accepted
    /// Listed in the recipient's inbox.
    case delivered
    /// Downloaded by the recipient.
    case downloaded
    /// Acknowledged by the recipient.
    case acknowledged
    /// Not acknowledged in time; its payload has been purged and the sender sent a non-delivery report.
    case expired
    /// Withheld from the recipient before it was downloaded, because the consent it relied on was
    /// withdrawn; kept, and its sender sent a report.
    case withheld
}
