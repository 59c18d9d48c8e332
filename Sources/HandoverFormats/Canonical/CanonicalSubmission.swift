public import HandoverModel

/// A message as a partner posts it in the canonical format, validated but not yet accepted.
///
/// The payload is not materialised: `payloadRange` says where its bytes lie in the submitted
/// body, so the gateway stores and forwards exactly what the sender wrote.
public struct CanonicalSubmission: Sendable {
    /// The recipient's mailbox.
    public var recipient: MailboxID
    /// What the message is.
    public var kind: MessageKind
    /// The message this one answers or continues.
    public var conversationId: MessageID?
    /// The person the message is about.
    public var subject: Person?
    /// Why the information is shared.
    public var purpose: Purpose?
    /// The sender's own reference, which also makes a resubmission idempotent.
    public var senderLocalId: String?
    /// What makes the share lawful, when the sender named it.
    public var lawfulBasis: LawfulBasis?
    /// Where the payload object's text lies in the submitted body.
    public var payloadRange: Range<Int>
}
