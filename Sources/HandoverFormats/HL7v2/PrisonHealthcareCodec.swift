public import HandoverModel

/// The `hl7v2` partner format: prison healthcare ER7 through `PrisonHealthcareDecoder` and
/// `PrisonHealthcareEncoder` (`contracts/formats/hl7v2/`).
///
/// HL7 v2 has no field for the lawful basis of a share, so a decoded referral or transfer carries
/// the basis its message type implies: Care Act 2014 s.76 (adults in custody), with UK GDPR
/// 6(1)(e) public task and 9(2)(h) health or social care. On delivery the canonical basis cannot
/// be written and is listed as dropped.
public struct PrisonHealthcareCodec: PartnerCodec {
    /// The basis a prison healthcare message implies.
    public static let impliedBasis = LawfulBasis.statutory(
        StatutoryBasis(statute: .careAct2014s76, article6: .publicTask, article9: .healthOrSocialCare)
    )
    /// MSH-3 of what the gateway writes.
    public static let sendingApplication = "HANDOVER"

    public var format: PartnerFormat { .hl7v2 }
    public var mediaType: String { "x-application/hl7-v2+er7" }
    public var acceptedMediaTypes: Set<String> { ["x-application/hl7-v2+er7", "application/hl7-v2"] }
    public var malformedRules: Set<String> {
        [
            "er7-empty", "er7-missing-msh", "er7-truncated", "er7-utf8", "er7-control-character", "er7-encoding-characters",
            "er7-mllp-framing", "er7-multiple-messages", "er7-segment-name", "er7-too-many-segments", "er7-too-many-fields",
            "er7-too-many-values", "er7-field-too-long", "er7-escape-unsupported", "er7-escape-unterminated",
        ]
    }
    /// Size limits for what partners post.
    public var limits: ER7Limits

    /// Creates the codec.
    public init(limits: ER7Limits = .standard) {
        self.limits = limits
    }

    public func decode(_ body: [UInt8], context: DecodingContext) throws(ValidationError) -> [TranslatedSubmission] {
        var submission = try PrisonHealthcareDecoder.decode(body, directory: context.directory, limits: limits).submission
        if submission.kind.carriesPersonalData { submission.lawfulBasis = Self.impliedBasis }
        submission.locations = SubmissionLocations(recipient: "MSH-6", conversation: "MSA-2")
        return [submission]
    }

    public func encode(_ message: OutboundMessage) throws(ValidationError) -> EncodedMessage {
        let envelope = message.envelope
        let header = HL7Header(
            sendingApplication: Self.sendingApplication,
            sendingFacility: HL7Facility(
                code: message.senderOrganisation?.identifier.value ?? envelope.sender.value,
                name: message.senderOrganisation?.name ?? envelope.sender.value
            ),
            receivingApplication: envelope.recipient.value.uppercased(),
            receivingFacility: HL7Facility(code: message.recipientOrganisation.identifier.value, name: message.recipientOrganisation.name),
            sentAt: try HL7Timestamp(iso: Timestamp.format(envelope.createdAt), path: "/createdAt"),
            controlId: envelope.id.description
        )
        let translated = TranslatedSubmission(
            recipient: envelope.recipient, kind: envelope.kind, conversationId: envelope.conversationId,
            subject: envelope.subject, purpose: envelope.purpose, senderLocalId: envelope.senderLocalId,
            payload: message.payload
        )
        let output = try PrisonHealthcareEncoder.encode(translated, header: header)
        var dropped = output.dropped
        if let basis = envelope.lawfulBasis, basis != Self.impliedBasis {
            dropped.append(DroppedField(location: "/lawfulBasis", reason: "HL7 v2 has no field for the lawful basis of a share"))
        }
        return EncodedMessage(bytes: output.bytes, mediaType: mediaType, dropped: dropped)
    }
}
