public import HandoverModel

/// The `council-xml` partner format: neighbouring councils' XML through `CouncilXMLDecoder` and
/// `CouncilXMLEncoder` (`contracts/formats/council-xml/`).
///
/// The lawful basis travels in `Header/LegalBasis` both ways. On delivery `MessageId` is the
/// gateway's message id, `Created` the acceptance time, `Sender` and `Recipient` the registered
/// organisations (or the gateway mailbox, for a sender without one).
public struct CouncilXMLCodec: PartnerCodec {
    public var format: PartnerFormat { .councilXML }
    public var mediaType: String { "application/xml" }
    public var acceptedMediaTypes: Set<String> { ["application/xml", "text/xml"] }
    public var malformedRules: Set<String> { XMLReader.rules.union(["xml-root"]) }
    /// Size limits for what partners post.
    public var limits: XMLLimits

    /// Creates the codec.
    public init(limits: XMLLimits = .standard) {
        self.limits = limits
    }

    public func decode(_ body: [UInt8], context: DecodingContext) throws(ValidationError) -> [TranslatedSubmission] {
        [try CouncilXMLDecoder.decode(body, directory: context.directory, limits: limits).submission]
    }

    public func encode(_ message: OutboundMessage) throws(ValidationError) -> EncodedMessage {
        let envelope = message.envelope
        let header = CouncilXMLHeader(
            messageId: envelope.id.description,
            created: Timestamp.format(envelope.createdAt),
            sender: message.senderOrganisation.map(Self.authority) ?? CouncilXMLAuthority(element: .mailbox, code: envelope.sender.value, name: envelope.sender.value),
            recipient: Self.authority(message.recipientOrganisation)
        )
        let translated = TranslatedSubmission(
            recipient: envelope.recipient, kind: envelope.kind, conversationId: envelope.conversationId,
            subject: envelope.subject, purpose: envelope.purpose, senderLocalId: envelope.senderLocalId,
            lawfulBasis: envelope.lawfulBasis, payload: message.payload
        )
        let output = try CouncilXMLEncoder.encode(translated, header: header)
        return EncodedMessage(bytes: output.bytes, mediaType: mediaType, dropped: output.dropped)
    }

    static func authority(_ organisation: Organisation) -> CouncilXMLAuthority {
        let element: CouncilXMLAuthority.CodeElement = switch organisation.identifier.scheme {
        case .gss: .gss
        case .ods: .ods
        case .prisonAgency: .prisonAgency
        }
        return CouncilXMLAuthority(element: element, code: organisation.identifier.value, name: organisation.name)
    }
}
