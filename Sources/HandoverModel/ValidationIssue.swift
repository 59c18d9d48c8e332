/// One broken rule, located by a JSON Pointer (RFC 6901) into the submitted document.
///
/// A partner's system acts on `rule`, a short stable kebab-case identifier such as
/// `nhs-number-check-digit`; a person reads `hint`, which says what to send instead. Hints never
/// repeat the submitted value, so an error report or log line carries no personal data.
public struct ValidationIssue: Sendable, Hashable, Codable {
    /// Where: a JSON Pointer into the document (`/subject/nhsNumber`), a header or parameter name,
    /// or the empty string for the whole document.
    public var path: String
    /// Which rule was broken, as a stable kebab-case identifier that partners may match on.
    public var rule: String
    /// What to send instead, in plain English.
    public var hint: String

    /// Creates an issue from where it is, which rule it breaks and what to send instead.
    public init(path: String, rule: String, hint: String) {
        self.path = path
        self.rule = rule
        self.hint = hint
    }
}
