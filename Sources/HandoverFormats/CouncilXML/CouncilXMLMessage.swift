/// A decoded council XML message: the header facts and the canonical submission.
public struct CouncilXMLMessage: Sendable, Hashable {
    /// The namespace of every element of the format.
    public static let namespace = "urn:care-exchange:la:1.0"
    /// The `version` attribute of the root element.
    public static let version = "1.0"
    /// The root element.
    public static let root = "CareExchangeMessage"

    /// The header.
    public var header: CouncilXMLHeader
    /// The canonical submission.
    public var submission: TranslatedSubmission

    /// Creates a message.
    public init(header: CouncilXMLHeader, submission: TranslatedSubmission) {
        self.header = header
        self.submission = submission
    }
}
