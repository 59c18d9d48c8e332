/// A strict RFC 4180 reader over UTF-8 bytes: fields separated by commas, records ended by CRLF or
/// LF (both accepted, also mixed; the last record may end without one), a field either wholly
/// quoted (commas, line breaks and doubled quotes inside it) or not quoted at all.
///
/// Refused, each with the row and column where it happened: a quote inside an unquoted field
/// (`csv-bare-quote`), text after a closing quote (`csv-quote`), a CR not followed by LF outside
/// quotes (`csv-line-end`), a record with another number of fields than the first
/// (`csv-column-count`), bytes that are not UTF-8 (`csv-utf8`) and NUL bytes
/// (`csv-control-character`). These let the reader carry on, so every row's problems are reported
/// together. A quoted field left open (`csv-unterminated-quote`), an over-long field
/// (`csv-field-too-long`), too many fields (`csv-too-many-columns`) or rows (`csv-too-many-rows`)
/// stop it at once. A UTF-8 byte order mark at the very start is skipped.
public enum CSVReader {
    /// What was read: every record (the first is the header), and the issues found.
    public struct Output: Sendable {
        /// The records, each its fields in order; a record with a problem is kept as read.
        public var records: [[String]]
        /// Problems, in file order, at most `CSVLimits.maxIssues`.
        public var issues: [CSVIssue]
        /// Whether reading stopped before the end of the file.
        public var stopped: Bool
    }

    /// Reads `bytes`.
    public static func read(_ bytes: [UInt8], limits: CSVLimits = .standard) -> Output {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = CSVParser(buffer, limits: limits)
            parser.run()
            return Output(records: parser.records, issues: parser.issues, stopped: parser.stopped)
        }
    }
}

/// The reader's state over one buffer, which it never outlives.
private struct CSVParser {
    enum Terminator { case comma, line, end }

    let buffer: UnsafeBufferPointer<UInt8>
    let limits: CSVLimits
    var index = 0
    var row = 0
    var column = 0
    var records: [[String]] = []
    var issues: [CSVIssue] = []
    var stopped = false
    var scratch: [UInt8] = []

    init(_ buffer: UnsafeBufferPointer<UInt8>, limits: CSVLimits) {
        self.buffer = buffer
        self.limits = limits
    }

    mutating func run() {
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
        var expected: Int?
        while index < buffer.count, !stopped {
            row += 1
            if row > limits.maxRows + 1 {
                fail(column: nil, "csv-too-many-rows", "send at most \(limits.maxRows) rows after the header in one file; split the export")
                break
            }
            var fields: [String] = []
            fields.reserveCapacity(expected ?? 64)
            column = 0
            var terminator = Terminator.comma
            while terminator == .comma, !stopped {
                column += 1
                if column > limits.maxColumns {
                    fail(column: nil, "csv-too-many-columns", "send at most \(limits.maxColumns) fields in a row")
                    break
                }
                let (value, end) = field()
                fields.append(value)
                terminator = end
            }
            if stopped { break }
            if let expected, fields.count != expected {
                report(column: nil, "csv-column-count", "send exactly \(expected) fields on every row, as in the header; this row has \(fields.count)")
            }
            expected = expected ?? fields.count
            records.append(fields)
        }
    }

    /// Reads one field at `index` and what ends it.
    mutating func field() -> (String, Terminator) {
        let start = index
        guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else { return unquoted(from: start) }
        index += 1
        scratch.removeAll(keepingCapacity: true)
        while true {
            guard index < buffer.count else {
                fail(column: column, "csv-unterminated-quote", "close the quoted field with a double quote")
                return ("", .end)
            }
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                if index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "\"") {
                    scratch.append(byte)
                    index += 2
                } else {
                    index += 1
                    break
                }
            } else {
                scratch.append(byte)
                index += 1
            }
            if index - start > limits.maxFieldBytes {
                fail(column: column, "csv-field-too-long", "send at most \(limits.maxFieldBytes) bytes in one field")
                return ("", .end)
            }
        }
        let value = scratch.withUnsafeBufferPointer { text($0) }
        guard let terminator = terminator() else {
            report(column: column, "csv-quote", "end a quoted field at its closing quote: put the whole value inside the quotes and double any quote in it")
            while index < buffer.count, buffer[index] != UInt8(ascii: ","), buffer[index] != 0x0A, buffer[index] != 0x0D { index += 1 }
            return (value, terminator() ?? .end)
        }
        return (value, terminator)
    }

    mutating func unquoted(from start: Int) -> (String, Terminator) {
        var bareQuote = false
        // Scan with locals: this loop sees every byte of most files.
        let end = min(buffer.count, start + limits.maxFieldBytes + 1)
        var at = start
        while at < end {
            let byte = buffer[at]
            if byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D { break }
            if byte == UInt8(ascii: "\"") { bareQuote = true }
            at += 1
        }
        index = at
        if at - start > limits.maxFieldBytes {
            fail(column: column, "csv-field-too-long", "send at most \(limits.maxFieldBytes) bytes in one field")
            return ("", .end)
        }
        if bareQuote {
            report(column: column, "csv-bare-quote", "quote the whole field and double each quote inside it, e.g. \"5\"\" wide\"")
        }
        let value = text(UnsafeBufferPointer(rebasing: buffer[start..<index]))
        return (value, terminator() ?? .end)
    }

    /// Consumes what ends a field: a comma, CRLF, LF or the end of the file; nil (consuming
    /// nothing) for anything else. A lone CR is reported and read as a line end.
    mutating func terminator() -> Terminator? {
        guard index < buffer.count else { return .end }
        switch buffer[index] {
        case UInt8(ascii: ","):
            index += 1
            return .comma
        case 0x0A:
            index += 1
            return .line
        case 0x0D:
            index += 1
            if index < buffer.count, buffer[index] == 0x0A {
                index += 1
            } else {
                report(column: column, "csv-line-end", "end each row with CRLF or LF, not a lone CR")
            }
            return .line
        default:
            return nil
        }
    }

    /// The field's bytes as text, or "" after reporting bytes that are not UTF-8 or are NUL.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        // Most cells of a batch are empty: other record types' columns.
        if bytes.isEmpty { return "" }
        var ascii = true
        var nul = false
        for byte in bytes {
            if byte >= 0x80 { ascii = false } else if byte == 0 { nul = true }
        }
        if nul {
            report(column: column, "csv-control-character", "remove NUL bytes; a file saved as UTF-16 has one in every character: save it as UTF-8")
            return ""
        }
        // Most cells are ASCII, which is UTF-8 as it stands; only the rest need validating.
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        guard let value = String(validating: bytes, as: UTF8.self) else {
            report(column: column, "csv-utf8", "save the file as UTF-8; this field has bytes that are not UTF-8")
            return ""
        }
        return value
    }

    mutating func report(column: Int?, _ rule: String, _ hint: String) {
        guard issues.count < limits.maxIssues else { return }
        issues.append(CSVIssue(row: row, column: column, rule: rule, hint: hint))
    }

    mutating func fail(column: Int?, _ rule: String, _ hint: String) {
        stopped = true
        issues.append(CSVIssue(row: row, column: column, rule: rule, hint: hint))
    }
}
