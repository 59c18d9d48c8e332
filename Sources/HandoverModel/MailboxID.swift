/// A partner's mailbox on the gateway, which is also its identity on the wire:
/// `^[a-z0-9][a-z0-9._-]{1,62}$`, 2 to 63 lower-case letters, digits, `.`, `_` or `-`, starting
/// with a letter or digit (`swindon-asc`, `bsw-icb`).
///
/// It is not case-folded: a mailbox id is an address, and two spellings of one address would
/// split a partner's inbox in two.
public struct MailboxID: ValidatedString, Comparable {
    /// The mailbox id as given.
    public let value: String

    /// Validates `raw`; throws `mailbox-format` located at `path`.
    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let bytes = raw.utf8
        let allowed = bytes.allSatisfy {
            ASCII.isLower($0) || ASCII.isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
        guard (2...63).contains(bytes.count), allowed, let first = bytes.first, ASCII.isLower(first) || ASCII.isDigit(first) else {
            throw ValidationError(
                path: path,
                rule: "mailbox-format",
                hint: "send a mailbox id of 2 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. swindon-asc"
            )
        }
        value = raw
    }

    /// Orders mailboxes by their id, for stable listings.
    public static func < (lhs: MailboxID, rhs: MailboxID) -> Bool { lhs.value < rhs.value }
}
