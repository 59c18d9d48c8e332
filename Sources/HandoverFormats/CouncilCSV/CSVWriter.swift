/// Writes RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted when it
/// holds a comma, a double quote, CR or LF, and a double quote inside a quoted field doubled.
///
/// Cells are made safe to open in a spreadsheet (OWASP, "CSV Injection"): a field that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a single quote in front
/// (`'=SUM(A1)`), so that Excel or LibreOffice shows it as text instead of evaluating it. A reader
/// gets the quote back as part of the value; it is not removed on reading.
public struct CSVWriter: Sendable {
    /// The text written so far.
    public private(set) var bytes: [UInt8]

    /// Creates a writer; with `byteOrderMark` the output starts with the UTF-8 byte order mark,
    /// which spreadsheets need to read the file as UTF-8 rather than a legacy code page.
    public init(byteOrderMark: Bool, capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
        if byteOrderMark { bytes += [0xEF, 0xBB, 0xBF] }
    }

    /// Appends one record and its CRLF.
    public mutating func record(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            append(field)
        }
        bytes += [0x0D, 0x0A]
    }

    /// Whether a spreadsheet would read a cell starting with `byte` as a formula.
    public static func startsFormula(_ byte: UInt8?) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    private mutating func append(_ field: String) {
        let utf8 = field.utf8
        let formula = Self.startsFormula(utf8.first)
        let quoted = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
        if quoted { bytes.append(UInt8(ascii: "\"")) }
        if formula { bytes.append(UInt8(ascii: "'")) }
        if quoted {
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        } else {
            bytes.append(contentsOf: utf8)
        }
    }
}
