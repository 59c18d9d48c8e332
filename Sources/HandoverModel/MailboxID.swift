/// A partner's mailbox on the gateway, which is also its identity on the wire: 2 to 63 lower-case
/// letters, digits, `.`, `_` or `-`, starting with a letter or digit (`swindon-asc`).
public struct MailboxID: ValidatedString, Comparable {
    public let value: String

    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let bytes = Array(raw.utf8)
        let allowed = bytes.allSatisfy { ASCII.isLower($0) || ASCII.isDigit($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
        guard (2...63).contains(bytes.count), allowed, let first = bytes.first, ASCII.isLower(first) || ASCII.isDigit(first) else {
            throw ValidationError(
                path: path,
                rule: "mailbox-format",
                hint: "send a mailbox id of 2 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. swindon-asc"
            )
        }
        value = raw
    }

    public static func < (lhs: MailboxID, rhs: MailboxID) -> Bool { lhs.value < rhs.value }
}
