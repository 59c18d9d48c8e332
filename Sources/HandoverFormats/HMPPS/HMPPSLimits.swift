/// The bounds the HMPPS event decoder enforces, so that a hostile or broken body fails fast with
/// one clear issue and memory proportional to what was accepted rather than to what was sent.
///
/// The gateway already caps a whole body (20 MiB by default). An HMPPS domain event with its
/// care-exchange payload is a few kilobytes, so a body over `maxBytes` is refused before it is
/// parsed at all: a 20 MB field costs one comparison, not a 20 MB string.
public struct HMPPSLimits: Sendable, Hashable {
    /// The largest body, in bytes: 1 MiB, room for a hundred notes of 4 KiB and more.
    public var maxBytes: Int
    /// The deepest nesting of objects and arrays: 16 (the event itself nests at most 7 deep,
    /// `/careExchange/transfer/nextOfKin/0/name/given/0`).
    public var maxDepth: Int
    /// The most items in any array (identifiers, care needs, notes, observations): 100.
    public var maxItems: Int
    /// The most issues reported for one body: 50; past that a partner has a systematic problem
    /// and a longer list helps nobody.
    public var maxIssues: Int

    /// The limits described above.
    public static let standard = HMPPSLimits(maxBytes: 1_048_576, maxDepth: 16, maxItems: 100, maxIssues: 50)

    /// Creates limits; tests use small ones.
    public init(maxBytes: Int, maxDepth: Int, maxItems: Int, maxIssues: Int) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxItems = maxItems
        self.maxIssues = maxIssues
    }
}
