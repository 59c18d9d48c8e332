import HandoverModel

/// The byte-level scanning of `XMLReaderState`: the prologue, character data, references,
/// attribute values, comments, CDATA sections and UTF-8.
extension XMLReaderState {
    /// Checks the byte order mark and reads the XML declaration, if any.
    mutating func prologue() throws(ValidationError) {
        let first = bytes[0]
        let second = bytes.count > 1 ? bytes[1] : 0x20
        if first == 0xFE || first == 0xFF || first == 0x00 || second == 0x00 {
            throw failure("xml-encoding", "send the document in UTF-8; UTF-16 and UTF-32 are not accepted")
        }
        if starts(with: "\u{FEFF}") { index = 3 }
        guard starts(with: "<?xml"), index + 5 < bytes.count, Self.isWhitespace(bytes[index + 5]) else { return }
        index += 5
        // The position in version, encoding, standalone of the last pseudo-attribute read: each
        // must come after the one before, and version first.
        var last = -1
        while true {
            let spaced = skipWhitespace()
            if starts(with: "?>") {
                index += 2
                break
            }
            guard spaced, index < bytes.count, Self.isLetter(bytes[index]) else { throw badDeclaration() }
            let start = index
            while index < bytes.count, Self.isLetter(bytes[index]) { index += 1 }
            let name = start..<index
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { throw badDeclaration() }
            index += 1
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { throw badDeclaration() }
            let quote = bytes[index]
            let valueStart = index + 1
            guard let end = (valueStart..<min(bytes.count, valueStart + 40)).first(where: { bytes[$0] == quote }) else { throw badDeclaration() }
            let value = valueStart..<end
            index = end + 1
            let position = matches(name, "version") ? 0 : matches(name, "encoding") ? 1 : matches(name, "standalone") ? 2 : 3
            guard position < 3, position > last, last >= 0 || position == 0 else {
                throw badDeclaration()
            }
            last = position
            switch position {
            case 0:
                guard matches(value, "1.0") else { throw failure("xml-declaration", "send an XML 1.0 document: <?xml version=\"1.0\" encoding=\"UTF-8\"?>") }
            case 1:
                guard isUTF8Label(value) else { throw failure("xml-encoding", "send the document in UTF-8 and declare encoding=\"UTF-8\" (or leave the encoding out)") }
            default:
                guard matches(value, "yes") || matches(value, "no") else { throw badDeclaration() }
            }
        }
    }

    /// Whether the bytes in `range` are exactly `literal`.
    func matches(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        return literal.withUTF8Buffer { literalBytes in
            var offset = 0
            while offset < literalBytes.count {
                if bytes[range.lowerBound + offset] != literalBytes[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    /// Whether a declared encoding names UTF-8 in any case: ASCII compared byte by byte, anything
    /// else upper-cased as Unicode does it.
    func isUTF8Label(_ range: Range<Int>) -> Bool {
        guard range.allSatisfy({ bytes[$0] < 0x80 }) else { return text(range).uppercased() == "UTF-8" }
        guard range.count == 5, bytes[range.lowerBound + 3] == UInt8(ascii: "-"), bytes[range.lowerBound + 4] == UInt8(ascii: "8") else { return false }
        return bytes[range.lowerBound] | 0x20 == UInt8(ascii: "u") && bytes[range.lowerBound + 1] | 0x20 == UInt8(ascii: "t")
            && bytes[range.lowerBound + 2] | 0x20 == UInt8(ascii: "f")
    }

    func badDeclaration() -> ValidationError {
        failure("xml-declaration", "write the declaration as <?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    }

    /// Refuses a processing instruction; the declaration is read by `prologue` only.
    func processingInstruction() throws(ValidationError) {
        if starts(with: "<?xml"), index + 5 < bytes.count, Self.isWhitespace(bytes[index + 5]) || bytes[index + 5] == UInt8(ascii: "?") {
            throw failure("xml-declaration", "the XML declaration may only start the document, before anything else")
        }
        throw failure("xml-processing-instruction", "remove processing instructions (<?...?>); the format has none")
    }

    /// Reads character data up to the next `<`, into `scratch`.
    mutating func characterData() throws(ValidationError) {
        let budget = limits.maxTextBytes - stack[stack.count - 1].textBytes
        let begin = index
        let limit = index + budget
        var start = index
        var blank = scratchIsBlank
        while index < bytes.count {
            let byte = bytes[index]
            // Printable ASCII that is not markup is most of any text: one test and on.
            if byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "<"), byte != UInt8(ascii: "&"), byte != UInt8(ascii: "]"), index < limit {
                blank = false
                index += 1
                continue
            }
            // Indentation between elements: space, LF and tab keep the text blank.
            if byte == 0x20 || byte == 0x0A || byte == 0x09, index < limit {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "<") { break }
            guard index < limit else { throw textTooLong() }
            if byte == UInt8(ascii: "&") {
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                Self.append(try reference(), to: &scratch)
                blank = false
                start = index
                continue
            }
            if byte == 0x0D {
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                scratch.append(0x0A)
                index += 1
                if index < bytes.count, bytes[index] == 0x0A { index += 1 }
                start = index
                continue
            }
            if byte >= 0x80 {
                index += try utf8Sequence()
                blank = false
                continue
            }
            if byte < 0x20, byte != 0x09, byte != 0x0A { throw illegalCharacter(byte) }
            if byte == UInt8(ascii: "]"), starts(with: "]]>") {
                throw failure("xml-syntax", "write ]]> in text as ]]&gt;")
            }
            if byte != 0x20, byte != 0x0A, byte != 0x09 { blank = false }
            index += 1
        }
        if index > start { scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index])) }
        scratchIsBlank = blank
        stack[stack.count - 1].textBytes += index - begin
    }

    /// Reads a CDATA section into `scratch`.
    mutating func cdata() throws(ValidationError) {
        let budget = limits.maxTextBytes - stack[stack.count - 1].textBytes
        index += 9
        let begin = index
        let limit = index + budget
        var start = index
        while true {
            guard index < bytes.count else { throw truncated() }
            let byte = bytes[index]
            if byte == UInt8(ascii: "]"), starts(with: "]]>") { break }
            guard index < limit else { throw textTooLong() }
            if byte == 0x0D {
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                scratch.append(0x0A)
                index += 1
                if index < bytes.count, bytes[index] == 0x0A { index += 1 }
                start = index
                scratchIsBlank = false
                continue
            }
            if byte >= 0x80 {
                index += try utf8Sequence()
            } else {
                if byte < 0x20, byte != 0x09, byte != 0x0A { throw illegalCharacter(byte) }
                index += 1
            }
        }
        if index > start { scratchIsBlank = false }
        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        stack[stack.count - 1].textBytes += index - begin
        index += 3
    }

    /// Skips a comment, checking its characters; `--` may only end it.
    mutating func comment() throws(ValidationError) {
        index += 4
        let limit = index + limits.maxTextBytes
        while true {
            guard index < bytes.count else { throw truncated() }
            let byte = bytes[index]
            guard index < limit || byte == UInt8(ascii: "-") else { throw textTooLong() }
            if byte == UInt8(ascii: "-"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "-") {
                guard index + 2 < bytes.count else { throw truncated() }
                guard bytes[index + 2] == UInt8(ascii: ">") else { throw failure("xml-syntax", "a comment may not contain -- except at its end -->") }
                index += 3
                return
            }
            if byte >= 0x80 {
                index += try utf8Sequence()
            } else {
                if byte < 0x20, !Self.isWhitespace(byte) { throw illegalCharacter(byte) }
                index += 1
            }
        }
    }

    /// Reads a quoted attribute value: references decoded, tab, LF and CR read as spaces (a CR LF
    /// pair as one), `<` refused.
    mutating func attributeValue() throws(ValidationError) -> String {
        guard index < bytes.count else { throw truncated() }
        let quote = bytes[index]
        guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw failure("xml-syntax", "quote every attribute value with \" or '")
        }
        index += 1
        let limit = index + limits.maxTextBytes
        var value: [UInt8] = []
        var start = index
        while true {
            guard index < bytes.count else { throw truncated() }
            let byte = bytes[index]
            if byte == quote { break }
            guard index < limit else { throw textTooLong() }
            switch byte {
            case UInt8(ascii: "<"):
                throw failure("xml-syntax", "write < in an attribute value as &lt;")
            case UInt8(ascii: "&"):
                value.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                Self.append(try reference(), to: &value)
                start = index
            case 0x09, 0x0A, 0x0D:
                value.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                value.append(0x20)
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                start = index
            case 0x80...:
                index += try utf8Sequence()
            default:
                if byte < 0x20 { throw illegalCharacter(byte) }
                index += 1
            }
        }
        value.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        index += 1
        return String(decoding: value, as: UTF8.self)
    }

    /// Decodes `&...;` at `index`: the five predefined entities or a character reference.
    mutating func reference() throws(ValidationError) -> Unicode.Scalar {
        let start = index + 1
        guard let end = (start..<min(bytes.count, start + 12)).first(where: { bytes[$0] == UInt8(ascii: ";") }) else {
            throw failure("xml-entity", "write & in text as &amp;; a reference is &name; or &#number;")
        }
        index = end + 1
        if bytes[start] == UInt8(ascii: "#") {
            let hex = start + 1 < end && bytes[start + 1] == UInt8(ascii: "x")
            let digits = (hex ? start + 2 : start + 1)..<end
            var scalar: UInt32 = 0
            for position in digits {
                let byte = bytes[position]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw badCharacterReference()
                }
                scalar = scalar * (hex ? 16 : 10) + digit
                guard scalar <= 0x10FFFF else { throw badCharacterReference() }
            }
            guard !digits.isEmpty, Self.isXMLCharacter(scalar), let unicode = Unicode.Scalar(scalar) else { throw badCharacterReference() }
            return unicode
        }
        switch text(start..<end) {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "apos": return "'"
        case "quot": return "\""
        default:
            throw failure("xml-entity", "use only &lt; &gt; &amp; &apos; &quot; and numeric references (&#233;); other entities need a DTD, which is not accepted")
        }
    }

    /// Appends the UTF-8 encoding of `scalar`.
    static func append(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        if scalar.isASCII {
            output.append(UInt8(scalar.value))
        } else {
            UTF8.encode(scalar) { output.append($0) }
        }
    }

    func badCharacterReference() -> ValidationError {
        failure("xml-character-reference", "a character reference must name a character XML 1.0 allows, e.g. &#233; or &#xE9;")
    }

    /// Whether XML 1.0 allows the character (§2.2 Char).
    static func isXMLCharacter(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The length of the valid UTF-8 sequence at `index` (whose first byte is 0x80 or more);
    /// throws `xml-utf8` for an invalid one and `xml-illegal-character` for U+FFFE and U+FFFF.
    func utf8Sequence() throws(ValidationError) -> Int {
        let first = bytes[index]
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        let length: Int
        switch first {
        case 0xC2...0xDF: length = continuation(1) ? 2 : 0
        case 0xE0: length = continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: length = continuation(1) && continuation(2) ? 3 : 0
        case 0xED: length = continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: length = continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: length = continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: length = continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: length = 0
        }
        guard length > 0 else {
            throw failure("xml-utf8", "the document is not valid UTF-8 at byte offset \(index) (line \(line(index))); send it encoded as UTF-8")
        }
        if first == 0xEF, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
            throw failure("xml-illegal-character", "the document holds U+FFFE or U+FFFF at line \(line(index)), which XML does not allow")
        }
        return length
    }

    func illegalCharacter(_ byte: UInt8) -> ValidationError {
        failure("xml-illegal-character", "the document holds the control byte 0x\(String(byte, radix: 16, uppercase: true)) at line \(line(index)), which XML 1.0 does not allow even as a reference; send text only")
    }

    func textTooLong() -> ValidationError {
        failure("xml-text-too-long", "send at most \(limits.maxTextBytes) bytes of text in one element, attribute or comment; send large documents by reference")
    }
}
