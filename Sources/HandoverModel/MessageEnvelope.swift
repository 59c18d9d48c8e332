import Foundation

/// The routing and description of one message: everything but its payload, which is kept as the
/// exact bytes the sender wrote.
public struct MessageEnvelope: Sendable, Hashable {
    public var id: MessageID
    public var sender: MailboxID
    public var recipient: MailboxID
    public var kind: MessageKind
    /// The message this one answers or continues.
    public var conversationId: MessageID?
    /// The person the message is about.
    public var subject: Person?
    /// Why the information is shared.
    public var purpose: Purpose?
    /// When the gateway accepted it.
    public var createdAt: Date
    /// The sender's own reference.
    public var senderLocalId: String?

    /// Creates an envelope.
    public init(
        id: MessageID,
        sender: MailboxID,
        recipient: MailboxID,
        kind: MessageKind,
        conversationId: MessageID?,
        subject: Person?,
        purpose: Purpose?,
        createdAt: Date,
        senderLocalId: String?
    ) {
        self.id = id
        self.sender = sender
        self.recipient = recipient
        self.kind = kind
        self.conversationId = conversationId
        self.subject = subject
        self.purpose = purpose
        self.createdAt = createdAt
        self.senderLocalId = senderLocalId
    }
}
