public import HandoverModel

/// The `council-json` partner format: the council case-system adapter message
/// (`contracts/formats/council-json/`), read by `CouncilJSONDecoder` and written by
/// `CouncilJSONEncoder`.
///
/// The format carries the lawful basis of a share in `dataSharing.lawfulBasis`, so nothing is
/// implied: a message without one is decoded without one, and the gateway's policy decides.
public struct CouncilJSONCodec: PartnerCodec {
    public var format: PartnerFormat { .councilJSON }
    public var mediaType: String { "application/json" }
    public var acceptedMediaTypes: Set<String> { ["application/json"] }
    public var malformedRules: Set<String> { ["json-syntax", "encoding", "json-depth", "duplicate-member", "max-size"] }
    /// Size and nesting limits for what councils post.
    public var limits: CouncilJSONLimits

    /// Creates the codec.
    public init(limits: CouncilJSONLimits = .standard) {
        self.limits = limits
    }

    public func decode(_ body: [UInt8], context: DecodingContext) throws(ValidationError) -> [TranslatedSubmission] {
        [try CouncilJSONDecoder.decode(body, context: context, limits: limits)]
    }

    public func encode(_ message: OutboundMessage) throws(ValidationError) -> EncodedMessage {
        let output = try CouncilJSONEncoder.encode(message)
        return EncodedMessage(bytes: output.bytes, mediaType: mediaType, dropped: output.dropped)
    }
}
