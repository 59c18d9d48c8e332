/// A message written in a partner's format, with what the format could not carry.
public struct EncodedMessage: Sendable, Hashable {
    /// The bytes the recipient downloads.
    public var bytes: [UInt8]
    /// Their media type.
    public var mediaType: String
    /// Canonical values the format has no place for, located by JSON Pointer into the canonical
    /// message (`/payload/carePlan`, `/lawfulBasis`).
    public var dropped: [DroppedField]

    /// Creates an encoded message.
    public init(bytes: [UInt8], mediaType: String, dropped: [DroppedField] = []) {
        self.bytes = bytes
        self.mediaType = mediaType
        self.dropped = dropped
    }
}
