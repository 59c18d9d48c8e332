/// Writes an indented XML 1.0 document in UTF-8, escaping text and attribute values so that what
/// `XMLReader` reads back is exactly what was written.
///
/// Text escapes `&`, `<` and `>` (so `]]>` can never appear) and writes CR as `&#13;`, which line-end
/// normalisation would otherwise turn into LF. Attribute values are double-quoted and also escape
/// `"`, tab, LF and CR, which attribute-value normalisation would otherwise turn into spaces.
/// Characters XML 1.0 cannot carry at all (NUL and the other C0 controls, U+FFFE, U+FFFF) must be
/// checked with `canCarry` first: the writer does not invent a replacement.
public struct XMLWriter: Sendable {
    /// The document written so far.
    public private(set) var bytes: [UInt8]
    private var depth = 0

    /// Creates a writer holding the XML declaration.
    public init(capacity: Int = 2048) {
        bytes = []
        bytes.reserveCapacity(capacity)
        raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }

    /// A point in the output to return to, so that a mapping can take back an element that turned
    /// out to have nothing in it.
    public struct Mark: Sendable, Hashable {
        let count: Int
        let depth: Int
    }

    /// The current point in the output.
    public var mark: Mark { Mark(count: bytes.count, depth: depth) }

    /// Removes everything written since `mark`.
    public mutating func rollback(to mark: Mark) {
        bytes.removeSubrange(mark.count...)
        depth = mark.depth
    }

    /// Whether every character of `text` can be written in XML 1.0.
    public static func canCarry(_ text: String) -> Bool {
        // By UTF-8 bytes: a C0 control is one byte below 0x20, U+FFFE and U+FFFF are EF BF BE
        // and EF BF BF, and no other character's encoding contains those sequences.
        var utf8 = text
        return utf8.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return false }
                if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return false }
                index += 1
            }
            return true
        }
    }

    /// Opens an element on a new line, with attributes given as (name, value).
    public mutating func open(_ name: String, attributes: [(String, String)] = []) {
        startTag(name, attributes)
        raw(">\n")
        depth += 1
    }

    /// Closes the element opened last with this name.
    public mutating func close(_ name: String) {
        depth -= 1
        indent()
        raw("</")
        bytes.append(contentsOf: name.utf8)
        raw(">\n")
    }

    /// Writes `<name>text</name>` on one line.
    public mutating func element(_ name: String, _ text: String, attributes: [(String, String)] = []) {
        startTag(name, attributes)
        raw(">")
        escape(text, attribute: false)
        raw("</")
        bytes.append(contentsOf: name.utf8)
        raw(">\n")
    }

    private mutating func startTag(_ name: String, _ attributes: [(String, String)]) {
        indent()
        raw("<")
        bytes.append(contentsOf: name.utf8)
        for (attribute, value) in attributes {
            raw(" ")
            bytes.append(contentsOf: attribute.utf8)
            raw("=\"")
            escape(value, attribute: true)
            raw("\"")
        }
    }

    private mutating func indent() {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private mutating func escape(_ text: String, attribute: Bool) {
        var text = text
        text.withUTF8 { utf8 in
            // Runs of bytes that need no escaping are copied whole; most values are one run.
            var start = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let replacement: StaticString
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case 0x0D: replacement = "&#13;"
                case UInt8(ascii: "\"") where attribute: replacement = "&quot;"
                case 0x09 where attribute: replacement = "&#9;"
                case 0x0A where attribute: replacement = "&#10;"
                default:
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                raw(replacement)
                index += 1
                start = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
        }
    }

    private mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }
}
