/// A checked ER7 message held as its bytes and the byte ranges of its segments and fields, which
/// the decoder reads values out of directly.
///
/// `ER7Parser` checks every value when it builds one (escape sequences, UTF-8, limits), so reading
/// cannot fail; a value becomes a `String` only when a mapping asks for it, and locations such as
/// `PID-3[1].1` are written out only for an issue. `message` gives the same content as the
/// `ER7Message` tree.
struct ER7Document: Sendable {
    /// One segment: its name, which of that name it is, and where its fields are in `fields`.
    struct Segment: Sendable {
        let name: String
        /// The name's three bytes, for comparing without strings.
        let code: UInt32
        let occurrence: Int
        let firstField: Int
        var fieldCount: Int
    }

    /// One field as sent: its bytes, whether any of its values decodes to text, and whether it is
    /// MSH-1 or MSH-2, which hold delimiters and are read as one plain value.
    struct Field: Sendable {
        let start: Int
        let end: Int
        let hasText: Bool
        let literal: Bool
    }

    let bytes: [UInt8]
    let delimiters: ER7Delimiters
    let segments: [Segment]
    let fields: [Field]

    /// The three bytes of a segment name as one number; names that are not three bytes long get
    /// a number no segment has.
    static func code(_ name: String) -> UInt32 {
        // Read through the string's own storage: stepping through a UTF-8 view costs more than
        // the lookup it serves.
        let code: UInt32? = name.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.count == 3 else { return .max }
            return UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])
        }
        if let code { return code }
        let bytes = Array(name.utf8)
        guard bytes.count == 3 else { return .max }
        return UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])
    }

    /// The index in `segments` of the segment `name`, `occurrence` (from 1).
    func segment(_ name: String, occurrence: Int) -> Int? {
        let code = Self.code(name)
        return segments.firstIndex { $0.code == code && $0.occurrence == occurrence }
    }

    /// The index in `fields` of field `number` (from 1) of segment `segment`, nil past its end.
    func field(segment: Int, number: Int) -> Int? {
        let found = segments[segment]
        guard number >= 1, number <= found.fieldCount else { return nil }
        return found.firstField + number - 1
    }

    /// How many segments are named `name`.
    func count(of name: String) -> Int {
        let code = Self.code(name)
        return segments.reduce(0) { $0 + ($1.code == code ? 1 : 0) }
    }

    /// The value at a repetition, component and subcomponent (from 1) of field `index`, or ""
    /// when absent, as `ER7Field.text` gives it.
    func text(field index: Int, repetition: Int, component: Int, subcomponent: Int) -> String {
        let field = fields[index]
        if field.literal {
            guard repetition == 1, component == 1, subcomponent == 1 else { return "" }
            return String(decoding: bytes[field.start..<field.end], as: UTF8.self)
        }
        guard field.start < field.end, repetition >= 1, component >= 1, subcomponent >= 1 else { return "" }
        return bytes.withUnsafeBytes { buffer in
            guard let range = Self.value(in: buffer, field.start..<field.end, delimiters, repetition, component, subcomponent) else { return "" }
            return ER7Escaping.text(buffer, range, delimiters: delimiters)
        }
    }

    /// How many repetitions field `index` has (none when it is empty).
    func repetitionCount(field index: Int) -> Int {
        let field = fields[index]
        guard field.start < field.end else { return 0 }
        guard !field.literal else { return 1 }
        var count = 1
        for position in field.start..<field.end where bytes[position] == delimiters.repetition { count += 1 }
        return count
    }

    /// The byte range of one value in a field's bytes `range`, or nil when the field has no such value.
    private static func value(
        in bytes: UnsafeRawBufferPointer,
        _ range: Range<Int>,
        _ delimiters: ER7Delimiters,
        _ repetition: Int,
        _ component: Int,
        _ subcomponent: Int
    ) -> Range<Int>? {
        var here = (repetition: 1, component: 1, subcomponent: 1)
        var start = range.lowerBound
        var index = range.lowerBound
        while true {
            let atEnd = index == range.upperBound
            let byte = atEnd ? 0 : bytes[index]
            if atEnd || byte == delimiters.repetition || byte == delimiters.component || byte == delimiters.subcomponent {
                if here == (repetition, component, subcomponent) { return start..<index }
                if atEnd { return nil }
                if byte == delimiters.repetition {
                    here = (here.repetition + 1, 1, 1)
                } else if byte == delimiters.component {
                    here = (here.repetition, here.component + 1, 1)
                } else {
                    here.subcomponent += 1
                }
                // Values come in order, so once past the one asked for it is not there.
                if here.repetition > repetition || (here.repetition == repetition && here.component > component) { return nil }
                start = index + 1
            }
            index += 1
        }
    }

    /// The message as an `ER7Message` tree.
    var message: ER7Message {
        ER7Message(delimiters: delimiters, segments: segments.map { segment in
            ER7Segment(segment.name, fields: (0..<segment.fieldCount).map { tree(field: segment.firstField + $0) })
        })
    }

    private func tree(field index: Int) -> ER7Field {
        let field = fields[index]
        if field.literal { return ER7Field(String(decoding: bytes[field.start..<field.end], as: UTF8.self)) }
        guard field.start < field.end else { return .empty }
        return bytes.withUnsafeBytes { buffer in
            var repetitions: [ER7Repetition] = []
            for repetition in Self.split(buffer, field.start..<field.end, on: delimiters.repetition) {
                var components: [ER7Component] = []
                for component in Self.split(buffer, repetition, on: delimiters.component) {
                    let subcomponents = Self.split(buffer, component, on: delimiters.subcomponent).map {
                        ER7Escaping.text(buffer, $0, delimiters: delimiters)
                    }
                    components.append(ER7Component(subcomponents: subcomponents))
                }
                repetitions.append(ER7Repetition(components: components))
            }
            return ER7Field(repetitions: repetitions)
        }
    }

    /// The ranges between occurrences of `separator` in `range`.
    private static func split(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, on separator: UInt8) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        for index in range where bytes[index] == separator {
            parts.append(start..<index)
            start = index + 1
        }
        parts.append(start..<range.upperBound)
        return parts
    }
}
