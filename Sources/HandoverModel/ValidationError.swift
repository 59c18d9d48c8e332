/// One broken rule, located by a JSON Pointer (RFC 6901) into the submitted document.
///
/// `rule` is a short stable identifier a partner system can act on (`nhs-number-check-digit`);
/// `hint` tells a person what to send instead.
public struct ValidationIssue: Sendable, Hashable, Codable {
    /// Where: a JSON Pointer into the document, or a header or parameter name.
    public var path: String
    /// Which rule, as a stable kebab-case identifier.
    public var rule: String
    /// What to send instead.
    public var hint: String

    /// Creates an issue.
    public init(path: String, rule: String, hint: String) {
        self.path = path
        self.rule = rule
        self.hint = hint
    }
}

/// One or more broken rules; thrown by the parsing initialisers of the model's value types, so an
/// invalid identifier, date or mailbox can never exist as a value.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every broken rule found.
    public var issues: [ValidationIssue]

    /// Creates an error from several issues.
    public init(_ issues: [ValidationIssue]) {
        self.issues = issues
    }

    /// Creates an error from one issue.
    public init(path: String, rule: String, hint: String) {
        self.issues = [ValidationIssue(path: path, rule: rule, hint: hint)]
    }

    public var description: String {
        issues.map { "\($0.path.isEmpty ? "(document)" : $0.path): \($0.rule): \($0.hint)" }.joined(separator: "; ")
    }
}
