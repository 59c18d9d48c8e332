public import HandoverModel

/// The `fhir-r4` partner format: FHIR R4 message Bundles for ICBs and NHS trusts, through
/// `FHIRMessageDecoder` and `FHIRMessageEncoder` (`contracts/formats/fhir-r4/`).
///
/// The lawful basis travels in the MessageHeader's sharing extension both ways; a message that
/// carries none gets none (the gateway's policy decides whether it may be shared).
public struct FHIRMessagingCodec: PartnerCodec {
    public var format: PartnerFormat { .fhirR4 }
    public var mediaType: String { "application/fhir+json" }
    public var acceptedMediaTypes: Set<String> { ["application/fhir+json", "application/json"] }
    public var malformedRules: Set<String> {
        ["json-syntax", "encoding", "json-depth", "duplicate-member", "fhir-empty", "fhir-too-large", "fhir-not-a-bundle"]
    }
    /// Size limits for what partners post.
    public var limits: FHIRLimits

    /// Creates the codec.
    public init(limits: FHIRLimits = .standard) {
        self.limits = limits
    }

    public func decode(_ body: [UInt8], context: DecodingContext) throws(ValidationError) -> [TranslatedSubmission] {
        [try FHIRMessageDecoder.decode(body, sender: context.sender, directory: context.directory, limits: limits)]
    }

    public func encode(_ message: OutboundMessage) throws(ValidationError) -> EncodedMessage {
        let output = try FHIRMessageEncoder.encode(message)
        return EncodedMessage(bytes: output.bytes, mediaType: mediaType, dropped: output.dropped)
    }
}
