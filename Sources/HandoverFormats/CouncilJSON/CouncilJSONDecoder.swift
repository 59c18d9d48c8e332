import HandoverModel

/// Decodes a council adapter message (`contracts/formats/council-json/`) into a canonical
/// submission, reporting every broken rule at once by JSON Pointer into the council's message.
///
/// - `messageId` is the `senderLocalId`, so a resent message is recognised; `correlationId` is
///   the `conversationId` (the gateway id of the message answered), except that a council starting
///   a conversation may send its own `messageId` there, which reads as no conversation.
/// - `counterparty` routes the message (`CouncilJSONParties`); `localAuthority` must be the
///   council the partner is registered for.
/// - `dataSharing` gives the purpose and the lawful basis (`{"consentId"}` or
///   `{"statute", "article6", "article9"}`, as in the canonical submission).
/// - The payload is closed and typed by `CouncilPayloadSpec`; what the canonical model has no
///   place for (`sourceSystem`, teams, a UPRN) is listed in `dropped`.
enum CouncilJSONDecoder {
    static let fields = [
        "schemaVersion", "messageId", "correlationId", "inReplyTo", "messageType", "createdAt", "sourceSystem", "localAuthority",
        "counterparty", "person", "payload", "dataSharing",
    ]
    static let products = ["Mosaic", "LAS", "Azeus", "SWIFT", "ContrOCC", "Other"]
    static let messageTypes = CouncilValue.code(CouncilMessageType.submittable)
    static let purposes = Purpose.allCases.map(\.rawValue)
    static let purposeCode = CouncilValue.code(purposes)
    static let sourceSystemType = CouncilValue.object([
        CouncilMember("product", .code(products), required: true), CouncilMember("version", .text(64)),
        CouncilMember("recordType", .text(64)), CouncilMember("recordId", .text(128)),
    ])

    /// Decodes `bytes` posted by `context.sender`.
    static func decode(_ bytes: [UInt8], context: DecodingContext, limits: CouncilJSONLimits) throws(ValidationError) -> TranslatedSubmission {
        guard bytes.count <= limits.maxBodyBytes else {
            throw ValidationError(path: "", rule: "max-size", hint: "send a council message of at most \(limits.maxBodyBytes) bytes; documents travel by reference")
        }
        let root = try JSONParser.parse(bytes: bytes, maxDepth: limits.maxDepth)
        var reader = CouncilPayloadReader()
        var dropped: [DroppedField] = []
        guard let members = reader.fields.object(root, at: "", allowed: fields) else { throw ValidationError(reader.fields.issues) }
        func member(_ name: String) -> JSONValue? { members.first { $0.0 == name }?.1 }
        func required(_ name: String, _ hint: @autoclosure () -> String) -> JSONValue? {
            if let value = member(name) { return value }
            reader.fields.report("/" + name, "required", hint())
            return nil
        }

        if let version = required("schemaVersion", "send \"schemaVersion\": \"1.0\""), version != .string("1.0") {
            reader.fields.report("/schemaVersion", "enum", "send \"schemaVersion\": \"1.0\"")
        }
        let messageId = required("messageId", "send the adapter's id for this message as a UUID").flatMap { reader.read($0, as: .uuid, at: "/messageId") }
        let kind = required("messageType", "send the message type, one of \(CouncilMessageType.submittable.joined(separator: ", "))").flatMap { raw in
            reader.read(raw, as: messageTypes, at: "/messageType").flatMap { value -> MessageKind? in
                if case .string(let type) = value { CouncilMessageType.kind(of: type) } else { nil }
            }
        }
        _ = required("createdAt", "send when the case system created the message, e.g. 2026-11-23T10:15:00Z").flatMap { reader.read($0, as: .instant, at: "/createdAt") }
        let correlation = member("correlationId").flatMap { reader.read($0, as: .uuid, at: "/correlationId") }
        let conversation = correlation == messageId ? nil : correlation
        let inReplyTo = member("inReplyTo").flatMap { reader.read($0, as: .text(128), at: "/inReplyTo") }
        if let source = member("sourceSystem") { sourceSystem(source, into: &reader, dropped: &dropped) }

        let council = required("localAuthority", "send the council as {\"gssCode\": \"E06000030\", \"name\": \"...\"}").flatMap {
            CouncilJSONParties.localAuthority($0, sender: context.sender, into: &reader, dropped: &dropped)
        }
        var routing: (mailbox: MailboxID?, location: String) = (nil, "/counterparty")
        if let value = required("counterparty", "send the recipient as {\"odsCode\": \"QOX\"}, {\"gssCode\": \"E06000054\"} or {\"mailbox\": \"bsw-icb\"}") {
            routing = CouncilJSONParties.counterparty(value, directory: context.directory, into: &reader, dropped: &dropped)
        }

        var subject: Person?
        var details: JSONValue?
        if let person = member("person") {
            (subject, details) = CouncilJSONPerson.decode(person, at: "/person", council: council?.value ?? "", into: &reader, dropped: &dropped)
        } else if kind?.carriesPersonalData == true {
            reader.fields.report("/person", "required", "this message is about a person: send the person")
        }
        var payload: JSONValue?
        if let raw = required("payload", "send the message's content as a JSON object in \"payload\""), let kind {
            payload = reader.object(raw, CouncilPayloadSpec.members(of: kind), at: "/payload")
            if let payload { CouncilPayloadChecks.check(payload, kind: kind, into: &reader) }
        }
        let (purpose, basis) = dataSharing(member("dataSharing"), required: kind?.carriesPersonalData == true, into: &reader)
        if let kind, kind.isReply, inReplyTo == nil, conversation == nil {
            if member("correlationId") == nil {
                reader.fields.report("/correlationId", "required", "this message answers an earlier one: send that message's messageId as correlationId")
            } else if correlation != nil {
                reader.fields.report("/correlationId", "required", "send the messageId of the message answered, not this message's own")
            }
        }

        guard reader.fields.issues.isEmpty, let kind, let recipient = routing.mailbox, case .object(var content)? = payload,
            case .string(let localId)? = messageId
        else { throw ValidationError(reader.fields.issues) }
        if let details { content.append(("subjectDetails", details)) }
        var writer = JSONWriter()
        writer.write(.object(content))
        let conversationId = conversation.flatMap { if case .string(let id) = $0 { try? MessageID(validating: id) } else { nil } }
        return TranslatedSubmission(
            recipient: recipient, kind: kind, conversationId: conversationId,
            inReplyTo: inReplyTo.flatMap { if case .string(let text) = $0 { text } else { nil } },
            subject: subject, purpose: purpose, senderLocalId: localId, lawfulBasis: basis,
            payload: writer.bytes, dropped: dropped,
            locations: SubmissionLocations(recipient: routing.location, conversation: "/correlationId")
        )
    }

    /// `dataSharing`: the purpose (required when the message is about a person) and the basis.
    private static func dataSharing(_ value: JSONValue?, required: Bool, into reader: inout CouncilPayloadReader) -> (Purpose?, LawfulBasis?) {
        guard let value else {
            if required { reader.fields.report("/dataSharing", "required", "send {\"purpose\": \"...\", \"lawfulBasis\": {...}}: why the person's data is shared, and on what basis") }
            return (nil, nil)
        }
        guard let members = reader.fields.object(value, at: "/dataSharing", allowed: ["purpose", "lawfulBasis"]) else { return (nil, nil) }
        var purpose: Purpose?
        if let raw = members.first(where: { $0.0 == "purpose" })?.1 {
            if case .string(let text)? = reader.read(raw, as: purposeCode, at: "/dataSharing/purpose") { purpose = Purpose(rawValue: text) }
        } else if required {
            reader.fields.report("/dataSharing/purpose", "required", "send the purpose, one of \(purposes.joined(separator: ", "))")
        }
        let basis = members.first { $0.0 == "lawfulBasis" }.flatMap {
            CanonicalLawfulBasisCodec.decode($0.1, at: "/dataSharing/lawfulBasis", into: &reader.fields)
        }
        return (purpose, basis)
    }

    /// `sourceSystem` is checked and reported as dropped: the canonical model records who sent a
    /// message (the partner), not which product it runs.
    private static func sourceSystem(_ value: JSONValue, into reader: inout CouncilPayloadReader, dropped: inout [DroppedField]) {
        guard case .object(let members)? = reader.read(value, as: sourceSystemType, at: "/sourceSystem") else { return }
        for (name, _) in members {
            dropped.append(DroppedField(location: "/sourceSystem/" + name, reason: "the canonical message has no place for the case system's details"))
        }
    }
}
