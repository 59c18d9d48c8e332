public import HandoverModel

/// A submission translated from a partner format into the canonical model, with its payload as
/// canonical JSON bytes.
///
/// `CanonicalSubmission` points into the body a handover-json partner sent (`payloadRange`); a
/// translated submission has no such body, since the payload is written by the translation, so it
/// owns the bytes instead.
public struct TranslatedSubmission: Sendable, Hashable {
    /// The recipient's mailbox.
    public var recipient: MailboxID
    /// What the message is.
    public var kind: MessageKind
    /// The gateway id of the message this one answers, when the partner sent one.
    public var conversationId: MessageID?
    /// The answered message's own reference as the partner quoted it (HL7 MSA-2), which is the
    /// `senderLocalId` (MSH-10) of that message; the gateway resolves it to a `conversationId`
    /// when the partner quotes a control id rather than a gateway id.
    public var inReplyTo: String?
    /// The person the message is about.
    public var subject: Person?
    /// Why the information is shared.
    public var purpose: Purpose?
    /// The sender's own reference for the message.
    public var senderLocalId: String?
    /// What makes the share lawful, when the format carries it (or implies it; see the format's
    /// mapping table in `contracts/formats/`).
    public var lawfulBasis: LawfulBasis?
    /// The kind-specific content as compact canonical JSON (one object).
    public var payload: [UInt8]
    /// What the partner format held that the canonical model does not carry (or the reverse, when
    /// encoding).
    public var dropped: [DroppedField]
    /// Where the recipient and the answered message are named in the partner's format (`MSH-6`,
    /// `Bundle.entry[0].resource.destination[0].receiver`, `row 3 column recipient`), so routing
    /// errors found later by the gateway point into what the partner sent.
    public var locations: SubmissionLocations

    /// Creates a submission.
    public init(
        recipient: MailboxID,
        kind: MessageKind,
        conversationId: MessageID? = nil,
        inReplyTo: String? = nil,
        subject: Person? = nil,
        purpose: Purpose? = nil,
        senderLocalId: String? = nil,
        lawfulBasis: LawfulBasis? = nil,
        payload: [UInt8],
        dropped: [DroppedField] = [],
        locations: SubmissionLocations = .canonical
    ) {
        self.recipient = recipient
        self.kind = kind
        self.conversationId = conversationId
        self.inReplyTo = inReplyTo
        self.subject = subject
        self.purpose = purpose
        self.senderLocalId = senderLocalId
        self.lawfulBasis = lawfulBasis
        self.payload = payload
        self.dropped = dropped
        self.locations = locations
    }
}
