/// A decoded prison healthcare message: the canonical submission it stands for, and the MSH
/// facts (`HL7Header`) the gateway needs to answer it and check who sent it.
public struct PrisonHealthcareMessage: Sendable, Hashable {
    /// The MSH facts.
    public var header: HL7Header
    /// The canonical submission.
    public var submission: TranslatedSubmission

    /// Creates a decoded message.
    public init(header: HL7Header, submission: TranslatedSubmission) {
        self.header = header
        self.submission = submission
    }
}
