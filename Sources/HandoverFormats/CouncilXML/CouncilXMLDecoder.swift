public import HandoverModel

/// Decodes a council XML message (`contracts/formats/council-xml/`) into a canonical submission,
/// reporting every broken rule at once, each located by XPath
/// (`/CareExchangeMessage/Person/NHSNumber`, `/CareExchangeMessage/Referral/Note[2]`).
///
/// - The recipient is the mailbox registered for the code in `Header/Recipient` (`RoutingDirectory`).
/// - `Header/MessageId` is the `senderLocalId`, so a resent message is recognised.
/// - `Header/InReplyTo` is `inReplyTo`, and also `conversationId` when it is a UUID (the gateway
///   writes its message ids in `MessageId`, so partners quote them back).
/// - `Header/MessageType` is the canonical kind; the body element must be that kind's.
/// - `Header/LegalBasis` is the lawful basis; `Header/Purpose` the purpose.
/// - The payload is compact canonical JSON in the member order of the field tables, with
///   `subjectDetails` from the Person element last; elements the canonical model has no place for
///   (the authorities' `Team`, `ContactEmail`, `ContactPhone`) are listed in `dropped`.
public enum CouncilXMLDecoder {
    static let headerNames = ["MessageId", "InReplyTo", "MessageType", "Created", "Sender", "Recipient", "Purpose", "LegalBasis"]
    static let headerMaxOccurs = headerNames.map { _ in 1 }
    static let authorityNames = CouncilXMLAuthority.CodeElement.allCases.map(\.rawValue) + ["Name", "Team", "ContactEmail", "ContactPhone"]
    static let authorityMaxOccurs = authorityNames.map { _ in 1 }
    /// The root's children: the header, the person and every kind's body element.
    static let rootNames = ["Header", "Person"] + CouncilXMLKind.all.map(\.element)
    static let rootMaxOccurs = rootNames.map { _ in 1 }
    static let rootAttributes = ["version"]
    static let rootPath = "/" + CouncilXMLMessage.root
    static let locations = SubmissionLocations(recipient: rootPath + "/Header/Recipient", conversation: rootPath + "/Header/InReplyTo")
    static let purposes = CouncilXMLType.code(Purpose.allCases.map(\.rawValue))

    /// Decodes `bytes`.
    /// - Throws: `ValidationError`, from the XML reader or the mapping, with XPaths as paths.
    public static func decode(_ bytes: [UInt8], directory: RoutingDirectory, limits: XMLLimits = .standard) throws(ValidationError) -> CouncilXMLMessage {
        try decode(try XMLReader.parse(bytes, limits: limits), directory: directory)
    }

    /// Decodes a parsed document.
    public static func decode(_ root: XMLElement, directory: RoutingDirectory) throws(ValidationError) -> CouncilXMLMessage {
        guard root.name == CouncilXMLMessage.root, root.namespace == CouncilXMLMessage.namespace else {
            throw ValidationError(path: "/" + root.name, rule: "xml-root", hint: "send a <CareExchangeMessage> root element in the namespace \(CouncilXMLMessage.namespace)")
        }
        let rootPath = Self.rootPath
        var reader = CouncilXMLElementReader()
        switch root.attribute("version").map(CouncilXMLElementReader.trimmed) {
        case nil: reader.report(rootPath + "/@version", "required", "send version=\"1.0\" on the root element")
        case CouncilXMLMessage.version?: break
        default: reader.report(rootPath + "/@version", "xml-format-version", "send version=\"1.0\"; it is the only version of the format")
        }
        let bodies = CouncilXMLKind.all
        let found = reader.children(CouncilXMLElementReader.Located(root, parent: nil), names: rootNames, maxOccurs: rootMaxOccurs, attributes: rootAttributes)
        var presentBodies: [(CouncilXMLKind, CouncilXMLElementReader.Located)] = []
        for (kind, items) in zip(bodies, found.dropFirst(2)) {
            if let item = items.first { presentBodies.append((kind, item)) }
        }
        if presentBodies.count != 1 {
            reader.report(rootPath, "xml-message-body", "send exactly one body element after the Header: one of \(bodies.map(\.element).joined(separator: ", "))")
        }

        var header: CouncilXMLHeader?
        var envelope = Envelope()
        if let located = found[0].first {
            (header, envelope) = decodeHeader(located, directory: directory, &reader)
        } else {
            reader.report(rootPath + "/Header", "required", "send a <Header> with MessageId, MessageType, Created, Sender and Recipient")
        }
        var subject: Person?
        var details: JSONValue?
        if let located = found[1].first {
            (subject, details) = CouncilXMLPerson.decode(located, &reader)
        }
        var members: [(String, JSONValue)] = []
        if let kind = envelope.kind {
            if let (body, located) = presentBodies.first, presentBodies.count == 1 {
                if body.kind != kind.kind {
                    reader.report(located.path, "xml-message-type", "MessageType \(kind.kind.rawValue) needs the body element <\(kind.element)>")
                } else if case .object(let decoded)? = reader.group(located, body.body) {
                    members = decoded
                }
            }
            if kind.kind.carriesPersonalData {
                if found[1].isEmpty { reader.report(rootPath + "/Person", "required", "a \(kind.kind.rawValue) is about a person: send the Person") }
                if envelope.purpose == nil && envelope.purposeSent == false {
                    reader.report(rootPath + "/Header/Purpose", "required", "a \(kind.kind.rawValue) shares personal data: send the Purpose, one of \(Purpose.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            if kind.kind.isReply && envelope.inReplyTo == nil && envelope.inReplyToSent == false {
                reader.report(rootPath + "/Header/InReplyTo", "required", "a \(kind.kind.rawValue) answers an earlier message: send its MessageId in InReplyTo")
            }
        }
        if let details { members.append(("subjectDetails", details)) }
        guard reader.issues.isEmpty, let header, let kind = envelope.kind, let recipient = envelope.recipient else {
            throw ValidationError(reader.issues)
        }
        var writer = JSONWriter(capacity: 2048)
        writer.write(.object(members))
        let submission = TranslatedSubmission(
            recipient: recipient,
            kind: kind.kind,
            conversationId: envelope.inReplyTo.flatMap { try? MessageID(validating: $0) },
            inReplyTo: envelope.inReplyTo,
            subject: subject,
            purpose: envelope.purpose,
            senderLocalId: header.messageId,
            lawfulBasis: envelope.lawfulBasis,
            payload: writer.bytes,
            dropped: reader.dropped,
            locations: Self.locations
        )
        return CouncilXMLMessage(header: header, submission: submission)
    }

    /// What the header says about the submission.
    struct Envelope {
        var kind: CouncilXMLKind?
        var recipient: MailboxID?
        var inReplyTo: String?
        var inReplyToSent = false
        var purpose: Purpose?
        var purposeSent = false
        var lawfulBasis: LawfulBasis?
    }

    static func decodeHeader(
        _ located: CouncilXMLElementReader.Located, directory: RoutingDirectory, _ reader: inout CouncilXMLElementReader
    ) -> (CouncilXMLHeader?, Envelope) {
        let found = reader.children(located, names: headerNames, maxOccurs: headerMaxOccurs)
        var envelope = Envelope()
        let messageId = found[0].first.flatMap { reference($0, &reader) }
        reader.require(found[0], "MessageId", in: located, hint: "send your own id for the message in <MessageId>, unique for your system")
        envelope.inReplyToSent = !found[1].isEmpty
        envelope.inReplyTo = found[1].first.flatMap { reference($0, &reader) }
        if let item = found[2].first, let raw = reader.leaf(item, trim: true) {
            envelope.kind = CouncilXMLKind.all.first { $0.kind.rawValue == raw }
            if envelope.kind == nil {
                reader.report(item.path, "enum", "send one of: \(CouncilXMLKind.messageTypes.joined(separator: ", "))")
            }
        }
        reader.require(found[2], "MessageType", in: located, hint: "send the message kind in <MessageType>, one of \(CouncilXMLKind.messageTypes.joined(separator: ", "))")
        let created = found[3].first.flatMap { reader.value($0, .instant) }
        reader.require(found[3], "Created", in: located, hint: "send when the message was created in <Created>, e.g. 2025-06-02T09:12:00+01:00")
        let sender = found[4].first.flatMap { authority($0, &reader) }
        reader.require(found[4], "Sender", in: located, hint: "send the sending authority in <Sender> with its <GSSCode> and <Name>")
        let recipient = found[5].first.flatMap { authority($0, &reader) }
        reader.require(found[5], "Recipient", in: located, hint: "send the receiving authority in <Recipient> with its <GSSCode> and <Name>")
        if let recipient, let item = found[5].first {
            envelope.recipient = directory.mailbox(for: recipient.code)
            if envelope.recipient == nil {
                reader.report(item.path + "/" + recipient.element.rawValue, "xml-recipient-unknown", "no partner on the gateway is registered for this code; send the GSS, ODS or agency code of a registered partner")
            }
        }
        envelope.purposeSent = !found[6].isEmpty
        if let item = found[6].first, case .string(let raw)? = reader.value(item, purposes) {
            envelope.purpose = Purpose(rawValue: raw)
        }
        envelope.lawfulBasis = found[7].first.flatMap { CouncilXMLLegalBasis.decode($0, &reader) }
        guard let messageId, case .string(let createdText)? = created, let sender, let recipient else { return (nil, envelope) }
        return (CouncilXMLHeader(messageId: messageId, created: createdText, sender: sender, recipient: recipient), envelope)
    }

    /// A message reference: 1 to 128 bytes without whitespace.
    static func reference(_ located: CouncilXMLElementReader.Located, _ reader: inout CouncilXMLElementReader) -> String? {
        guard let raw = reader.leaf(located, trim: true) else { return nil }
        guard !raw.isEmpty, raw.utf8.count <= 128, !raw.utf8.contains(where: { XMLReaderState.isWhitespace($0) }) else {
            reader.report(located.path, "xml-reference-format", "send 1 to 128 characters without spaces, e.g. a UUID")
            return nil
        }
        return raw
    }

    /// A `Sender` or `Recipient`; its `Team`, `ContactEmail` and `ContactPhone` are dropped.
    static func authority(_ located: CouncilXMLElementReader.Located, _ reader: inout CouncilXMLElementReader) -> CouncilXMLAuthority? {
        let found = reader.children(located, names: authorityNames, maxOccurs: authorityMaxOccurs)
        let codes = zip(CouncilXMLAuthority.CodeElement.allCases, found).compactMap { element, items in items.first.map { (element, $0) } }
        let name = found[4].first.flatMap { reader.value($0, .text(maxBytes: 200)) }
        reader.require(found[4], "Name", in: located, hint: "send the authority's name in <Name>")
        for item in found[5...].compactMap(\.first) {
            if reader.value(item, .text(maxBytes: 4096)) != nil { reader.drop(item.path, "the canonical model has no place for an authority's team or contact details") }
        }
        guard codes.count == 1, let (element, item) = codes.first else {
            reader.report(located.path, codes.isEmpty ? "required" : "xml-choice", "send exactly one of <GSSCode>, <ODSCode>, <PrisonAgencyId> or <MailboxId>")
            return nil
        }
        guard let raw = reader.leaf(item, trim: true) else { return nil }
        let code: String?
        do {
            switch element {
            case .gss: code = try GSSCode(validating: raw).value
            case .ods: code = try ODSCode(validating: raw).value
            case .prisonAgency: code = try PrisonAgencyID(validating: raw).value
            case .mailbox: code = try MailboxID(validating: raw).value
            }
        } catch {
            reader.report(error, at: item)
            code = nil
        }
        guard let code, case .string(let text)? = name else { return nil }
        return CouncilXMLAuthority(element: element, code: code, name: text)
    }
}
