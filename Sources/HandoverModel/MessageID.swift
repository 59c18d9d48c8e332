import Foundation

/// A message's identity: a UUID, written in lower case (`6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10`).
///
/// Ids are compared by their 16 bytes, so an id sent back in upper case still names the same
/// message; its text form is always lower case, as RFC 9562 recommends.
///
/// Parsed by hand rather than with `UUID(uuidString:)`, which goes through `sscanf` and showed up
/// in profiles of inbox listings that read hundreds of ids per page.
public struct MessageID: ValidatedString {
    /// The UUID.
    public let uuid: UUID
    /// The lower-case text form.
    public let value: String

    /// A new random (version 4, RFC 9562 variant) id.
    ///
    /// Drawn from the system generator (`getrandom`) and written out here: Foundation's `UUID()`
    /// opens `/dev/urandom` on every call on Linux, and `uuidString` is upper case, so every
    /// submission paid for a file open and a second string.
    public init() {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 16)
        for half in 0..<2 {
            let word = generator.next()
            for index in 0..<8 { bytes[half * 8 + index] = UInt8(truncatingIfNeeded: word >> (index * 8)) }
        }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        value = Self.text(bytes)
    }

    /// The lower-case `8-4-4-4-12` form of 16 bytes.
    private static func text(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                buffer[position] = digits[Int(byte >> 4)]
                buffer[position + 1] = digits[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }

    /// Parses the `8-4-4-4-12` hexadecimal form in either case (any version); throws `uuid`
    /// located at `path`.
    public init(validating raw: String, path: String = "") throws(ValidationError) {
        guard let bytes = Self.parse(raw.utf8) else {
            throw ValidationError(path: path, rule: "uuid", hint: "send a message id as a UUID, e.g. 6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10")
        }
        uuid = UUID(uuid: bytes)
        value = raw.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F") }) ? raw.lowercased() : raw
    }

    /// Two ids are equal when their UUIDs are, whatever the case they were written in.
    public static func == (lhs: MessageID, rhs: MessageID) -> Bool { lhs.uuid == rhs.uuid }
    /// Hashes the UUID, consistently with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(uuid) }

    /// The 16 bytes of `8-4-4-4-12` hexadecimal text, or nil.
    private static func parse(_ text: String.UTF8View) -> uuid_t? {
        guard text.count == 36 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 16)
        var index = 0
        var high: UInt8?
        for (position, character) in text.enumerated() {
            if position == 8 || position == 13 || position == 18 || position == 23 {
                guard character == UInt8(ascii: "-") else { return nil }
                continue
            }
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let first = high {
                bytes[index] = first << 4 | nibble
                index += 1
                high = nil
            } else {
                high = nibble
            }
        }
        return (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])
    }
}
