/// One segment: a three-character name and its fields, numbered from 1 as HL7 numbers them.
///
/// For MSH, field 1 is the field separator and field 2 the encoding characters, both held as plain
/// values, so that `MSH-9` is `segment[9]` exactly as in the standard; the encoder writes those two
/// from the message's delimiters, never from these values.
public struct ER7Segment: Sendable, Hashable {
    /// The segment name, e.g. `PID`: an upper-case letter and two upper-case letters or digits.
    public var name: String
    /// The fields; `fields[0]` is field 1.
    public var fields: [ER7Field]

    /// Creates a segment.
    public init(_ name: String, fields: [ER7Field] = []) {
        self.name = name
        self.fields = fields
    }

    /// Field `number` (from 1); reading past the end gives an empty field and writing past it
    /// adds empty fields before it.
    public subscript(number: Int) -> ER7Field {
        get { number >= 1 && number <= fields.count ? fields[number - 1] : .empty }
        set {
            guard number >= 1 else { return }
            while fields.count < number { fields.append(.empty) }
            fields[number - 1] = newValue
        }
    }
}
