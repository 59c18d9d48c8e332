public import HandoverModel

/// The five characters that structure an ER7 message, read from MSH-1 and MSH-2 of each message
/// rather than assumed, because HL7 lets every sender choose its own.
///
/// They must be printable ASCII, not letters or digits, and all different; otherwise a value could
/// not be told apart from the structure around it. Only the four encoding characters of HL7 v2.4
/// are read: a fifth (the v2.7 truncation character) is refused rather than misread as data.
public struct ER7Delimiters: Sendable, Hashable {
    /// Separates fields (MSH-1), normally `|`.
    public let field: UInt8
    /// Separates components, normally `^`.
    public let component: UInt8
    /// Separates repetitions, normally `~`.
    public let repetition: UInt8
    /// Starts and ends an escape sequence, normally `\`.
    public let escape: UInt8
    /// Separates subcomponents, normally `&`.
    public let subcomponent: UInt8

    /// The delimiters almost every sender uses, `|^~\&`; the encoder writes these.
    public static let standard = ER7Delimiters(uncheckedField: 0x7C, component: 0x5E, repetition: 0x7E, escape: 0x5C, subcomponent: 0x26)

    private init(uncheckedField field: UInt8, component: UInt8, repetition: UInt8, escape: UInt8, subcomponent: UInt8) {
        self.field = field
        self.component = component
        self.repetition = repetition
        self.escape = escape
        self.subcomponent = subcomponent
    }

    /// Validates a field separator and the MSH-2 encoding characters (component, repetition,
    /// escape, subcomponent, in that order); throws `er7-encoding-characters` located at MSH-2.
    public init(field: UInt8, encodingCharacters: [UInt8]) throws(ValidationError) {
        let all = [field] + encodingCharacters
        let usable = all.allSatisfy { byte in
            byte >= 0x21 && byte <= 0x7E && !(byte >= 0x30 && byte <= 0x39) && !(byte >= 0x41 && byte <= 0x5A) && !(byte >= 0x61 && byte <= 0x7A)
        }
        guard encodingCharacters.count == 4, usable, Set(all).count == 5 else {
            throw ValidationError(
                path: "MSH-2",
                rule: "er7-encoding-characters",
                hint: "start the message with MSH followed by five different punctuation characters, normally MSH|^~\\&"
            )
        }
        self.init(
            uncheckedField: field,
            component: encodingCharacters[0],
            repetition: encodingCharacters[1],
            escape: encodingCharacters[2],
            subcomponent: encodingCharacters[3]
        )
    }

    /// MSH-2 as written: component, repetition, escape and subcomponent characters.
    public var encodingCharacters: [UInt8] { [component, repetition, escape, subcomponent] }

    /// Whether `byte` is one of the five delimiters.
    func isDelimiter(_ byte: UInt8) -> Bool {
        byte == field || byte == component || byte == repetition || byte == escape || byte == subcomponent
    }
}
