import HandoverModel

/// Writes a canonical message as the council adapter message the recipient council downloads (the
/// inverse of `CouncilJSONDecoder`), listing what the format could not carry.
///
/// `messageId` is the gateway's message id, so the council can quote it as the `correlationId`
/// of an answer; the sender's own `senderLocalId` has no place and is listed as dropped.
/// `localAuthority` is the receiving council and `counterparty` the sending organisation, from
/// the registry.
enum CouncilJSONEncoder {
    /// Why canonical values are not written.
    static let reason = "council JSON has no place for it"

    /// The message as council JSON, with what could not be carried.
    /// - Throws: `ValidationError` located by JSON Pointer into the canonical message, when its
    ///   payload is not usable or lacks what the message type needs.
    static func encode(_ message: OutboundMessage) throws(ValidationError) -> (bytes: [UInt8], dropped: [DroppedField]) {
        let envelope = message.envelope
        let members = try JSONParser.payloadMembers(message.payload)
        var writer = CouncilPayloadWriter(reason: reason)
        let council = message.recipientOrganisation
        if council.identifier.scheme != .gss {
            writer.report("/recipient", "council-organisation", "council JSON is delivered to councils registered with a GSS code")
        }
        let details = members.first { $0.0 == "subjectDetails" }?.1
        let content = JSONValue.object(members.filter { $0.0 != "subjectDetails" })
        let payload = writer.object(content, CouncilPayloadSpec.members(of: envelope.kind), at: "/payload")
        var person: JSONValue?
        if let subject = envelope.subject {
            person = CouncilJSONPerson.encode(subject, details: details, council: council.identifier.value, into: &writer)
        } else if let details {
            writer.drop(details, at: "/payload/subjectDetails")
        }
        guard writer.issues.isEmpty, let payload else { throw ValidationError(writer.issues) }

        var wire: [(String, JSONValue)] = [
            ("schemaVersion", .string("1.0")),
            ("messageId", .string(envelope.id.value)),
        ]
        if let conversation = envelope.conversationId { wire.append(("correlationId", .string(conversation.value))) }
        wire.append(("messageType", .string(CouncilMessageType.delivered(envelope.kind))))
        wire.append(("createdAt", .string(Timestamp.format(envelope.createdAt))))
        wire.append(("localAuthority", CouncilJSONParties.encodeLocalAuthority(council)))
        wire.append(("counterparty", CouncilJSONParties.encodeCounterparty(message.senderOrganisation, mailbox: envelope.sender)))
        if let person { wire.append(("person", person)) }
        wire.append(("payload", payload))
        var sharing: [(String, JSONValue)] = []
        if let purpose = envelope.purpose { sharing.append(("purpose", .string(purpose.rawValue))) }
        if let basis = envelope.lawfulBasis { sharing.append(("lawfulBasis", Self.basis(basis))) }
        if !sharing.isEmpty { wire.append(("dataSharing", .object(sharing))) }

        var dropped = writer.dropped
        if envelope.senderLocalId != nil {
            dropped.append(DroppedField(location: "/senderLocalId", reason: "council JSON carries the gateway's message id in messageId"))
        }
        var output = JSONWriter(capacity: message.payload.count + 512)
        output.write(.object(wire))
        return (output.bytes, dropped)
    }

    /// The canonical lawful basis, which council JSON carries unchanged.
    static func basis(_ basis: LawfulBasis) -> JSONValue {
        switch basis {
        case .consent(let id): .object([("consentId", .string(id.value))])
        case .statutory(let basis):
            .object([
                ("statute", .string(basis.statute.rawValue)),
                ("article6", .string(basis.article6.rawValue)),
                ("article9", .string(basis.article9.rawValue)),
            ])
        }
    }
}
