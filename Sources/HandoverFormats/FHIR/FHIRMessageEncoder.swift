public import HandoverModel

/// Encodes a canonical message as a FHIR R4 message Bundle for an ICB or NHS trust (the inverse
/// of `FHIRMessageDecoder`), producing what `fhir.resources` (R4 4.0.1) accepts.
///
/// The MessageHeader's id is the gateway's message id, which a reply quotes back in
/// `response.identifier`; every other entry has a name-based fullUrl under that id, so the same
/// message is always written byte for byte the same. The sender's own reference travels as
/// `Bundle.identifier` (project sender-local-id system). Everything the Bundle has no place for is
/// listed in `dropped` by JSON Pointer; nothing is dropped silently.
public enum FHIRMessageEncoder {
    /// What the encoder wrote and what it could not carry.
    public struct Output: Sendable, Hashable {
        /// The Bundle as compact JSON.
        public var bytes: [UInt8]
        /// Canonical values with no place in the Bundle.
        public var dropped: [DroppedField]
    }

    /// Encodes `message`.
    /// - Throws: `ValidationError` with JSON Pointers into the canonical message (`/kind`,
    ///   `/payload/funding/icbPence`).
    public static func encode(_ message: OutboundMessage) throws(ValidationError) -> Output {
        let envelope = message.envelope
        guard let event = FHIRCodes.events.first(where: { $0.kind == envelope.kind }) else {
            throw ValidationError(path: "/kind", rule: "fhir-unsupported-kind", hint: "FHIR partners take \(FHIRCodes.events.map(\.kind.rawValue).joined(separator: ", ")) messages only")
        }
        let root = JSONValue.object(try JSONParser.payloadMembers(message.payload))

        var encoding = FHIREncoding(messageID: envelope.id, payload: root)
        let receiver = encoding.builder.organisation(message.recipientOrganisation)
        let sender = message.senderOrganisation.map { encoding.builder.organisation($0) }
        var focus: String?
        var responseCode = "ok"
        if envelope.kind == .acknowledgement {
            let (url, code) = encoding.acknowledgement()
            responseCode = code
            encoding.details = url
        } else if let subject = envelope.subject {
            let patient = encoding.patient(subject)
            switch envelope.kind {
            case .referral: focus = encoding.referral(patient: patient)
            case .consentGrant, .consentWithdrawal: focus = encoding.consent(patient: patient, withdrawal: envelope.kind == .consentWithdrawal)
            default: focus = FHIRTaskShape.of(envelope.kind).map { encoding.task($0, patient: patient) }
            }
        } else {
            encoding.report("/subject", "required", "a \(envelope.kind.rawValue) is about a person: send the subject")
        }
        var response: JSONValue?
        if let answered = envelope.conversationId {
            response = FHIRJSON.object([
                ("identifier", .string(answered.value)), ("code", .string(responseCode)), ("details", encoding.details.map(FHIRJSON.reference)),
            ])
        } else if envelope.kind.isReply {
            encoding.report("/conversationId", "required", "a \(envelope.kind.rawValue) answers an earlier message: send conversationId")
        }
        let header = [
            ("extension", FHIRJSON.array([FHIRSharingExtension.encode(purpose: envelope.kind.carriesPersonalData ? envelope.purpose : nil, basis: envelope.lawfulBasis)])),
            ("eventCoding", FHIRJSON.coding(system: FHIRSystems.messageEvent, code: envelope.kind.rawValue, display: event.display)),
            ("destination", .array([.object([
                ("name", .string(message.recipientOrganisation.name)),
                ("endpoint", .string(FHIRSystems.mailboxEndpoint + envelope.recipient.value)),
                ("receiver", FHIRJSON.reference(receiver)),
            ])])),
            ("sender", sender.map(FHIRJSON.reference)),
            ("source", .object([
                ("name", .string(message.senderOrganisation?.name ?? "Handover")),
                ("software", .string("Handover")),
                ("endpoint", .string(FHIRSystems.mailboxEndpoint + envelope.sender.value)),
            ])),
            ("response", response),
            ("focus", focus.map { .array([FHIRJSON.reference($0)]) }),
        ] as [(String, JSONValue?)]
        let issues = encoding.issues + encoding.payload.issues.map { ValidationIssue(path: "/payload" + $0.path, rule: $0.rule, hint: $0.hint) }
        guard issues.isEmpty else { throw ValidationError(issues) }

        var entries = encoding.builder
        let headerUrl = "urn:uuid:" + envelope.id.value
        entries.add("MessageHeader", fullUrl: headerUrl, header)
        let ordered = [entries.entries[entries.entries.count - 1]] + entries.entries.dropLast()
        let bundle = FHIRJSON.object([
            ("resourceType", .string("Bundle")),
            ("id", .string(FHIRNameBasedUUID.make(namespace: envelope.id, name: "Bundle"))),
            ("identifier", envelope.senderLocalId.map { FHIRJSON.identifier(system: FHIRSystems.senderLocalId, value: $0) }),
            ("type", .string("message")),
            ("timestamp", .string(Timestamp.format(envelope.createdAt))),
            ("entry", .array(ordered.map { .object([("fullUrl", .string($0.fullUrl)), ("resource", $0.resource)]) })),
        ]) ?? .null
        var dropped: [DroppedField] = []
        if envelope.kind.carriesPersonalData == false, envelope.purpose != nil {
            dropped.append(DroppedField(location: "/purpose", reason: "an acknowledgement shares no personal data, so it names no purpose"))
        }
        if envelope.kind == .acknowledgement, envelope.subject != nil {
            dropped.append(DroppedField(location: "/subject", reason: "an acknowledgement is about a message, not a person"))
        }
        dropped += encoding.payload.dropped(prefix: "/payload").map { DroppedField(location: $0.location, reason: "FHIR messages to ICBs and trusts have no place for it") }
        var writer = JSONWriter(capacity: 4096)
        writer.write(bundle)
        return Output(bytes: writer.bytes, dropped: dropped)
    }
}
