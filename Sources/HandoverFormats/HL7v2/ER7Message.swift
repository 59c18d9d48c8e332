/// A parsed ER7 (HL7 v2 pipe-and-hat) message: its delimiters and its segments in order, the
/// first always MSH.
///
/// It is a plain value tree with no knowledge of message types, so the same parser and encoder
/// serve every HL7 v2 mapping; the prison healthcare mapping reads and builds it.
public struct ER7Message: Sendable, Hashable {
    /// The delimiters read from MSH-1 and MSH-2 (or to be written there).
    public var delimiters: ER7Delimiters
    /// The segments, MSH first.
    public var segments: [ER7Segment]

    /// Creates a message.
    public init(delimiters: ER7Delimiters = .standard, segments: [ER7Segment]) {
        self.delimiters = delimiters
        self.segments = segments
    }

    /// Every segment named `name`, with its occurrence number (from 1) for error locations.
    public func segments(named name: String) -> [(occurrence: Int, segment: ER7Segment)] {
        var found: [(occurrence: Int, segment: ER7Segment)] = []
        for segment in segments where segment.name == name {
            found.append((found.count + 1, segment))
        }
        return found
    }

    /// The first segment named `name`.
    public func first(_ name: String) -> ER7Segment? {
        segments.first { $0.name == name }
    }
}
