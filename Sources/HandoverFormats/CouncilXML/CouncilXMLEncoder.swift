public import HandoverModel

/// Encodes a canonical submission as a council XML message (the inverse of `CouncilXMLDecoder`),
/// producing what the published XSD (`contracts/formats/council-xml/council-xml.xsd`) accepts.
///
/// The header facts come from `header`; `MessageId` is `header.messageId` and a different
/// `senderLocalId` is listed as dropped. Every payload value the format has no element for, or
/// that the XSD would refuse, is listed in `dropped` by JSON Pointer; nothing is dropped silently.
/// The encoder refuses only what cannot be written at all: a kind the format does not carry, a
/// message about a person without its subject, a reply without the message it answers, or a
/// kind's required member (a transfer's `stage`, a consent's `consentId`, an acknowledgement's
/// `outcome`) missing or invalid.
public enum CouncilXMLEncoder {
    /// The XML bytes and what could not be carried.
    public struct Output: Sendable, Hashable {
        /// The document, UTF-8, indented, ending with a line feed.
        public var bytes: [UInt8]
        /// What the submission held that the document does not carry.
        public var dropped: [DroppedField]
    }

    /// Encodes `submission` with the header facts in `header`.
    /// - Throws: `ValidationError` with JSON Pointers into the submission (`/payload/stage`).
    public static func encode(_ submission: TranslatedSubmission, header: CouncilXMLHeader) throws(ValidationError) -> Output {
        let members = try JSONParser.payloadMembers(submission.payload)
        guard let entry = CouncilXMLKind.entry(for: submission.kind) else {
            throw ValidationError(path: "/kind", rule: "xml-unsupported-kind", hint: "council XML partners take \(CouncilXMLKind.messageTypes.joined(separator: ", ")) messages only")
        }
        var issues: [ValidationIssue] = []
        if submission.kind.carriesPersonalData && submission.subject == nil {
            issues.append(ValidationIssue(path: "/subject", rule: "required", hint: "a \(submission.kind.rawValue) is about a person: send the subject"))
        }
        if let family = submission.subject?.name.family, family.isEmpty || !XMLWriter.canCarry(family) {
            issues.append(ValidationIssue(path: "/subject/name/family", rule: "xml-unwritable", hint: "send a family name without control characters, which XML cannot carry"))
        }
        let inReplyTo = submission.inReplyTo ?? submission.conversationId?.value
        if submission.kind.isReply && inReplyTo == nil {
            issues.append(ValidationIssue(path: "/conversationId", rule: "required", hint: "a \(submission.kind.rawValue) answers an earlier message: send conversationId"))
        }
        for field in entry.fields where field.occurs == .required {
            let value = members.first { $0.0 == field.member }?.1
            if value.flatMap({ CouncilXMLValues.written($0, field.type) }) == nil {
                issues.append(ValidationIssue(path: "/payload/" + field.member, rule: "required", hint: "a \(submission.kind.rawValue) in council XML needs \(field.member): \(CouncilXMLValues.describe(field.type))"))
            }
        }
        for text in [header.messageId, header.created, header.sender.name, header.sender.code, header.recipient.name, header.recipient.code] + (inReplyTo.map { [$0] } ?? [])
        where text.isEmpty || !XMLWriter.canCarry(text) {
            issues.append(ValidationIssue(path: "", rule: "xml-unwritable", hint: "the header facts (ids, times, organisation names) must be non-empty text without control characters"))
        }
        guard issues.isEmpty else { throw ValidationError(issues) }

        var writer = CouncilXMLPayloadWriter(XMLWriter(capacity: 1024 + submission.payload.count * 2))
        writer.xml.open(CouncilXMLMessage.root, attributes: [("xmlns", CouncilXMLMessage.namespace), ("version", CouncilXMLMessage.version)])
        writer.xml.open("Header")
        writer.xml.element("MessageId", header.messageId)
        if let inReplyTo { writer.xml.element("InReplyTo", inReplyTo) }
        writer.xml.element("MessageType", submission.kind.rawValue)
        writer.xml.element("Created", header.created)
        for (element, authority) in [("Sender", header.sender), ("Recipient", header.recipient)] {
            writer.xml.open(element)
            writer.xml.element(authority.element.rawValue, authority.code)
            writer.xml.element("Name", authority.name)
            writer.xml.close(element)
        }
        if let purpose = submission.purpose { writer.xml.element("Purpose", purpose.rawValue) }
        if let basis = submission.lawfulBasis {
            if case .statutory(let statutory) = basis,
                !StatutoryBasis.article6Conditions.contains(statutory.article6) || !StatutoryBasis.article9Conditions.contains(statutory.article9)
            {
                writer.note(DroppedField(location: "/lawfulBasis", reason: "a statutory basis in council XML cites a statutory Article 6 and Article 9 condition, not consent"))
            } else {
                CouncilXMLLegalBasis.encode(basis, into: &writer.xml)
            }
        }
        writer.xml.close("Header")
        if let local = submission.senderLocalId, local != header.messageId {
            writer.note(DroppedField(location: "/senderLocalId", reason: "MessageId carries the gateway's message id, which replies quote"))
        }
        let details = members.first { $0.0 == "subjectDetails" }?.1
        if let subject = submission.subject {
            CouncilXMLPerson.encode(subject, details: details, into: &writer)
        } else if let details {
            writer.drop(details, at: "/payload/subjectDetails", "a message without a subject has no Person element")
        }
        writer.xml.open(entry.element)
        writer.members(members, at: "/payload", fields: entry.fields, ignoring: "subjectDetails")
        writer.xml.close(entry.element)
        writer.xml.close(CouncilXMLMessage.root)
        return Output(bytes: writer.xml.bytes, dropped: writer.dropped)
    }
}
