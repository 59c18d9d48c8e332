/// The bounds council JSON decoding enforces, so that a hostile or broken body fails fast with one
/// clear issue and memory proportional to what was accepted.
///
/// Text members have their own limits (`CouncilPayloadSpec`: 128 bytes for references, 200 for
/// names, 4,096 for free text), checked after parsing; these caps stop an oversized body from
/// being parsed at all, and deep nesting from reaching the stack.
public struct CouncilJSONLimits: Sendable, Hashable {
    /// The largest body: 1 MiB. A council message is a few kilobytes; care plans and documents
    /// travel by reference, not inside the message.
    public var maxBodyBytes: Int
    /// The deepest nesting of objects and arrays: 16 (the format's deepest member, a next of kin's
    /// address line, is at depth 6).
    public var maxDepth: Int

    /// The limits described above.
    public static let standard = CouncilJSONLimits(maxBodyBytes: 1_048_576, maxDepth: 16)

    /// Creates limits; tests use small ones.
    public init(maxBodyBytes: Int, maxDepth: Int) {
        self.maxBodyBytes = maxBodyBytes
        self.maxDepth = maxDepth
    }
}
