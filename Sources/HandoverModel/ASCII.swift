/// Small character tests on UTF-8 bytes, shared by the identifier parsers.
///
/// Identifiers are ASCII by definition, so they are checked byte by byte: faster than regular
/// expressions and free of Unicode surprises (a full-width digit is not a digit here).
enum ASCII {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }

    /// `text` with ASCII letters upper-cased and everything else left alone.
    static func uppercased(_ text: String) -> String {
        guard text.utf8.contains(where: isLower) else { return text }
        return String(decoding: text.utf8.map { isLower($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether `text` matches a pattern of `D` (digit), `U` (upper-case letter), `A` (digit or
    /// upper-case letter) and literal bytes.
    static func matches(_ text: some Collection<UInt8>, _ pattern: StaticString) -> Bool {
        guard text.count == pattern.utf8CodeUnitCount else { return false }
        return pattern.withUTF8Buffer { shape in
            for (byte, kind) in zip(text, shape) {
                switch kind {
                case UInt8(ascii: "D"): if !isDigit(byte) { return false }
                case UInt8(ascii: "U"): if !isUpper(byte) { return false }
                case UInt8(ascii: "A"): if !isDigit(byte) && !isUpper(byte) { return false }
                default: if byte != kind { return false }
                }
            }
            return true
        }
    }

    /// Whether `text` matches `pattern` (see `matches(_:_:)`).
    static func matches(_ text: String, _ pattern: StaticString) -> Bool {
        matches(text.utf8, pattern)
    }

    /// Appends `value` in decimal, left-padded with zeros to `width` digits.
    static func appendPadded(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value.magnitude
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        for _ in digits.count..<max(width, digits.count) { bytes.append(UInt8(ascii: "0")) }
        bytes.append(contentsOf: digits.reversed())
    }

    /// The decimal value of the ASCII digits in `bytes[range]`; the caller has checked they are digits.
    static func number(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
}
