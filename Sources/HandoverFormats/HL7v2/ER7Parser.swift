public import HandoverModel

/// Reads ER7 bytes into an `ER7Message`, refusing anything it cannot read with certainty.
///
/// - Delimiters come from MSH-1 and MSH-2 of the message itself (`ER7Delimiters`).
/// - Segments end with CR, as HL7 requires; LF and CR LF are accepted too, because messages that
///   passed through files, e-mail or Windows tools arrive that way. Empty lines between segments
///   and after the last one are skipped, and the last segment need not be terminated.
/// - The body must be UTF-8 (ASCII is a subset; MSH-18 may be empty, `ASCII` or `UNICODE UTF-8`)
///   and must not contain NUL or any other control byte except CR and LF. MLLP framing bytes
///   (0x0B ... 0x1C 0x0D) belong to the transport and are refused with a hint to strip them.
/// - One message per body: a second MSH (a batch) is refused.
/// - `ER7Limits` bound field size, segments, fields per segment and values. A field over the
///   limit is refused as soon as the limit is passed, without copying it, so a 20 MB field costs
///   a 64 KiB scan and no allocation.
///
/// Problems that leave the rest readable (a bad escape sequence, text that is not UTF-8, a
/// malformed segment name) are collected, up to `maxIssues`, so the sender sees them together;
/// problems that make the rest unreadable (no MSH, bad delimiters, a control byte, a limit) stop
/// the parse at once.
public enum ER7Parser {
    /// The most issues reported for one message; past this the report says little more.
    public static let maxIssues = 50

    /// Parses one message from `bytes`.
    public static func parse(_ bytes: [UInt8], limits: ER7Limits = .standard) throws(ValidationError) -> ER7Message {
        try document(bytes, limits: limits).message
    }

    /// Parses one message from `bytes`.
    /// - Throws: `ValidationError` whose paths use the `ER7Location` notation.
    public static func parse(_ bytes: UnsafeRawBufferPointer, limits: ER7Limits = .standard) throws(ValidationError) -> ER7Message {
        try parse(Array(bytes), limits: limits)
    }

    /// Checks one message exactly as `parse` does and keeps it as byte ranges, which the decoder
    /// reads without building the tree.
    static func document(_ bytes: [UInt8], limits: ER7Limits = .standard) throws(ValidationError) -> ER7Document {
        let outcome = bytes.withUnsafeBytes { buffer -> Result<ER7Document, ValidationError> in
            var state = State(bytes: buffer, limits: limits)
            do throws(ValidationError) {
                try state.run()
            } catch {
                return .failure(error)
            }
            return .success(ER7Document(bytes: bytes, delimiters: state.delimiters, segments: state.segments, fields: state.fields))
        }
        return try outcome.get()
    }

    private struct State {
        let bytes: UnsafeRawBufferPointer
        let limits: ER7Limits
        var delimiters = ER7Delimiters.standard
        var segments: [ER7Document.Segment] = []
        var fields: [ER7Document.Field] = []
        var issues: [ValidationIssue] = []
        var values = 0
        /// Decoded bytes of the value being checked, reused so that checking allocates nothing.
        var scratch: [UInt8] = []

        init(bytes: UnsafeRawBufferPointer, limits: ER7Limits) {
            self.bytes = bytes
            self.limits = limits
            segments.reserveCapacity(16)
            fields.reserveCapacity(128)
        }

        mutating func run() throws(ValidationError) {
            try readHeader()
            var start = 0
            var number = 0
            while start < bytes.count {
                let byte = bytes[start]
                if byte == 0x0D || byte == 0x0A {
                    start += 1
                    continue
                }
                number += 1
                guard number <= limits.maxSegments else {
                    throw ValidationError(
                        path: "",
                        rule: "er7-too-many-segments",
                        hint: "send at most \(limits.maxSegments) segments in one message"
                    )
                }
                start = try readSegment(from: start, number: number)
                if issues.count >= maxIssues { break }
            }
            if !issues.isEmpty { throw ValidationError(issues) }
        }

        /// Checks the start of the message and reads the delimiters from MSH-1 and MSH-2.
        mutating func readHeader() throws(ValidationError) {
            guard !bytes.isEmpty else {
                throw ValidationError(path: "", rule: "er7-empty", hint: "send one HL7 v2 message starting with an MSH segment")
            }
            if bytes[0] == 0x0B {
                throw ValidationError(
                    path: "",
                    rule: "er7-mllp-framing",
                    hint: "send the message without MLLP framing (the 0x0B start and 0x1C 0x0D end bytes belong to TCP transport)"
                )
            }
            guard bytes.count >= 3, bytes[0] == UInt8(ascii: "M"), bytes[1] == UInt8(ascii: "S"), bytes[2] == UInt8(ascii: "H") else {
                throw ValidationError(path: "", rule: "er7-missing-msh", hint: "start the message with its MSH segment, e.g. MSH|^~\\&|...")
            }
            guard bytes.count >= 8 else {
                throw ValidationError(path: "MSH", rule: "er7-truncated", hint: "the message ends inside MSH; send the whole message")
            }
            let encoding = (4..<min(8, bytes.count)).map { bytes[$0] }
            delimiters = try ER7Delimiters(field: bytes[3], encodingCharacters: encoding)
            if bytes.count > 8, bytes[8] != delimiters.field, bytes[8] != 0x0D, bytes[8] != 0x0A {
                throw ValidationError(
                    path: "MSH-2",
                    rule: "er7-encoding-characters",
                    hint: "send exactly four encoding characters in MSH-2 (component, repetition, escape, subcomponent), normally ^~\\&"
                )
            }
        }

        /// Reads the segment starting at `start` and returns where the next one starts.
        mutating func readSegment(from start: Int, number: Int) throws(ValidationError) -> Int {
            var index = start
            // Find the name: up to the first field separator or the end of the segment.
            while index < bytes.count, bytes[index] != delimiters.field, bytes[index] != 0x0D, bytes[index] != 0x0A {
                try checkByte(at: index)
                index += 1
            }
            guard Self.isSegmentName(bytes, start..<index) else {
                report(ValidationIssue(
                    path: "",
                    rule: "er7-segment-name",
                    hint: "segment \(number) does not start with a segment name (an upper-case letter and two upper-case letters or digits, e.g. PID); check that segments are separated by CR"
                ))
                var end = index
                while end < bytes.count, bytes[end] != 0x0D, bytes[end] != 0x0A {
                    try checkByte(at: end)
                    end += 1
                }
                return end
            }
            let code = UInt32(bytes[start]) << 16 | UInt32(bytes[start + 1]) << 8 | UInt32(bytes[start + 2])
            let name = String(decoding: bytes[start..<index], as: UTF8.self)
            // Segments of one name are usually next to each other, so the last one is found quickly.
            let occurrence = (segments.last { $0.code == code }?.occurrence ?? 0) + 1
            var segment = ER7Document.Segment(name: name, code: code, occurrence: occurrence, firstField: fields.count, fieldCount: 0)
            if code == Self.msh {
                guard number == 1 else {
                    throw ValidationError(
                        path: ER7Location("MSH", occurrence: occurrence).description,
                        rule: "er7-multiple-messages",
                        hint: "send one message per request; batches of several MSH segments are not accepted"
                    )
                }
                fields.append(ER7Document.Field(start: start + 3, end: start + 4, hasText: true, literal: true))
                fields.append(ER7Document.Field(start: start + 4, end: start + 8, hasText: true, literal: true))
                segment.fieldCount = 2
                index = start + 8
            } else if number == 1 {
                throw ValidationError(path: "", rule: "er7-missing-msh", hint: "start the message with its MSH segment, e.g. MSH|^~\\&|...")
            }
            // Fields: each starts after a field separator and runs to the next one or the end of the segment.
            while index < bytes.count, bytes[index] == delimiters.field {
                let fieldStart = index + 1
                var fieldEnd = fieldStart
                let fieldNumber = segment.fieldCount + 1
                while fieldEnd < bytes.count {
                    let byte = bytes[fieldEnd]
                    if byte == delimiters.field || byte == 0x0D || byte == 0x0A { break }
                    if byte < 0x20 || byte == 0x7F { try checkByte(at: fieldEnd) }
                    fieldEnd += 1
                    if fieldEnd - fieldStart > limits.maxFieldBytes {
                        throw ValidationError(
                            path: ER7Location(name, occurrence: occurrence, field: fieldNumber).description,
                            rule: "er7-field-too-long",
                            hint: "send at most \(limits.maxFieldBytes) bytes in one field; send large documents by reference, not inline"
                        )
                    }
                }
                guard fieldNumber <= limits.maxFieldsPerSegment else {
                    throw ValidationError(
                        path: ER7Location(name, occurrence: occurrence, field: fieldNumber).description,
                        rule: "er7-too-many-fields",
                        hint: "send at most \(limits.maxFieldsPerSegment) fields in one segment"
                    )
                }
                let hasText = try checkField(fieldStart..<fieldEnd) { ER7Location(name, occurrence: occurrence, field: fieldNumber) }
                fields.append(ER7Document.Field(start: fieldStart, end: fieldEnd, hasText: hasText, literal: false))
                segment.fieldCount = fieldNumber
                index = fieldEnd
            }
            segments.append(segment)
            return index
        }

        /// Checks every value of a field (repetitions, components, subcomponents in order), counting
        /// it against `maxValues` and reporting any that cannot be decoded; whether any value holds
        /// text. `location` is the field's, built only for an issue.
        mutating func checkField(_ range: Range<Int>, location: () -> ER7Location) throws(ValidationError) -> Bool {
            guard !range.isEmpty else { return false }
            var repetition = 1
            var component = 1
            var subcomponent = 1
            var hasText = false
            var start = range.lowerBound
            var index = range.lowerBound
            while true {
                let atEnd = index == range.upperBound
                let byte = atEnd ? 0 : bytes[index]
                if atEnd || byte == delimiters.repetition || byte == delimiters.component || byte == delimiters.subcomponent {
                    values += 1
                    guard values <= limits.maxValues else {
                        throw ValidationError(
                            path: location().description,
                            rule: "er7-too-many-values",
                            hint: "send at most \(limits.maxValues) values (subcomponents) in one message"
                        )
                    }
                    switch ER7Escaping.check(bytes, start..<index, delimiters: delimiters, scratch: &scratch) {
                    case .success(let text): hasText = hasText || text
                    case .failure(let failure):
                        report(ER7Escaping.issue(failure, at: location().at(repetition: repetition, component: component, subcomponent: subcomponent)))
                    }
                    if atEnd { return hasText }
                    if byte == delimiters.repetition {
                        repetition += 1
                        component = 1
                        subcomponent = 1
                    } else if byte == delimiters.component {
                        component += 1
                        subcomponent = 1
                    } else {
                        subcomponent += 1
                    }
                    start = index + 1
                }
                index += 1
            }
        }

        /// Refuses NUL and the other control bytes (CR and LF end segments and never get here).
        func checkByte(at index: Int) throws(ValidationError) {
            let byte = bytes[index]
            guard byte < 0x20 || byte == 0x7F else { return }
            if byte == 0x1C || byte == 0x0B {
                throw ValidationError(
                    path: "",
                    rule: "er7-mllp-framing",
                    hint: "send the message without MLLP framing (the 0x0B start and 0x1C 0x0D end bytes belong to TCP transport)"
                )
            }
            throw ValidationError(
                path: "",
                rule: "er7-control-character",
                hint: "the body holds a control byte (0x\(String(byte, radix: 16, uppercase: true))) at byte offset \(index); send text only, escaping line breaks and tabs as \\X0A\\ or \\X09\\"
            )
        }

        mutating func report(_ issue: ValidationIssue) {
            if issues.count < maxIssues { issues.append(issue) }
        }

        static let msh = UInt32(UInt8(ascii: "M")) << 16 | UInt32(UInt8(ascii: "S")) << 8 | UInt32(UInt8(ascii: "H"))

        static func isSegmentName(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
            guard range.count == 3 else { return false }
            let upper = { (byte: UInt8) in byte >= 0x41 && byte <= 0x5A }
            let digit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
            let first = range.lowerBound
            return upper(bytes[first]) && (upper(bytes[first + 1]) || digit(bytes[first + 1])) && (upper(bytes[first + 2]) || digit(bytes[first + 2]))
        }
    }
}
