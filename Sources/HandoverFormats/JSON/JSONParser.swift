public import HandoverModel

/// A strict RFC 8259 JSON parser over raw bytes with bounded nesting.
///
/// Strict means: one value per document, no trailing commas, no comments, no duplicate member
/// names, UTF-8 only (invalid sequences refused), no unescaped control characters in strings.
/// Nesting beyond `maxDepth` is refused before it can exhaust the stack.
///
/// Members named in `rawMembers` of a top-level object are checked for well-formedness but not
/// built; their byte ranges are returned so a large payload can be stored and forwarded exactly
/// as sent without materialising it.
public struct JSONParser: ~Copyable {
    private let bytes: UnsafeRawBufferPointer
    private let maxDepth: Int
    private var index = 0
    private var depth = 0
    private var stack = JSONBuildStack()

    /// One member of a top-level object.
    public struct Member: Sendable {
        /// The member name.
        public var name: String
        /// The value, or nil for a member parsed raw.
        public var value: JSONValue?
        /// Where the value's text lies in the document.
        public var range: Range<Int>
    }

    private init(bytes: UnsafeRawBufferPointer, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Parses a whole document.
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 64) throws(ValidationError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue(build: true) ?? .null
        try parser.expectEnd()
        return value
    }

    /// Parses a document that must be one object, leaving the members in `rawMembers` unbuilt.
    public static func parseObject(
        _ bytes: UnsafeRawBufferPointer,
        rawMembers: Set<String> = [],
        maxDepth: Int = 64
    ) throws(ValidationError) -> [Member] {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        parser.skipWhitespace()
        guard parser.peek() == UInt8(ascii: "{") else {
            // Malformed text is a syntax error; only well-formed JSON of another type is a type error.
            let value = try parse(bytes, maxDepth: maxDepth)
            throw ValidationError(path: "", rule: "type", hint: "send one JSON object, not \(value.typeName)")
        }
        parser.index += 1
        parser.depth = 1
        var members: [Member] = []
        var many: Set<String>?
        try parser.forEachMember { (parser: inout JSONParser, name: String) throws(ValidationError) in
            guard parser.stack.isNew(name, since: 0, many: &many) else { throw parser.duplicate(name) }
            // Pushed only for the duplicate check; the members returned are `members`.
            parser.stack.push(name, .null)
            let start = parser.index
            let value = try parser.parseValue(build: !rawMembers.contains(name))
            members.append(Member(name: name, value: value, range: start..<parser.index))
        }
        try parser.expectEnd()
        return members
    }

    // MARK: - Grammar

    private mutating func parseValue(build: Bool) throws(ValidationError) -> JSONValue? {
        guard let byte = peek() else { throw syntax("a value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObjectValue(build: build)
        case UInt8(ascii: "["): return try parseArray(build: build)
        case UInt8(ascii: "\""):
            let text = try parseString(build: build)
            return build ? .string(text) : nil
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let lexeme = try parseNumber()
            return build ? .number(lexeme) : nil
        default: throw syntax("a value")
        }
    }

    private mutating func parseObjectValue(build: Bool) throws(ValidationError) -> JSONValue? {
        try enter()
        let base = stack.memberBase
        var many: Set<String>?
        try forEachMember { (parser: inout JSONParser, name: String) throws(ValidationError) in
            guard parser.stack.isNew(name, since: base, many: &many) else { throw parser.duplicate(name) }
            // An object parsed unbuilt still pushes its names, for the duplicate check.
            let value = try parser.parseValue(build: build)
            parser.stack.push(name, value ?? .null)
        }
        depth -= 1
        guard build else {
            stack.dropMembers(since: base)
            return nil
        }
        return .object(stack.popMembers(since: base))
    }

    /// Walks `"name": value` pairs up to the closing brace; the opening brace is already consumed.
    private mutating func forEachMember(
        _ body: (inout JSONParser, String) throws(ValidationError) -> Void
    ) throws(ValidationError) {
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw syntax("a member name in double quotes") }
            let name = try parseString(build: true)
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after a member name")
            skipWhitespace()
            try body(&self, name)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return
            default: throw syntax("',' or '}'")
            }
        }
    }

    private mutating func parseArray(build: Bool) throws(ValidationError) -> JSONValue? {
        try enter()
        let base = stack.itemBase
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return build ? .array([]) : nil
        }
        while true {
            skipWhitespace()
            if let item = try parseValue(build: build), build { stack.push(item) }
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return build ? .array(stack.popItems(since: base)) : nil
            default: throw syntax("',' or ']'")
            }
        }
    }

    private mutating func enter() throws(ValidationError) {
        index += 1
        depth += 1
        if depth > maxDepth {
            throw ValidationError(
                path: "",
                rule: "json-depth",
                hint: "nest objects and arrays at most \(maxDepth) deep (exceeded at byte \(index - 1))"
            )
        }
    }

    // MARK: - Tokens

    private mutating func parseNumber() throws(ValidationError) -> String {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), isDigit(first) else { throw syntax("a digit") }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard let d = peek(), isDigit(d) else { throw syntax("a digit after '.'") }
            skipDigits()
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            index += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { index += 1 }
            guard let d = peek(), isDigit(d) else { throw syntax("a digit in the exponent") }
            skipDigits()
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private mutating func skipDigits() {
        while let d = peek(), isDigit(d) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Parses a string literal; the opening quote is at `index`.
    private mutating func parseString(build: Bool) throws(ValidationError) -> String {
        index += 1
        let start = index
        var hasEscapes = false
        while index < bytes.count {
            skipPlainASCII()
            guard index < bytes.count else { break }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let end = index
                index += 1
                guard build else { return "" }
                let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
                return hasEscapes ? try unescape(raw, offset: start) : String(decoding: raw, as: UTF8.self)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                try skipEscape()
            case 0x00..<0x20:
                throw syntax("no control characters inside a string (escape them, e.g. \\n)")
            case 0x80...:
                try skipUTF8Sequence()
            default:
                index += 1
            }
        }
        throw syntax("a closing '\"'")
    }

    /// Skips string bytes that need no check, eight at a time: ASCII other than the quote, the
    /// backslash and the controls. Most strings are all such bytes, and this loop replaces one
    /// comparison chain per byte with a few word operations per eight.
    private mutating func skipPlainASCII() {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A high bit marks a byte that is non-ASCII, below 0x20, a quote or a backslash.
            let controls = (word &- ones &* 0x20) & ~word
            let quotes = ((word ^ (ones &* 0x22)) &- ones) & ~(word ^ (ones &* 0x22))
            let backslashes = ((word ^ (ones &* 0x5C)) &- ones) & ~(word ^ (ones &* 0x5C))
            let special = (word | controls | quotes | backslashes) & highs
            guard special == 0 else {
                // Little-endian: the lowest marked byte is the first to look at.
                index += (UInt64(littleEndian: special).trailingZeroBitCount) / 8
                return
            }
            index += 8
        }
    }

    /// Checks one escape sequence; the backslash is at `index`.
    private mutating func skipEscape() throws(ValidationError) {
        guard index + 1 < bytes.count else { throw syntax("an escape after '\\'", at: index + 1) }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
        case UInt8(ascii: "u"):
            _ = try hex4(bytes, at: index + 2, offset: 0)
            index += 6
        default:
            throw syntax("one of the escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", at: index)
        }
    }

    /// Checks one multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
    private mutating func skipUTF8Sequence() throws(ValidationError) {
        let lead = bytes[index]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: throw encoding()
        }
        guard index + length <= bytes.count else { throw encoding() }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            let (lo, hi) = offset == 1 ? (lower, upper) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= lo && byte <= hi else { throw encoding() }
        }
        index += length
    }

    private func unescape(_ raw: UnsafeRawBufferPointer, offset: Int) throws(ValidationError) -> String {
        var scalars = String.UnicodeScalarView()
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                i += 1
                continue
            }
            guard i + 1 < raw.count else { throw syntax("an escape after '\\'", at: offset + i) }
            let code = raw[i + 1]
            i += 2
            switch code {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(code)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var unit = try hex4(raw, at: i, offset: offset)
                i += 4
                if (0xD800...0xDBFF).contains(unit) {
                    guard i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") else {
                        throw syntax("a low surrogate \\uDC00-\\uDFFF after a high surrogate", at: offset + i)
                    }
                    let low = try hex4(raw, at: i + 2, offset: offset)
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw syntax("a low surrogate \\uDC00-\\uDFFF after a high surrogate", at: offset + i)
                    }
                    i += 6
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(unit) {
                    throw syntax("no lone low surrogate", at: offset + i - 6)
                }
                guard let scalar = Unicode.Scalar(unit) else { throw syntax("a valid code point", at: offset + i) }
                scalars.removeAll(keepingCapacity: true)
                scalars.append(scalar)
                output.append(contentsOf: String(scalars).utf8)
            default:
                throw syntax("one of the escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", at: offset + i - 2)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func hex4(_ raw: UnsafeRawBufferPointer, at i: Int, offset: Int) throws(ValidationError) -> UInt32 {
        guard i + 4 <= raw.count else { throw syntax("four hex digits after \\u", at: offset + i) }
        var value: UInt32 = 0
        for k in 0..<4 {
            let c = raw[i + k]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw syntax("four hex digits after \\u", at: offset + i)
            }
            value = value << 4 | digit
        }
        return value
    }

    private mutating func literal(_ word: StaticString) throws(ValidationError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw syntax("\(word)") }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
        guard matches else { throw syntax("\(word)") }
        index += count
    }

    // MARK: - Cursor

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(ValidationError) {
        guard peek() == byte else { throw syntax(what) }
        index += 1
    }

    private mutating func expectEnd() throws(ValidationError) {
        skipWhitespace()
        guard index == bytes.count else { throw syntax("the end of the document (one JSON value per body)") }
    }

    // MARK: - Errors

    private func syntax(_ expected: String, at position: Int? = nil) -> ValidationError {
        let at = min(position ?? index, bytes.count)
        let found = at < bytes.count ? "found \(describe(bytes[at]))" : "the document ended"
        return ValidationError(
            path: "",
            rule: "json-syntax",
            hint: "expected \(expected) at \(location(at)); \(found). Send RFC 8259 JSON."
        )
    }

    private func encoding() -> ValidationError {
        ValidationError(path: "", rule: "encoding", hint: "invalid UTF-8 at \(location(index)); send UTF-8 text")
    }

    private func duplicate(_ name: String) -> ValidationError {
        ValidationError(path: "", rule: "duplicate-member", hint: "member \"\(name)\" appears twice before \(location(index)); send each name once")
    }

    private func location(_ at: Int) -> String {
        var line = 1
        var column = 1
        for i in 0..<at {
            if bytes[i] == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return "byte \(at) (line \(line), column \(column))"
    }

    private func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }
}
