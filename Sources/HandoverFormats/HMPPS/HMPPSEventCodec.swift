public import HandoverModel

/// The `hmpps-json` partner format: HMPPS domain events with a care-exchange block, through
/// `HMPPSEventDecoder` and `HMPPSEventEncoder` (`contracts/formats/hmpps-json/`).
///
/// An event that names no lawful basis relies on the one its type implies: Care Act 2014 s.76
/// (adults in custody: assessment on reception, continuity of care on release), with UK GDPR
/// 6(1)(e) public task and 9(2)(h) health or social care. The sender named in the event must be
/// the authenticated partner's own organisation.
public struct HMPPSEventCodec: PartnerCodec {
    /// The basis a reception or release event implies.
    public static let impliedBasis = LawfulBasis.statutory(
        StatutoryBasis(statute: .careAct2014s76, article6: .publicTask, article9: .healthOrSocialCare)
    )
    /// Where an event names its recipient and the message it answers.
    public static let locations = SubmissionLocations(recipient: "/careExchange/recipient/code", conversation: "/careExchange/correlationId")

    public var format: PartnerFormat { .hmppsJSON }
    public var mediaType: String { "application/json" }
    public var acceptedMediaTypes: Set<String> { ["application/json"] }
    public var malformedRules: Set<String> { ["json-syntax", "encoding", "json-depth", "duplicate-member", "max-size"] }
    /// Size limits for what partners post.
    public var limits: HMPPSLimits

    /// Creates the codec.
    public init(limits: HMPPSLimits = .standard) {
        self.limits = limits
    }

    public func decode(_ body: [UInt8], context: DecodingContext) throws(ValidationError) -> [TranslatedSubmission] {
        [try HMPPSEventDecoder.decode(body, directory: context.directory, sender: context.sender.organisation.identifier, limits: limits).submission]
    }

    public func encode(_ message: OutboundMessage) throws(ValidationError) -> EncodedMessage {
        let output = try HMPPSEventEncoder.encode(message)
        return EncodedMessage(bytes: output.bytes, mediaType: mediaType, dropped: output.dropped)
    }
}
