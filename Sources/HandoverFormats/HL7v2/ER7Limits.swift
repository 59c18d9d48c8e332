/// The bounds the ER7 parser enforces, so that a hostile or broken body fails fast with one clear
/// issue and memory proportional to what was accepted rather than to what was sent.
///
/// The gateway already caps a whole body (20 MiB by default); these caps stop one oversized field
/// from being copied at all (the parser gives up after `maxFieldBytes` of it), and stop a body of
/// delimiters alone (`||||...`) from turning into millions of tiny values.
public struct ER7Limits: Sendable, Hashable {
    /// The longest field, in bytes as sent (before escape sequences are decoded): 64 KiB. Prison
    /// healthcare messages carry notes of a few hundred bytes; documents travel by reference.
    public var maxFieldBytes: Int
    /// The most segments in one message: 1,000.
    public var maxSegments: Int
    /// The most fields in one segment: 256 (v2.4's longest segment, PV1, has 52).
    public var maxFieldsPerSegment: Int
    /// The most values (subcomponents) in the whole message: 100,000.
    public var maxValues: Int

    /// The limits described above.
    public static let standard = ER7Limits(maxFieldBytes: 65_536, maxSegments: 1_000, maxFieldsPerSegment: 256, maxValues: 100_000)

    /// Creates limits; tests use small ones.
    public init(maxFieldBytes: Int, maxSegments: Int, maxFieldsPerSegment: Int, maxValues: Int) {
        self.maxFieldBytes = maxFieldBytes
        self.maxSegments = maxSegments
        self.maxFieldsPerSegment = maxFieldsPerSegment
        self.maxValues = maxValues
    }
}
