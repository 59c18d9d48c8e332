/// One or more broken rules; thrown by the parsing initialisers of the model's value types, so an
/// invalid identifier, date or mailbox can never exist as a value.
///
/// It carries every issue found rather than the first, so a partner can fix a document in one go.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every broken rule found, in document order.
    public var issues: [ValidationIssue]

    /// Creates an error from several issues.
    public init(_ issues: [ValidationIssue]) {
        self.issues = issues
    }

    /// Creates an error from one issue.
    public init(path: String, rule: String, hint: String) {
        self.issues = [ValidationIssue(path: path, rule: rule, hint: hint)]
    }

    /// One line per issue, `path: rule: hint`, joined by `; `; the whole document is shown as
    /// `(document)`.
    public var description: String {
        issues.map { "\($0.path.isEmpty ? "(document)" : $0.path): \($0.rule): \($0.hint)" }.joined(separator: "; ")
    }
}
