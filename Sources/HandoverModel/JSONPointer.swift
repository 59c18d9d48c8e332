/// JSON Pointer (RFC 6901) helpers for error reports: a `Codable` coding path as a pointer, and
/// one escaped reference token.
public enum JSONPointer {
    /// `/subject/localIds/0/value`: array positions as numbers, `~` and `/` in keys escaped as
    /// `~0` and `~1`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var pointer = ""
        for key in codingPath {
            pointer += "/"
            if let index = key.intValue {
                pointer += String(index)
            } else {
                pointer += escape(key.stringValue)
            }
        }
        return pointer
    }

    /// Escapes one reference token: `~` as `~0`, `/` as `~1`; a token with neither, the usual
    /// case, is returned as it is without a search.
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
