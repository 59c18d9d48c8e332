/// A string value that is valid by construction: it exists only through `init(validating:path:)`.
///
/// Conformers get `Codable` as a single JSON string whose decoding validates (reporting the coding
/// path as a JSON Pointer), and `description` as the normalised value. This keeps every identifier
/// type's wire form identical and means a decoded document can never hold an invalid identifier.
public protocol ValidatedString: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The normalised value, as stored and sent on the wire.
    var value: String { get }
    /// Validates and normalises `raw`; `path` locates it in error reports.
    init(validating raw: String, path: String) throws(ValidationError)
}

extension ValidatedString {
    /// The normalised value.
    public var description: String { value }

    /// Decodes a single JSON string and validates it; a failure is thrown as a `ValidationError`
    /// located at the coding path.
    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        try self.init(validating: raw, path: JSONPointer.path(decoder.codingPath))
    }

    /// Encodes the normalised value as a single JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
