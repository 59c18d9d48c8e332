/// A string value that is valid by construction: it exists only through `init(validating:path:)`.
///
/// Conformers get `Codable` as a single JSON string whose decoding validates (reporting the coding
/// path as a JSON Pointer), and `description` as the normalised value.
public protocol ValidatedString: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The normalised value.
    var value: String { get }
    /// Validates and normalises `raw`; `path` locates it in error reports.
    init(validating raw: String, path: String) throws(ValidationError)
}

extension ValidatedString {
    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        let path = decoder.codingPath.map { "/" + ($0.intValue.map(String.init) ?? $0.stringValue) }.joined()
        try self.init(validating: raw, path: path)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// Small character tests on UTF-8 bytes, shared by the identifier parsers.
enum ASCII {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }

    /// Whether `text` matches a pattern of `D` (digit), `U` (upper-case letter) and `A` (digit or upper-case letter).
    static func matches(_ text: String, _ pattern: String) -> Bool {
        let bytes = Array(text.utf8)
        let shape = Array(pattern.utf8)
        guard bytes.count == shape.count else { return false }
        for (byte, kind) in zip(bytes, shape) {
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
