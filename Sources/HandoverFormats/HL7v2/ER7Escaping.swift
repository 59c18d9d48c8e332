public import HandoverModel

/// ER7 escape sequences (HL7 v2.4 §2.7): how a value containing a delimiter, a line break or any
/// other character that cannot appear raw travels inside a field.
///
/// Decoding (escape character shown as `\`):
/// - `\F\` `\S\` `\T\` `\R\` `\E\` become the field, component, subcomponent, repetition and
///   escape characters;
/// - `\Xhh...\` becomes the bytes given in hexadecimal (pairs of digits, either case), which must
///   leave the whole value valid UTF-8; this is how line breaks and other control characters
///   travel, since they may not appear raw;
/// - `\.br\` (the formatted-text line break) becomes a line feed;
/// - `\H\` and `\N\` (start and end highlighting) are removed: emphasis is presentation, and the
///   canonical model holds plain text;
/// - anything else (`\.sp\`, `\.in\` and the other formatting commands, `\Cxxyy\` and `\Mxxyyzz\`
///   character-set switches, `\Z...\` locally defined escapes) is refused with
///   `er7-escape-unsupported`, because passing it through would put markup into plain text and
///   guessing its meaning could change it; an escape character with no closing partner is refused
///   with `er7-escape-unterminated`.
///
/// Encoding is the exact inverse for every string: the five delimiters become `\F\` `\S\` `\T\`
/// `\R\` `\E\`, and every C0 control character and DEL (including CR and LF) becomes `\Xhh\`, so
/// the encoder's output never contains a raw control byte and decodes back to the same string.
public enum ER7Escaping {
    /// `text` with every delimiter and control character escaped.
    public static func escape(_ text: String, delimiters: ER7Delimiters = .standard) -> String {
        var bytes: [UInt8] = []
        append(text, delimiters: delimiters, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `raw` with its escape sequences decoded; throws the issue located at `location`.
    public static func unescape(_ raw: String, delimiters: ER7Delimiters = .standard, at location: ER7Location) throws(ValidationError) -> String {
        let bytes = Array(raw.utf8)
        let result = bytes.withUnsafeBytes { decode($0, 0..<$0.count, delimiters: delimiters, at: location) }
        switch result {
        case .success(let text): return text
        case .failure(let error): throw error
        }
    }

    /// Appends `text`, escaped, to `bytes`.
    static func append(_ text: String, delimiters: ER7Delimiters, to bytes: inout [UInt8]) {
        // Most values need no escaping and are copied whole. The bytes that must be escaped are all
        // ASCII, so they fit in two 64-bit masks: controls and the delimiters below 0x40, DEL and
        // the delimiters from 0x40.
        var low: UInt64 = 0xFFFF_FFFF
        var high: UInt64 = 1 << (0x7F - 64)
        func mark(_ delimiter: UInt8) {
            if delimiter < 64 { low |= 1 &<< delimiter } else { high |= 1 &<< (delimiter &- 64) }
        }
        mark(delimiters.field)
        mark(delimiters.component)
        mark(delimiters.repetition)
        mark(delimiters.escape)
        mark(delimiters.subcomponent)
        let copied: Bool? = text.utf8.withContiguousStorageIfAvailable { buffer in
            for byte in buffer where byte < 128 {
                let special = byte < 64 ? low &>> byte : high &>> (byte &- 64)
                if special & 1 == 1 { return false }
            }
            bytes.append(contentsOf: buffer)
            return true
        }
        if copied == true { return }
        for byte in text.utf8 {
            let letter: UInt8?
            switch byte {
            case delimiters.field: letter = UInt8(ascii: "F")
            case delimiters.component: letter = UInt8(ascii: "S")
            case delimiters.subcomponent: letter = UInt8(ascii: "T")
            case delimiters.repetition: letter = UInt8(ascii: "R")
            case delimiters.escape: letter = UInt8(ascii: "E")
            default: letter = nil
            }
            if let letter {
                bytes.append(delimiters.escape)
                bytes.append(letter)
                bytes.append(delimiters.escape)
            } else if byte < 0x20 || byte == 0x7F {
                bytes.append(delimiters.escape)
                bytes.append(UInt8(ascii: "X"))
                bytes.append(hexDigit(byte >> 4))
                bytes.append(hexDigit(byte & 0x0F))
                bytes.append(delimiters.escape)
            } else {
                bytes.append(byte)
            }
        }
    }

    /// Why a value's escape sequences or text cannot be read.
    enum Failure: Error {
        case unterminated, unsupported, notUTF8
    }

    /// Decodes the value in `bytes[range]` (one subcomponent, already split on delimiters) and
    /// checks that the result is UTF-8.
    static func decode(
        _ bytes: UnsafeRawBufferPointer,
        _ range: Range<Int>,
        delimiters: ER7Delimiters,
        at location: ER7Location
    ) -> Result<String, ValidationError> {
        guard bytes[range].contains(delimiters.escape) else {
            guard let text = String(validating: bytes[range], as: UTF8.self) else { return .failure(ValidationError([issue(.notUTF8, at: location)])) }
            return .success(text)
        }
        var out: [UInt8] = []
        if let failure = unescape(bytes, range, delimiters: delimiters, into: &out) {
            return .failure(ValidationError([issue(failure, at: location)]))
        }
        guard let text = String(validating: out, as: UTF8.self) else { return .failure(ValidationError([issue(.notUTF8, at: location)])) }
        return .success(text)
    }

    /// Checks the value in `bytes[range]` as `decode` does, without building a string: whether it
    /// decodes to any text at all, or why it cannot be read. `scratch` is reused between values.
    static func check(
        _ bytes: UnsafeRawBufferPointer,
        _ range: Range<Int>,
        delimiters: ER7Delimiters,
        scratch: inout [UInt8]
    ) -> Result<Bool, Failure> {
        var ascii = true
        var escaped = false
        for index in range {
            let byte = bytes[index]
            if byte >= 0x80 { ascii = false }
            if byte == delimiters.escape { escaped = true }
        }
        guard escaped else {
            guard ascii || String(validating: bytes[range], as: UTF8.self) != nil else { return .failure(.notUTF8) }
            return .success(!range.isEmpty)
        }
        scratch.removeAll(keepingCapacity: true)
        if let failure = unescape(bytes, range, delimiters: delimiters, into: &scratch) { return .failure(failure) }
        guard scratch.allSatisfy({ $0 < 0x80 }) || String(validating: scratch, as: UTF8.self) != nil else { return .failure(.notUTF8) }
        return .success(!scratch.isEmpty)
    }

    /// The text of a value that `check` has accepted.
    static func text(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, delimiters: ER7Delimiters) -> String {
        guard bytes[range].contains(delimiters.escape) else { return String(decoding: bytes[range], as: UTF8.self) }
        var out: [UInt8] = []
        _ = unescape(bytes, range, delimiters: delimiters, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the bytes the value in `bytes[range]` stands for to `out`; the failure if an escape
    /// sequence cannot be read (what was appended is then meaningless).
    private static func unescape(
        _ bytes: UnsafeRawBufferPointer,
        _ range: Range<Int>,
        delimiters: ER7Delimiters,
        into out: inout [UInt8]
    ) -> Failure? {
        let escape = delimiters.escape
        out.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            guard byte == escape else {
                out.append(byte)
                index += 1
                continue
            }
            guard let close = bytes[(index + 1)..<range.upperBound].firstIndex(of: escape) else { return .unterminated }
            let sequence = bytes[(index + 1)..<close]
            if sequence.count == 1 {
                switch sequence[sequence.startIndex] {
                case UInt8(ascii: "F"): out.append(delimiters.field)
                case UInt8(ascii: "S"): out.append(delimiters.component)
                case UInt8(ascii: "T"): out.append(delimiters.subcomponent)
                case UInt8(ascii: "R"): out.append(delimiters.repetition)
                case UInt8(ascii: "E"): out.append(escape)
                case UInt8(ascii: "H"), UInt8(ascii: "N"): break
                default: return .unsupported
                }
            } else if sequence.elementsEqual(".br".utf8) {
                out.append(0x0A)
            } else {
                guard sequence.first == UInt8(ascii: "X"), appendHex(sequence.dropFirst(), to: &out) else { return .unsupported }
            }
            index = close + 1
        }
        return nil
    }

    /// The issue for a failure at `location`.
    static func issue(_ failure: Failure, at location: ER7Location) -> ValidationIssue {
        switch failure {
        case .unterminated:
            ValidationIssue(
                path: location.description,
                rule: "er7-escape-unterminated",
                hint: "an escape character starts a sequence that never ends; write a literal escape character as \\E\\"
            )
        case .unsupported:
            ValidationIssue(
                path: location.description,
                rule: "er7-escape-unsupported",
                hint: "use only the escapes \\F\\ \\S\\ \\T\\ \\R\\ \\E\\, \\Xhh\\ (hexadecimal UTF-8), \\.br\\, \\H\\ and \\N\\; send other text as plain UTF-8"
            )
        case .notUTF8:
            ValidationIssue(
                path: location.description,
                rule: "er7-utf8",
                hint: "send the message in UTF-8 (ASCII is a subset); text in Latin-1 or Windows-1252 must be converted first"
            )
        }
    }

    /// Appends the bytes of an even, non-zero number of hexadecimal digits; false if `digits`
    /// are not that.
    private static func appendHex(_ digits: Slice<UnsafeRawBufferPointer>, to out: inout [UInt8]) -> Bool {
        guard !digits.isEmpty, digits.count % 2 == 0 else { return false }
        var high: UInt8?
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            default: return false
            }
            if let first = high {
                out.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return true
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "A") + nibble - 10
    }
}
