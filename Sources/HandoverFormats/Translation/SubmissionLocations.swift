/// Where a submission names its recipient and the message it answers, in the partner's own
/// format, for errors the gateway finds after decoding (an unknown recipient, a conversation the
/// sender cannot see).
public struct SubmissionLocations: Sendable, Hashable {
    /// Where the recipient is named.
    public var recipient: String
    /// Where the answered message is named.
    public var conversation: String

    /// Creates locations.
    public init(recipient: String, conversation: String) {
        self.recipient = recipient
        self.conversation = conversation
    }

    /// The canonical JSON submission's members.
    public static let canonical = SubmissionLocations(recipient: "/recipient", conversation: "/conversationId")
}
