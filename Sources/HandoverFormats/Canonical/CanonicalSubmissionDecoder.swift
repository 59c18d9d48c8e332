public import HandoverModel

/// Decodes and validates a submission in the canonical JSON format
/// (`contracts/canonical/submission.schema.json`), reporting every broken rule at once.
public enum CanonicalSubmissionDecoder {
    static let fields = ["recipient", "kind", "conversationId", "subject", "purpose", "senderLocalId", "lawfulBasis", "payload"]

    /// Nesting allowed in a submission: the envelope plus a payload nested up to 62 levels.
    public static let maxDepth = 64

    /// Decodes `body`.
    /// - Throws: `ValidationError` listing every broken rule with its JSON Pointer.
    public static func decode(_ body: UnsafeRawBufferPointer) throws(ValidationError) -> CanonicalSubmission {
        let members = try JSONParser.parseObject(body, rawMembers: ["payload"], maxDepth: maxDepth)
        var reader = JSONFieldReader()
        for member in members where !fields.contains(member.name) {
            reader.report(
                "/" + JSONPointer.escape(member.name),
                "unknown-field",
                "remove \"\(member.name)\"; a submission has only \(fields.joined(separator: ", "))"
            )
        }
        func value(_ name: String) -> JSONValue? { members.first { $0.name == name }?.value }

        let recipient = value("recipient").flatMap { raw in
            reader.string(raw, at: "/recipient").flatMap { text in
                reader.parse { () throws(ValidationError) in try MailboxID(validating: text, path: "/recipient") }
            }
        }
        let kind: MessageKind? = value("kind").flatMap {
            reader.enumeration($0, at: "/kind", allowed: MessageKind.submittable)
        }
        let conversationId = value("conversationId").flatMap { raw in
            reader.string(raw, at: "/conversationId").flatMap { text in
                reader.parse { () throws(ValidationError) in try MessageID(validating: text, path: "/conversationId") }
            }
        }
        let subject = value("subject").flatMap { CanonicalPersonCodec.decode($0, at: "/subject", into: &reader) }
        let purpose: Purpose? = value("purpose").flatMap { reader.enumeration($0, at: "/purpose") }
        let senderLocalId = value("senderLocalId").flatMap { reader.string($0, at: "/senderLocalId", maxLength: 128) }
        let lawfulBasis = value("lawfulBasis").flatMap { CanonicalLawfulBasisCodec.decode($0, at: "/lawfulBasis", into: &reader) }
        let payload = members.first { $0.name == "payload" }

        if value("recipient") == nil {
            reader.report("/recipient", "required", "send the recipient's mailbox id, e.g. \"bsw-icb\"")
        }
        if value("kind") == nil {
            reader.report("/kind", "required", "send the message kind, one of \(kindList)")
        }
        if let payload {
            if body[payload.range.lowerBound] != UInt8(ascii: "{") {
                reader.report("/payload", "type", "send the payload as a JSON object")
            }
        } else {
            reader.report("/payload", "required", "send the kind-specific content as a JSON object in \"payload\"")
        }
        if let kind {
            if kind.carriesPersonalData {
                if value("subject") == nil {
                    reader.report("/subject", "required", "a \(kind.rawValue) is about a person: send the subject")
                }
                if value("purpose") == nil {
                    reader.report(
                        "/purpose",
                        "required",
                        "a \(kind.rawValue) shares personal data: send the purpose, one of \(purposeList)"
                    )
                }
            }
            if kind.isReply && value("conversationId") == nil {
                reader.report(
                    "/conversationId",
                    "required",
                    "a \(kind.rawValue) answers an earlier message: send that message's id as conversationId"
                )
            }
        }
        guard reader.issues.isEmpty, let recipient, let kind, let payload else {
            throw ValidationError(reader.issues)
        }
        return CanonicalSubmission(
            recipient: recipient,
            kind: kind,
            conversationId: conversationId,
            subject: subject,
            purpose: purpose,
            senderLocalId: senderLocalId,
            lawfulBasis: lawfulBasis,
            payloadRange: payload.range
        )
    }

    private static var kindList: String { MessageKind.submittable.map(\.rawValue).joined(separator: ", ") }
    private static var purposeList: String { Purpose.allCases.map(\.rawValue).joined(separator: ", ") }
}
