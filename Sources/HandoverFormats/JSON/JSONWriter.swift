/// Appends compact JSON text to a byte buffer.
///
/// Strings are escaped per RFC 8259 §7: the quote, the backslash and the C0 controls; everything
/// else, including non-ASCII, is written as UTF-8. The writer never produces whitespace, so its
/// output is stable for hashing.
public struct JSONWriter: Sendable {
    /// The text written so far.
    public private(set) var bytes: [UInt8]

    /// Creates an empty writer with room for `capacity` bytes.
    public init(capacity: Int = 512) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends raw, already valid JSON text.
    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends raw, already valid JSON bytes.
    public mutating func raw(_ text: some Sequence<UInt8>) {
        bytes.append(contentsOf: text)
    }

    /// Appends a JSON string literal.
    ///
    /// Runs of bytes that need no escape, usually the whole string, are found eight bytes at a
    /// time and copied in one append rather than byte by byte.
    public mutating func string(_ value: String) {
        // Read in place when the text is contiguous UTF-8 (native strings are), copied otherwise.
        if value.utf8.withContiguousStorageIfAvailable({ quoted($0) }) != nil { return }
        var copy = value
        copy.withUTF8 { quoted($0) }
    }

    private mutating func quoted(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        // Word at a time up to the first byte that may need an escape, then byte by byte: most
        // strings need none, so only their last few bytes are looked at one by one.
        var index = Self.plainRun(text, from: 0)
        while index < text.count {
            let byte = text[index]
            index += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if start < index - 1 { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<(index - 1)])) }
            start = index
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            default:
                raw("\\u00")
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0x0F))
            }
        }
        if start < text.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...])) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Skips from `index` eight bytes at a time while none needs an escape; returns the first byte
    /// that does (a control, a quote or a backslash), or where fewer than eight bytes are left.
    private static func plainRun(_ text: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let memory = UnsafeRawBufferPointer(text)
        var index = index
        while index + 8 <= memory.count {
            let word = memory.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A high bit marks a byte below 0x20, a quote or a backslash; bytes of 0x80 and
            // above (UTF-8 beyond ASCII) are never marked, as they are written as they are.
            let controls = (word &- ones &* 0x20) & ~word
            let quotes = ((word ^ (ones &* 0x22)) &- ones) & ~(word ^ (ones &* 0x22))
            let backslashes = ((word ^ (ones &* 0x5C)) &- ones) & ~(word ^ (ones &* 0x5C))
            let special = (controls | quotes | backslashes) & highs
            guard special == 0 else { return index + UInt64(littleEndian: special).trailingZeroBitCount / 8 }
            index += 8
        }
        return index
    }

    /// Appends `"name":` for the next member of an object.
    public mutating func key(_ name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends a whole value.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: raw("null")
        case .bool(let b): b ? raw("true") : raw("false")
        case .number(let lexeme): bytes.append(contentsOf: lexeme.utf8)
        case .string(let s): string(s)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for (name, member) in members {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                key(name)
                write(member)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
