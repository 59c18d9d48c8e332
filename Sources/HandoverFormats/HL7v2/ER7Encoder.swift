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
            let fields = segment.fields
            var first = 0
            if segment.name == "MSH" {
                bytes.append(delimiters.field)
                bytes.append(contentsOf: delimiters.encodingCharacters)
                first = min(2, fields.count)
            }
            // Trailing empty parts are found by index rather than removed from copies, so writing
            // allocates nothing but the output.
            var end = fields.count
            while end > first, fields[end - 1].isEmpty { end -= 1 }
            for index in first..<end {
                bytes.append(delimiters.field)
                write(fields[index], delimiters, to: &bytes)
            }
            bytes.append(0x0D)
        }
        return bytes
    }

    private static func write(_ field: ER7Field, _ delimiters: ER7Delimiters, to bytes: inout [UInt8]) {
        let repetitions = field.repetitions
        var repetitionCount = repetitions.count
        while repetitionCount > 0, repetitions[repetitionCount - 1].isEmpty { repetitionCount -= 1 }
        for index in 0..<repetitionCount {
            if index > 0 { bytes.append(delimiters.repetition) }
            let components = repetitions[index].components
            var componentCount = components.count
            while componentCount > 0, components[componentCount - 1].isEmpty { componentCount -= 1 }
            for componentIndex in 0..<componentCount {
                if componentIndex > 0 { bytes.append(delimiters.component) }
                let subcomponents = components[componentIndex].subcomponents
                var subCount = subcomponents.count
                while subCount > 0, subcomponents[subCount - 1].isEmpty { subCount -= 1 }
                for subIndex in 0..<subCount {
                    if subIndex > 0 { bytes.append(delimiters.subcomponent) }
                    ER7Escaping.append(subcomponents[subIndex], delimiters: delimiters, to: &bytes)
                }
            }
        }
    }
}
