/// Writes an `ER7Message` as ER7 bytes: CR after every segment (including the last), MSH-1 and
/// MSH-2 from the message's delimiters, every value escaped (`ER7Escaping`).
///
/// Trailing empty fields, repetitions, components and subcomponents are left out, as HL7 asks, so
/// the output is the shortest form and the same message always gives the same bytes, which the
/// golden tests compare byte for byte.
public enum ER7Encoder {
    /// The message as ER7 bytes.
    public static func encode(_ message: ER7Message) -> [UInt8] {
        let delimiters = message.delimiters
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        for segment in message.segments {
            bytes.append(contentsOf: segment.name.utf8)
            var fields = segment.fields
            if segment.name == "MSH" {
                bytes.append(delimiters.field)
                bytes.append(contentsOf: delimiters.encodingCharacters)
                fields = Array(fields.dropFirst(2))
            }
            while let last = fields.last, last.isEmpty { fields.removeLast() }
            for field in fields {
                bytes.append(delimiters.field)
                write(field, delimiters, to: &bytes)
            }
            bytes.append(0x0D)
        }
        return bytes
    }

    private static func write(_ field: ER7Field, _ delimiters: ER7Delimiters, to bytes: inout [UInt8]) {
        var repetitions = field.repetitions
        while let last = repetitions.last, last.isEmpty { repetitions.removeLast() }
        for (index, repetition) in repetitions.enumerated() {
            if index > 0 { bytes.append(delimiters.repetition) }
            var components = repetition.components
            while let last = components.last, last.isEmpty { components.removeLast() }
            for (componentIndex, component) in components.enumerated() {
                if componentIndex > 0 { bytes.append(delimiters.component) }
                var subcomponents = component.subcomponents
                while let last = subcomponents.last, last.isEmpty { subcomponents.removeLast() }
                for (subIndex, value) in subcomponents.enumerated() {
                    if subIndex > 0 { bytes.append(delimiters.subcomponent) }
                    ER7Escaping.append(value, delimiters: delimiters, to: &bytes)
                }
            }
        }
    }
}
