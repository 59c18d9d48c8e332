/// One field the encoder writes: a plain value, the components of one repetition, or several
/// repetitions of components.
enum ER7FieldValue: ExpressibleByStringLiteral {
    case text(String)
    case components([String])
    case repetitions([[String]])

    /// The empty field.
    static let empty = ER7FieldValue.text("")

    init(stringLiteral value: String) {
        self = .text(value)
    }
}

/// A segment the encoder is building, each field escaped into one buffer as it is set, so that a
/// message costs a buffer per segment rather than a tree of arrays per field.
///
/// The bytes are what `ER7Encoder` writes for the same `ER7Segment` with the standard delimiters:
/// trailing empty repetitions, components and subcomponents are left out, and so are trailing
/// empty fields when the segment is written.
struct ER7SegmentWriter {
    let name: String
    private var bytes: [UInt8] = []
    /// Where each field's bytes are in `bytes`, field 1 first; an empty range is an empty field.
    private var spans: [Range<Int>] = []

    init(_ name: String) {
        self.name = name
        // Room for a typical segment, so that setting its fields rarely grows the buffers.
        bytes.reserveCapacity(128)
        spans.reserveCapacity(16)
    }

    /// Sets field `number` (from 1); a field set twice keeps the second value.
    subscript(number: Int) -> ER7FieldValue {
        get { .empty }
        set {
            guard number >= 1 else { return }
            while spans.count < number { spans.append(0..<0) }
            let start = bytes.count
            let delimiters = ER7Delimiters.standard
            switch newValue {
            case .text(let text):
                ER7Escaping.append(text, delimiters: delimiters, to: &bytes)
            case .components(let components):
                Self.append(components, to: &bytes)
            case .repetitions(let repetitions):
                var end = repetitions.count
                while end > 0, repetitions[end - 1].allSatisfy(\.isEmpty) { end -= 1 }
                for index in 0..<end {
                    if index > 0 { bytes.append(delimiters.repetition) }
                    Self.append(repetitions[index], to: &bytes)
                }
            }
            spans[number - 1] = start..<bytes.count
        }
    }

    /// Appends one repetition's components, escaped, without the trailing empty ones.
    private static func append(_ components: [String], to bytes: inout [UInt8]) {
        var end = components.count
        while end > 0, components[end - 1].isEmpty { end -= 1 }
        for index in 0..<end {
            if index > 0 { bytes.append(ER7Delimiters.standard.component) }
            ER7Escaping.append(components[index], delimiters: .standard, to: &bytes)
        }
    }

    /// The segments as ER7 bytes, each ended by CR, MSH-1 and MSH-2 written from the standard
    /// delimiters.
    static func encode(_ segments: [ER7SegmentWriter]) -> [UInt8] {
        let delimiters = ER7Delimiters.standard
        var out: [UInt8] = []
        out.reserveCapacity(segments.reduce(0) { $0 + $1.bytes.count + $1.spans.count + 4 } + 8)
        for segment in segments {
            out.append(contentsOf: segment.name.utf8)
            var first = 0
            if segment.name == "MSH" {
                out.append(delimiters.field)
                out.append(contentsOf: delimiters.encodingCharacters)
                first = min(2, segment.spans.count)
            }
            var end = segment.spans.count
            while end > first, segment.spans[end - 1].isEmpty { end -= 1 }
            for index in first..<end {
                out.append(delimiters.field)
                out.append(contentsOf: segment.bytes[segment.spans[index]])
            }
            out.append(0x0D)
        }
        return out
    }
}
