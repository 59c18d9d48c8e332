/// Size limits for FHIR bodies partners post, so that no body can cost unbounded time or memory.
///
/// The body limit is checked before parsing, so a 20 MB message (or one 20 MB string) is refused
/// at the cost of reading its length; ITK3 recommends 5 MB as the largest message (response code
/// 20015). Mapped text is further limited to the canonical lengths (4096 bytes, 200 for names).
public struct FHIRLimits: Sendable, Hashable {
    /// The largest body, in bytes.
    public var maxBodyBytes: Int
    /// The deepest nesting of JSON objects and arrays.
    public var maxDepth: Int
    /// The most entries in the Bundle.
    public var maxEntries: Int
    /// The most issues reported for one body; past this the rest are not worth a partner's reading.
    public var maxIssues: Int

    /// Creates limits.
    public init(maxBodyBytes: Int, maxDepth: Int, maxEntries: Int, maxIssues: Int = 50) {
        self.maxBodyBytes = maxBodyBytes
        self.maxDepth = maxDepth
        self.maxEntries = maxEntries
        self.maxIssues = maxIssues
    }

    /// 5 MiB bodies, nesting 32 deep, 200 entries.
    public static let standard = FHIRLimits(maxBodyBytes: 5 * 1024 * 1024, maxDepth: 32, maxEntries: 200)
}
