/// A broken rule in a CSV file, located by row and column, counting from 1 with the header as
/// row 1. Rows are CSV records, not lines: a quoted field may span several lines.
public struct CSVIssue: Sendable, Hashable {
    /// The record, 1 for the header.
    public var row: Int
    /// The field within the record, from 1; nil for the whole record (or the whole file when
    /// `row` is 0).
    public var column: Int?
    /// The rule broken, e.g. `csv-bare-quote`.
    public var rule: String
    /// What to send instead.
    public var hint: String

    /// Creates an issue.
    public init(row: Int, column: Int?, rule: String, hint: String) {
        self.row = row
        self.column = column
        self.rule = rule
        self.hint = hint
    }

    /// `row 3, column nhs_number` (by the name in `columns` when it has one, else the column's
    /// number), `row 3`, or the empty string for the whole file.
    public func location(columns: [String]) -> String {
        guard row > 0 else { return "" }
        guard let column else { return "row \(row)" }
        let name = column >= 1 && column <= columns.count ? columns[column - 1] : String(column)
        return "row \(row), column \(name)"
    }
}
