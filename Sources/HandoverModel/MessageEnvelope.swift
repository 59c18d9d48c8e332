import Foundation

/// The routing and description of one message: everything the gateway stores and delivers except
/// the payload, which is kept elsewhere as the exact bytes the sender wrote.
///
/// Rules that depend on the kind (a subject and a purpose when `kind.carriesPersonalData`, a
/// `conversationId` when `kind.isReply`) are enforced where a submission is read, so that the
/// partner is told at once which field to add.
public struct MessageEnvelope: Sendable, Hashable {
    /// The message's id, assigned by the gateway on acceptance.
    public var id: MessageID
    /// The mailbox that sent it (`handover` for reports the gateway writes itself).
    public var sender: MailboxID
    /// The mailbox it is addressed to.
    public var recipient: MailboxID
    /// What the message is.
    public var kind: MessageKind
    /// The message this one answers or continues; links a reply to its query.
    public var conversationId: MessageID?
    /// The person the message is about, when it carries personal data.
    public var subject: Person?
    /// Why the information is shared, when it carries personal data.
    public var purpose: Purpose?
    /// When the gateway accepted it.
    public var createdAt: Date
    /// The sender's own reference for the message, such as its case-system id.
    public var senderLocalId: String?
    /// What makes the share lawful: a recorded consent or a statutory basis.
    public var lawfulBasis: LawfulBasis?

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
        senderLocalId: String?,
        lawfulBasis: LawfulBasis? = nil
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
        self.lawfulBasis = lawfulBasis
    }
}
