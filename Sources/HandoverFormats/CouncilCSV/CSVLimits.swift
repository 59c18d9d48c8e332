/// The bounds the CSV reader enforces, so that a hostile or broken file fails fast with a clear
/// issue and memory proportional to what was accepted rather than to what was sent.
///
/// The gateway already caps a whole body (20 MiB by default); these caps stop one oversized cell
/// from being copied at all (the reader gives up as soon as a field passes `maxFieldBytes`), stop
/// a file of line breaks alone from becoming millions of rows, and bound the error report.
public struct CSVLimits: Sendable, Hashable {
    /// The most data rows after the header: 10,000 (a council's placements register is a few
    /// hundred rows).
    public var maxRows: Int
    /// The longest field, in bytes as sent (quotes included): 8 KiB. Free text in the canonical
    /// model is at most 4 KiB; a multi-line address is far shorter.
    public var maxFieldBytes: Int
    /// The most fields in one record: 256 (the council CSV header has 46).
    public var maxColumns: Int
    /// The most issues reported for one file: 500. A file broken on every row says so in its first
    /// few hundred errors; the rest would only make the answer larger.
    public var maxIssues: Int

    /// The limits described above.
    public static let standard = CSVLimits(maxRows: 10_000, maxFieldBytes: 8_192, maxColumns: 256, maxIssues: 500)

    /// Creates limits; tests use small ones.
    public init(maxRows: Int, maxFieldBytes: Int, maxColumns: Int, maxIssues: Int) {
        self.maxRows = maxRows
        self.maxFieldBytes = maxFieldBytes
        self.maxColumns = maxColumns
        self.maxIssues = maxIssues
    }
}
