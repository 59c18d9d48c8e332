public import HandoverModel

/// Decodes a FHIR R4 message Bundle from an ICB or NHS trust into a canonical submission,
/// reporting every broken rule at once, located by FHIRPath (`Bundle.entry[2].resource.birthDate`).
///
/// - The Bundle is `type` message with the MessageHeader first; its `eventCoding` (project code
///   system `message-event`, codes are the canonical kinds) says what the message is.
/// - The recipient is the mailbox registered for the one `destination`'s `receiver` Organization
///   (its ODS, GSS or agency code), or else for the mailbox its `endpoint` names.
/// - `senderLocalId` is `MessageHeader.id`, or `Bundle.identifier.value` when the identifier is in
///   the project's sender-local-id system (what the encoder writes).
/// - `MessageHeader.response.identifier` becomes `inReplyTo`, and `conversationId` when it is a
///   gateway message id (the encoder writes the gateway's id as `MessageHeader.id`).
/// - Purpose and lawful basis come from the sharing extension (`FHIRSharingExtension`).
/// - The payload is compact canonical JSON in the member order of the mapping tables; what the
///   canonical model has no place for is listed in `dropped` by FHIRPath.
public enum FHIRMessageDecoder {
    /// Decodes `bytes`. When `sender` is given, the MessageHeader's sender Organization must be its
    /// organisation (`fhir-sender-mismatch`).
    /// - Throws: `ValidationError` with FHIRPath locations.
    public static func decode(
        _ bytes: [UInt8], sender: Partner? = nil, directory: RoutingDirectory, limits: FHIRLimits = .standard
    ) throws(ValidationError) -> TranslatedSubmission {
        guard !bytes.isEmpty else { throw ValidationError(path: "", rule: "fhir-empty", hint: "send a FHIR R4 message Bundle as JSON") }
        guard bytes.count <= limits.maxBodyBytes else {
            throw ValidationError(path: "", rule: "fhir-too-large", hint: "send at most \(limits.maxBodyBytes) bytes; attach large documents by reference")
        }
        let root = try JSONParser.parse(bytes: bytes, maxDepth: limits.maxDepth)
        guard case .string("Bundle")? = root["resourceType"] else {
            throw ValidationError(path: "", rule: "fhir-not-a-bundle", hint: "send one FHIR Bundle with resourceType \"Bundle\" and type \"message\"")
        }
        var decoding = FHIRDecoding(limits: limits)
        let submission = decoding.message(root, sender: sender, directory: directory)
        guard decoding.reader.issues.isEmpty, var submission else { throw ValidationError(decoding.reader.issues) }
        submission.dropped = decoding.reader.unread(root, at: "Bundle").map { DroppedField(location: $0, reason: "the canonical model has no place for it") }
        return submission
    }
}

extension FHIRDecoding {
    mutating func message(_ root: JSONValue, sender: Partner?, directory: RoutingDirectory) -> TranslatedSubmission? {
        guard let bundle = reader.openRoot(root, at: "Bundle", as: "Bundle") else { return nil }
        for name in ["resourceType", "id", "meta"] { reader.take(bundle, name) }
        if let type = reader.string(bundle, "type", maxLength: 32), type != "message" {
            reader.report(bundle.at("type"), "fhir-bundle-type", "send the Bundle with type \"message\"")
        }
        reader.require(bundle["type"] != nil, bundle.at("type"), "send the Bundle with type \"message\"")
        if bundle["timestamp"] != nil { _ = reader.instant(bundle, "timestamp") }
        var localId: String?
        if case .string(FHIRSystems.senderLocalId)? = bundle["identifier"]?["system"], let identifier = reader.child(bundle, "identifier", as: "Identifier") {
            reader.take(identifier, "system")
            localId = reader.string(identifier, "value", maxLength: 128)
        } else {
            // Any other identifier is the Bundle's own identity, not the message's.
            reader.take(bundle, "identifier")
        }
        if case .array(let items)? = bundle["entry"], items.count > reader.limits.maxEntries {
            reader.report(bundle.at("entry"), "fhir-too-many-entries", "send at most \(reader.limits.maxEntries) entries")
            return nil
        }
        let entries = index(bundle)
        guard let first = entries.first, let headerEntry = first, headerEntry.resourceType == "MessageHeader", let header = resource(headerEntry) else {
            reader.report("Bundle.entry[0].resource", "fhir-first-entry", "send the MessageHeader as the first entry of the Bundle")
            return nil
        }
        return message(header, localId: localId, sender: sender, directory: directory)
    }

    private mutating func message(_ header: FHIRNode, localId: String?, sender: Partner?, directory: RoutingDirectory) -> TranslatedSubmission? {
        let kinds = FHIRCodes.events.map(\.kind.rawValue)
        let kind = code(reader.child(header, "eventCoding", as: "Coding"), system: FHIRSystems.messageEvent, allowed: kinds, "message event")
            .flatMap(MessageKind.init(rawValue:))
        reader.require(header["eventCoding"] != nil, header.at("eventCoding"), "send eventCoding in \(FHIRSystems.messageEvent), one of: \(kinds.joined(separator: ", "))")
        let senderLocalId = localId ?? reader.string(header, "id", maxLength: 64)
        reader.require(senderLocalId != nil || header["id"] != nil, header.at("id"), "send the MessageHeader id, unique for the sending system")
        let recipient = self.recipient(header, directory: directory)
        if let organisation = resolve(header, "sender", ["Organization"], "sender").flatMap({ organisation($0).identifier }),
            let sender, organisation != sender.organisation.identifier
        {
            reader.report(header.at("sender"), "fhir-sender-mismatch", "name your own organisation as the sender (the one your credentials are registered for)")
        }
        reader.require(header["sender"] != nil, header.at("sender"), "reference the sending Organization (with its ODS or GSS code) as sender")
        if let source = reader.child(header, "source", as: "MessageHeaderSource") {
            for name in ["name", "software", "version", "contact"] { reader.take(source, name) }
            reader.require(reader.string(source, "endpoint", maxLength: 512) != nil, source.at("endpoint"), "send the source endpoint as an https URL")
        } else {
            reader.report(header.at("source"), "required", "send the source with its endpoint (an https URL)")
        }
        reader.take(header, "reason")
        var inReplyTo: String?
        var responseCode: String?
        let response = reader.child(header, "response", as: "MessageHeaderResponse")
        if let response {
            inReplyTo = reader.string(response, "identifier", maxLength: 128)
            reader.require(response["identifier"] != nil, response.at("identifier"), "send the id of the MessageHeader answered")
            if let value = reader.string(response, "code", maxLength: 16) {
                if FHIRAcknowledgementMapping.responseCodes.contains(value) { responseCode = value } else {
                    reader.report(response.at("code"), "enum", "send response.code as ok, transient-error or fatal-error")
                }
            }
        }
        let (purpose, basis) = sharing(extensions(header)["Sharing"])
        guard let kind else { return nil }
        if kind.isReply && response == nil {
            reader.report(header.at("response"), "required", "a \(kind.rawValue) answers an earlier message: send response.identifier with that message's MessageHeader id")
        }
        if kind.carriesPersonalData && purpose == nil {
            reader.report(header.at("extension"), "required", "send the purpose of the share in the \(FHIRSystems.sharingExtension) extension")
        }
        var members: [(String, JSONValue?)] = []
        var subject: Person?
        if kind == .acknowledgement {
            if let response { members = acknowledgement(response, code: responseCode) }
        } else if let (focus, subjectElement) = focus(header, kind) {
            switch kind {
            case .referral: members = referral(focus).members
            case .consentGrant, .consentWithdrawal: members = consent(focus, withdrawal: kind == .consentWithdrawal)
            default: members = FHIRTaskShape.of(kind).map { task(focus, $0) } ?? []
            }
            let (person, details) = self.subject(focus, subjectElement)
            subject = person
            members.append(("subjectDetails", details))
        }
        guard reader.issues.isEmpty, let recipient else { return nil }
        return TranslatedSubmission(
            recipient: recipient, kind: kind, conversationId: inReplyTo.flatMap { try? MessageID(validating: $0) }, inReplyTo: inReplyTo,
            subject: subject, purpose: kind.carriesPersonalData ? purpose : nil, senderLocalId: senderLocalId,
            lawfulBasis: basis, payload: (FHIRJSON.object(members) ?? .object([])).serialized,
            locations: SubmissionLocations(recipient: header.at("destination[0].receiver"), conversation: header.at("response.identifier"))
        )
    }

    /// The focus resource of a kind, and the element naming its subject.
    private mutating func focus(_ header: FHIRNode, _ kind: MessageKind) -> (FHIRNode, String)? {
        let (type, subject) = switch kind {
        case .referral: ("ServiceRequest", "subject")
        case .consentGrant, .consentWithdrawal: ("Consent", "patient")
        default: ("Task", "for")
        }
        guard let reference = reader.first(header, "focus", as: "Reference") else {
            reader.report(header.at("focus"), "required", "reference the \(type) the message is about as focus")
            return nil
        }
        return resolve(reference, [type], "focus").map { ($0, subject) }
    }

    /// The recipient's mailbox, from the one destination.
    private mutating func recipient(_ header: FHIRNode, directory: RoutingDirectory) -> MailboxID? {
        let destinations = reader.items(header, "destination")
        guard let first = destinations.first, let destination = reader.open(first, as: "MessageHeaderDestination") else {
            reader.report(header.at("destination"), "required", "send one destination with the recipient's Organization as receiver")
            return nil
        }
        if destinations.count > 1 {
            reader.report(destinations[1].path, "fhir-destination-count", "send one message per recipient: one destination each")
        }
        reader.take(destination, "name")
        let endpoint = reader.string(destination, "endpoint", maxLength: 512)
        reader.require(destination["endpoint"] != nil, destination.at("endpoint"), "send the destination endpoint as an https URL")
        if destination["receiver"] != nil {
            guard let identifier = organisation(destination, "receiver", "recipient").identifier else { return nil }
            guard let mailbox = directory.mailbox(for: identifier.value) else {
                reader.report(destination.at("receiver"), "fhir-recipient-unknown", "no partner on the gateway is registered for this organisation; send the ODS or GSS code of a registered partner")
                return nil
            }
            return mailbox
        }
        if let endpoint, endpoint.hasPrefix(FHIRSystems.mailboxEndpoint), let mailbox = directory.mailbox(for: String(endpoint.dropFirst(FHIRSystems.mailboxEndpoint.count))) {
            return mailbox
        }
        reader.report(destination.at("receiver"), "fhir-recipient-unknown", "reference the recipient's Organization (ODS or GSS code) as receiver, or address \(FHIRSystems.mailboxEndpoint)<mailbox>")
        return nil
    }
}
