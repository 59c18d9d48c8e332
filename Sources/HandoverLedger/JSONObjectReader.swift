/// A strict reader for the flat JSON objects of JWS protected headers (RFC 8259, RFC 7515
/// section 4): it returns the members whose values are strings and the names of all others.
///
/// Stricter than a general JSON decoder where a header demands it: the text must be valid
/// UTF-8 JSON holding one object; a member name that appears twice is refused rather than
/// resolved (RFC 7515 section 4 allows either, and refusing closes header-confusion attacks);
/// nesting is limited to ``maximumDepth``. Non-string values are parsed and skipped.
enum JSONObjectReader {
    /// The deepest nesting of arrays and objects accepted inside a header member.
    static let maximumDepth = 16

    /// The object's members: string values by name, and the set of every member name.
    struct Members {
        var strings: [String: String] = [:]
        var names: [String] = []
    }

    /// Parses `bytes` as one JSON object, or returns a reason for refusing it.
    static func read(_ bytes: [UInt8]) -> Result<Members, ReadError> {
        var reader = Cursor(bytes: bytes)
        do throws(ReadError) {
            let members = try reader.object()
            reader.skipSpace()
            guard reader.position == bytes.count else {
                throw ReadError(reason: "text follows the JSON object")
            }
            return .success(members)
        } catch {
            return .failure(error)
        }
    }

    /// Why a text was refused.
    struct ReadError: Error {
        var reason: String
    }

    private struct Cursor {
        let bytes: [UInt8]
        var position = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func skipSpace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func expect(_ symbol: UInt8) throws(ReadError) {
            skipSpace()
            guard position < bytes.count, bytes[position] == symbol else {
                throw ReadError(reason: "expected '\(Character(Unicode.Scalar(symbol)))' at offset \(position)")
            }
            position += 1
        }

        mutating func peek() -> UInt8? {
            skipSpace()
            return position < bytes.count ? bytes[position] : nil
        }

        mutating func object() throws(ReadError) -> Members {
            var members = Members()
            try expect(UInt8(ascii: "{"))
            if peek() == UInt8(ascii: "}") {
                position += 1
                return members
            }
            while true {
                skipSpace()
                let name = try string()
                guard !members.names.contains(name) else {
                    throw ReadError(reason: "member \(name.debugDescription) appears more than once")
                }
                members.names.append(name)
                try expect(UInt8(ascii: ":"))
                if peek() == UInt8(ascii: "\"") {
                    members.strings[name] = try string()
                } else {
                    try skipValue(depth: 1)
                }
                switch peek() {
                case UInt8(ascii: ","): position += 1
                case UInt8(ascii: "}"): position += 1; return members
                default: throw ReadError(reason: "expected ',' or '}' at offset \(position)")
                }
            }
        }

        mutating func string() throws(ReadError) -> String {
            try expect(UInt8(ascii: "\""))
            // The text is gathered as UTF-8 and validated once at the end: an escape always
            // writes a whole, valid sequence, so it can never complete a broken one before it.
            var utf8: [UInt8] = []
            var start = position
            while position < bytes.count {
                let byte = bytes[position]
                switch byte {
                case UInt8(ascii: "\""):
                    utf8.append(contentsOf: bytes[start..<position])
                    position += 1
                    guard let text = String(validating: utf8, as: UTF8.self) else {
                        throw ReadError(reason: "a string is not valid UTF-8")
                    }
                    return text
                case UInt8(ascii: "\\"):
                    utf8.append(contentsOf: bytes[start..<position])
                    position += 1
                    utf8.append(contentsOf: String(try escape()).utf8)
                    start = position
                case 0x00..<0x20:
                    throw ReadError(reason: "a string holds an unescaped control character")
                default:
                    position += 1
                }
            }
            throw ReadError(reason: "a string is not terminated")
        }

        mutating func escape() throws(ReadError) -> Unicode.Scalar {
            guard position < bytes.count else {
                throw ReadError(reason: "an escape is not terminated")
            }
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                let high = try hexQuad()
                if (0xD800..<0xDC00).contains(high) {
                    guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                        bytes[position + 1] == UInt8(ascii: "u")
                    else { throw ReadError(reason: "a lone high surrogate") }
                    position += 2
                    let low = try hexQuad()
                    guard (0xDC00..<0xE000).contains(low),
                        let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                    else { throw ReadError(reason: "an invalid surrogate pair") }
                    return scalar
                }
                guard let scalar = Unicode.Scalar(high) else {
                    throw ReadError(reason: "a lone low surrogate")
                }
                return scalar
            default:
                throw ReadError(reason: "an invalid escape at offset \(position - 1)")
            }
        }

        mutating func hexQuad() throws(ReadError) -> UInt32 {
            guard position + 4 <= bytes.count,
                let value = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16),
                bytes[position..<position + 4].allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit })
            else { throw ReadError(reason: "an invalid \\u escape at offset \(position)") }
            position += 4
            return value
        }

        mutating func skipValue(depth: Int) throws(ReadError) {
            guard depth <= JSONObjectReader.maximumDepth else {
                throw ReadError(reason: "nesting deeper than \(JSONObjectReader.maximumDepth)")
            }
            switch peek() {
            case UInt8(ascii: "\""):
                _ = try string()
            case UInt8(ascii: "{"):
                position += 1
                if peek() == UInt8(ascii: "}") { position += 1; return }
                var seen: Set<String> = []
                repeat {
                    skipSpace()
                    guard seen.insert(try string()).inserted else {
                        throw ReadError(reason: "a nested member appears more than once")
                    }
                    try expect(UInt8(ascii: ":"))
                    try skipValue(depth: depth + 1)
                } while try separator(closing: UInt8(ascii: "}"))
            case UInt8(ascii: "["):
                position += 1
                if peek() == UInt8(ascii: "]") { position += 1; return }
                repeat {
                    try skipValue(depth: depth + 1)
                } while try separator(closing: UInt8(ascii: "]"))
            default:
                try literal()
            }
        }

        /// Consumes `,` (returning true) or `closing` (returning false).
        mutating func separator(closing: UInt8) throws(ReadError) -> Bool {
            switch peek() {
            case UInt8(ascii: ","): position += 1; return true
            case closing: position += 1; return false
            default: throw ReadError(reason: "expected ',' or a closing bracket at offset \(position)")
            }
        }

        /// Consumes `true`, `false`, `null` or an RFC 8259 section 6 number.
        mutating func literal() throws(ReadError) {
            for word in ["true", "false", "null"] where bytes[position...].starts(with: word.utf8) {
                position += word.utf8.count
                return
            }
            let start = position
            func digits(_ cursor: inout Cursor) -> Int {
                let first = cursor.position
                while cursor.position < cursor.bytes.count, (0x30...0x39).contains(cursor.bytes[cursor.position]) {
                    cursor.position += 1
                }
                return cursor.position - first
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
            let integerStart = position
            let integerDigits = digits(&self)
            guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else {
                throw ReadError(reason: "an invalid value at offset \(start)")
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits(&self) > 0 else { throw ReadError(reason: "an invalid number at offset \(start)") }
            }
            if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                    position += 1
                }
                guard digits(&self) > 0 else { throw ReadError(reason: "an invalid number at offset \(start)") }
            }
        }
    }
}
