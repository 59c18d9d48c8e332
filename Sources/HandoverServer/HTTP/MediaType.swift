/// Media types as they arrive in `Content-Type` and `Accept`.
enum MediaType {
    /// The type and subtype of one media range, without parameters, trimmed and in lower case
    /// (`" Application/FHIR+JSON; charset=utf-8"` → `"application/fhir+json"`).
    ///
    /// Written on the bytes because it runs on every request: Foundation's
    /// `trimmingCharacters(in:)` bridges through `NSString` and showed in submission profiles.
    static func essence(_ range: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.utf8.count)
        for byte in range.utf8 {
            if byte == UInt8(ascii: ";") { break }
            bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
        }
        let isSpace: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !isSpace($0) }.map { $0 + 1 } ?? start
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}
