public import HandoverModel

/// Which mailbox an organisation code in a partner's message is delivered to.
///
/// Partner formats address organisations (HL7 MSH-6 `E06000035^LEEDS CITY COUNCIL ASC^L`, a FHIR
/// `Organization` with an ODS code, an XML `GSSCode`), not gateway mailboxes, and one
/// organisation could have several mailboxes; so the gateway builds this from its partner
/// registry (each partner's organisation identifier value, and each mailbox id itself) and a
/// decoder looks the code up, upper-cased, rather than guessing a mailbox from a name.
public struct RoutingDirectory: Sendable, Hashable {
    private var mailboxes: [String: MailboxID]

    /// Creates a directory from organisation codes (GSS, ODS or agency id) and mailbox ids to mailboxes.
    public init(_ mailboxes: [String: MailboxID]) {
        var normalised: [String: MailboxID] = [:]
        for (code, mailbox) in mailboxes { normalised[code.uppercased()] = mailbox }
        self.mailboxes = normalised
    }

    /// The mailbox for an organisation code or mailbox id, if one is registered.
    public func mailbox(for code: String) -> MailboxID? {
        mailboxes[code.uppercased()]
    }
}
