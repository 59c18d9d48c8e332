public import HandoverModel

/// Decodes an HMPPS domain event with its care-exchange block into a canonical submission,
/// reporting every broken rule at once with a JSON Pointer into the event.
///
/// - The body is read by the project's strict `JSONParser` (UTF-8 only, no duplicate members,
///   nesting at most `HMPPSLimits.maxDepth`); a body over `HMPPSLimits.maxBytes` is refused unread.
/// - The recipient is the mailbox registered for `careExchange.recipient.code`
///   (`RoutingDirectory`); `senderLocalId` is `careExchange.messageId`, so a resent event is
///   recognised; `careExchange.correlationId` is the `conversationId` (a correlation id equal to
///   the event's own message id starts a conversation and is not carried), `inReplyTo` the
///   answered message's id as the partner knows it.
/// - The lawful basis is `careExchange.legalBasis`, or for a reception or release without one the
///   basis the event implies (`HMPPSEventCodec.impliedBasis`).
/// - The payload is compact canonical JSON in the order of the mapping tables; what the canonical
///   model has no place for is listed in `dropped`.
public enum HMPPSEventDecoder {
    static let envelope = [
        "eventType", "version", "description", "occurredAt", "detailUrl", "personReference", "additionalInformation", "prisoner", "careExchange",
    ]
    static let careExchange = ["messageId", "correlationId", "inReplyTo", "kind", "purpose", "sender", "recipient", "legalBasis", "subjectDetails", "notes"]

    static let subjectDetails = HMPPSShape.object(HMPPSPayload.subjectDetails)
    static let notes = HMPPSShape.list(.long, maxItems: 100)

    /// Decodes `bytes`; when `sender` is given, `careExchange.sender` must name that organisation
    /// (`hmpps-sender-mismatch`), reported with every other problem.
    /// - Throws: `ValidationError` with JSON Pointers into the event.
    public static func decode(
        _ bytes: [UInt8],
        directory: RoutingDirectory,
        sender: OrganisationIdentifier? = nil,
        limits: HMPPSLimits = .standard
    ) throws(ValidationError) -> HMPPSEvent {
        guard bytes.count <= limits.maxBytes else {
            throw ValidationError(path: "", rule: "max-size", hint: "send one event of at most \(limits.maxBytes) bytes; documents travel by reference")
        }
        let root = try JSONParser.parse(bytes: bytes, maxDepth: limits.maxDepth)
        var reader = HMPPSValueReader(side: .partner, maxItems: limits.maxItems)
        let event = decode(root, directory: directory, sender: sender, &reader)
        guard reader.issues.isEmpty, let event else {
            throw ValidationError(Array(reader.issues.prefix(limits.maxIssues)))
        }
        return event
    }

    private static func decode(_ root: JSONValue, directory: RoutingDirectory, sender expected: OrganisationIdentifier?, _ reader: inout HMPPSValueReader) -> HMPPSEvent? {
        guard let top = reader.object(root, at: "", allowed: envelope) else { return nil }
        let typeName = reader.string(top["eventType"], .text(128), at: "/eventType")
        let event = typeName.flatMap(HMPPSEventType.init(rawValue:))
        if typeName != nil && event == nil {
            reader.report("/eventType", "hmpps-event-type", "send one of \(HMPPSEventType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        reader.require(top["eventType"], at: "/eventType", "send the event type, e.g. prisoner-offender-search.prisoner.received")
        if let version = top["version"] {
            if version != .number("1") { reader.report("/version", "hmpps-event-version", "send version 1, the only version of these events") }
        } else {
            reader.report("/version", "required", "send the event version: 1")
        }
        if let text = reader.string(top["description"], .text(512), at: "/description"), text != event?.standardDescription {
            reader.drop("/description", "the description of the event type is written from the event type")
        }
        let occurredAt = reader.string(top["occurredAt"], .instant, at: "/occurredAt")
        reader.require(top["occurredAt"], at: "/occurredAt", "send when the event happened, e.g. 2025-03-03T10:15:00+00:00")
        if let url = reader.string(top["detailUrl"], .text(2048), at: "/detailUrl") {
            if url.hasPrefix("https://") {
                reader.drop("/detailUrl", "it points into an HMPPS service the recipient cannot read")
            } else {
                reader.report("/detailUrl", "url-format", "send an https:// URL or leave detailUrl out")
            }
        }

        let personal = event?.carriesPerson ?? true
        let blocks = event.map { [$0.block] } ?? HMPPSEventType.allCases.map(\.block)
        let allowed = careExchange.filter { personal || !["purpose", "legalBasis", "subjectDetails"].contains($0) } + blocks
        let care = reader.object(top["careExchange"], at: "/careExchange", allowed: allowed)
        reader.require(care, at: "/careExchange", "send the careExchange block with messageId, kind, sender and recipient")
        let exchange = HMPPSExchange.decode(care, event: event, directory: directory, &reader)
        if let expected, let sender = exchange.sender, sender.identifier != expected {
            reader.report("/careExchange/sender/code", "hmpps-sender-mismatch", "send the code and code system of the organisation your credentials are registered to")
        }

        // The payload is the kind's block, then the custody facts, then the members every kind
        // may carry: the order of the mapping tables, built in place rather than sorted.
        var members: [(String, JSONValue?)] = []
        let common: [(String, JSONValue?)] = [
            ("occurredAt", occurredAt.map(JSONValue.string)),
            ("notes", reader.read(care?["notes"], notes, at: "/careExchange/notes")),
        ]
        var subject: Person?
        switch event {
        case .acknowledgement?:
            for name in ["personReference", "additionalInformation", "prisoner"] where top[name] != nil {
                reader.report("/" + name, "unknown-field", "remove \(name); an acknowledgement carries no personal data")
            }
            members = HMPPSAcknowledgement.decode(care?["acknowledgement"], &reader) + common
            if exchange.conversationId == nil && exchange.inReplyTo == nil {
                reader.report("/careExchange/correlationId", "required", "an acknowledgement names the message it answers: send its id as correlationId")
            }
        case let event?:
            // HMPPS services write null for an absent value in these blocks.
            reader.nullIsAbsent = true
            let additional = reader.object(top["additionalInformation"], at: "/additionalInformation", allowed: ["nomsNumber", "reason", "prisonId"])
            let prisoner = reader.object(top["prisoner"], at: "/prisoner", allowed: HMPPSCustody.prisonerMembers)
            let person = HMPPSSubject.decode(personReference: top["personReference"], additional: additional, prisoner: prisoner, &reader)
            let (custody, reason) = HMPPSCustody.decode(additional: additional, prisoner: prisoner, bookingId: person.bookingId, event: event, &reader)
            reader.nullIsAbsent = false
            subject = person.person
            members = event == .received
                ? HMPPSReferral.decode(care?["referral"], &reader)
                : HMPPSTransfer.decode(care?["transfer"], reason: reason, &reader)
            members += custody + common
            let details = HMPPSPayload.members(reader.read(care?["subjectDetails"], subjectDetails, at: "/careExchange/subjectDetails"))
            members.append(("subjectDetails", HMPPSPayload.objectIfAny([
                ("title", details["title"]), ("gender", person.gender.map(JSONValue.string)),
                ("address", details["address"]), ("nhsNumberVerificationStatus", details["nhsNumberVerificationStatus"]),
            ])))
        case nil:
            break
        }
        guard reader.issues.isEmpty, let event, let sender = exchange.sender, let recipient = exchange.recipient,
            let mailbox = exchange.mailbox, let messageId = exchange.messageId
        else { return nil }
        if event.carriesPerson && subject == nil {
            // Unreachable while every missing part is reported above; kept so that no rule added
            // later can let a referral or transfer through without the person it is about.
            reader.report("/prisoner", "required", "send the prisoner block naming the person")
            return nil
        }
        var writer = JSONWriter(capacity: 2048)
        writer.write(HMPPSPayload.object(members))
        let submission = TranslatedSubmission(
            recipient: mailbox,
            kind: event.kind,
            conversationId: exchange.conversationId,
            inReplyTo: exchange.inReplyTo,
            subject: subject,
            purpose: event.carriesPerson ? exchange.purpose ?? event.impliedPurpose : nil,
            senderLocalId: messageId,
            lawfulBasis: event.carriesPerson ? exchange.lawfulBasis ?? HMPPSEventCodec.impliedBasis : nil,
            payload: writer.bytes,
            dropped: reader.dropped,
            locations: HMPPSEventCodec.locations
        )
        return HMPPSEvent(eventType: event, sender: sender, recipient: recipient, submission: submission)
    }
}
