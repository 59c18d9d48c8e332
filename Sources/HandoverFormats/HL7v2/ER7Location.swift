/// Where something is in an ER7 message, written in the notation HL7 implementers already use and
/// that error reports carry as `ValidationIssue.path`:
///
/// `SEG[occurrence]-field[repetition].component.subcomponent`, every number counting from 1.
///
/// - `PID-3[2].1`: the first component of the second repetition of PID-3;
/// - `MSH-9.2`: the second component (trigger event) of MSH-9, in its first repetition;
/// - `OBX[3]-5`: field 5 of the third OBX segment; a segment without `[n]` is the first of its name;
/// - `PID`: the whole segment; the empty string: the whole message.
///
/// The repetition is written whenever an issue concerns one repetition (`PID-3[1].1`); without it
/// a component path means the first repetition, which is the only one for non-repeating fields.
public struct ER7Location: Sendable, Hashable, CustomStringConvertible {
    /// The segment name, e.g. `PID`.
    public var segment: String
    /// Which segment of that name, from 1.
    public var occurrence: Int
    /// The field number (MSH-1 is the field separator itself), or nil for the whole segment.
    public var field: Int?
    /// The repetition, or nil for the whole field or its first repetition.
    public var repetition: Int?
    /// The component, or nil for the whole repetition.
    public var component: Int?
    /// The subcomponent, or nil for the whole component.
    public var subcomponent: Int?

    /// Creates a location.
    public init(
        _ segment: String,
        occurrence: Int = 1,
        field: Int? = nil,
        repetition: Int? = nil,
        component: Int? = nil,
        subcomponent: Int? = nil
    ) {
        self.segment = segment
        self.occurrence = occurrence
        self.field = field
        self.repetition = repetition
        self.component = component
        self.subcomponent = subcomponent
    }

    /// The location in the notation above.
    public var description: String {
        var text = segment
        if occurrence > 1 { text += "[\(occurrence)]" }
        guard let field else { return text }
        text += "-\(field)"
        if let repetition { text += "[\(repetition)]" }
        if let component { text += ".\(component)" }
        if let component, component > 0, let subcomponent { text += ".\(subcomponent)" }
        return text
    }

    /// The same place, narrowed to a repetition, component or subcomponent.
    public func at(repetition: Int? = nil, component: Int? = nil, subcomponent: Int? = nil) -> ER7Location {
        var copy = self
        if let repetition { copy.repetition = repetition }
        if let component { copy.component = component }
        if let subcomponent { copy.subcomponent = subcomponent }
        return copy
    }
}
