/// The parts of a council XML `Header` that the canonical submission does not hold: the message
/// id as sent, when it was created, and the sending and receiving authorities.
public struct CouncilXMLHeader: Sendable, Hashable {
    /// `MessageId`: the sender's id for the message (the gateway's message id in what it writes).
    public var messageId: String
    /// `Created`: an RFC 3339 date-time with a zone, as sent.
    public var created: String
    /// `Sender`.
    public var sender: CouncilXMLAuthority
    /// `Recipient`.
    public var recipient: CouncilXMLAuthority

    /// Creates a header.
    public init(messageId: String, created: String, sender: CouncilXMLAuthority, recipient: CouncilXMLAuthority) {
        self.messageId = messageId
        self.created = created
        self.sender = sender
        self.recipient = recipient
    }
}

/// A `Sender` or `Recipient`: the organisation's code (or a gateway mailbox id) and name.
public struct CouncilXMLAuthority: Sendable, Hashable {
    /// Which element names the organisation.
    public enum CodeElement: String, Sendable, Hashable, CaseIterable {
        /// `GSSCode`, a council's ONS code (`E06000054`).
        case gss = "GSSCode"
        /// `ODSCode`, an NHS body (`QOX`).
        case ods = "ODSCode"
        /// `PrisonAgencyId`, a prison (`LEI`).
        case prisonAgency = "PrisonAgencyId"
        /// `MailboxId`, a gateway mailbox (`wiltshire-asc`), for a body without a code.
        case mailbox = "MailboxId"
    }

    /// The element the code is in.
    public var element: CodeElement
    /// The code, normalised (upper case for organisation codes).
    public var code: String
    /// `Name`.
    public var name: String

    /// Creates an authority.
    public init(element: CodeElement, code: String, name: String) {
        self.element = element
        self.code = code
        self.name = name
    }
}
