/// The bounds `XMLReader` enforces, so that a hostile or broken document fails fast with one clear
/// issue and memory proportional to what was accepted rather than to what was sent.
///
/// The gateway already caps a whole body (20 MiB by default). These caps stop one oversized text
/// node from being copied at all (the reader gives up after `maxTextBytes` of it), stop a body of
/// `<a><a><a>...` from nesting without end, and stop a body of tiny elements from becoming a
/// million values.
public struct XMLLimits: Sendable, Hashable {
    /// The deepest nesting of elements: 32. Council messages nest five levels at most.
    public var maxDepth: Int
    /// The most elements in one document: 10,000.
    public var maxElements: Int
    /// The most attributes on one element, namespace declarations included: 16.
    public var maxAttributesPerElement: Int
    /// The longest element or attribute name, prefix included, in bytes: 128.
    public var maxNameBytes: Int
    /// The longest text of one element, attribute value or comment, in bytes as sent: 64 KiB.
    /// Council messages carry notes of a few hundred bytes; documents travel by reference.
    public var maxTextBytes: Int

    /// The limits described above.
    public static let standard = XMLLimits(maxDepth: 32, maxElements: 10_000, maxAttributesPerElement: 16, maxNameBytes: 128, maxTextBytes: 65_536)

    /// Creates limits; tests use small ones.
    public init(maxDepth: Int, maxElements: Int, maxAttributesPerElement: Int, maxNameBytes: Int, maxTextBytes: Int) {
        self.maxDepth = maxDepth
        self.maxElements = maxElements
        self.maxAttributesPerElement = maxAttributesPerElement
        self.maxNameBytes = maxNameBytes
        self.maxTextBytes = maxTextBytes
    }
}
