public import HandoverModel

/// Which mailbox each receiving facility code (MSH-6.1) is delivered to.
///
/// HL7 v2 addresses an organisation (`E06000035^LEEDS CITY COUNCIL ASC^L`), not a gateway
/// mailbox, and one organisation could have several mailboxes; so the gateway builds this from
/// its partner registry (each partner's organisation identifier value) and the decoder looks the
/// code up, upper-cased, rather than guessing a mailbox from a name.
public struct PrisonHealthcareDirectory: Sendable, Hashable {
    private var mailboxes: [String: MailboxID]

    /// Creates a directory from facility codes (GSS, ODS or agency id) to mailboxes.
    public init(_ mailboxes: [String: MailboxID]) {
        var normalised: [String: MailboxID] = [:]
        for (code, mailbox) in mailboxes { normalised[code.uppercased()] = mailbox }
        self.mailboxes = normalised
    }

    /// The mailbox for a facility code, if one is registered.
    public func mailbox(for code: String) -> MailboxID? {
        mailboxes[code.uppercased()]
    }
}
