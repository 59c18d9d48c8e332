import Foundation
import HandoverFormats
import HandoverModel

/// Files and helpers the council XML tests share: the contract folder, the examples, the routing
/// directory they address, and golden files in canonical JSON.
enum CouncilXMLFixtures {
    static let folder = ContractFixtures.folder("council-xml")
    static let examples = [
        "council-xml-referral", "council-xml-continuity-of-care-transfer", "council-xml-placement-query", "council-xml-placement-reply",
        "council-xml-s117-query", "council-xml-s117-reply", "council-xml-consent-grant", "council-xml-consent-withdrawal",
        "council-xml-acknowledgement",
    ]

    static let directory = RoutingDirectory([
        "E06000030": mailbox("swindon-asc"),
        "E06000054": mailbox("wiltshire-asc"),
        "E06000022": mailbox("banes-asc"),
        "QOX": mailbox("bsw-icb"),
        "swindon-asc": mailbox("swindon-asc"),
        "wiltshire-asc": mailbox("wiltshire-asc"),
    ])

    static func mailbox(_ value: String) -> MailboxID {
        ContractFixtures.mailbox(value)
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        try ContractFixtures.bytes(folder, relative)
    }

    static func example(_ name: String) throws -> [UInt8] {
        try bytes("examples/\(name).xml")
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try example(name), as: UTF8.self)
    }

    static func decode(_ bytes: [UInt8]) throws -> CouncilXMLMessage {
        try CouncilXMLDecoder.decode(bytes, directory: directory)
    }

    static func decode(_ text: String) throws -> CouncilXMLMessage {
        try decode(Array(text.utf8))
    }

    static func payload(_ submission: TranslatedSubmission) throws -> JSONValue {
        try ContractFixtures.parse(submission.payload)
    }

    /// Compares `actual` with a golden file, or writes it when rewriting.
    static func matchesGolden(_ actual: [UInt8], _ relative: String) throws -> Bool {
        try ContractFixtures.matchesGolden(actual, folder, relative)
    }

    /// The issues a throwing call reports, or [] when it succeeds.
    static func issues(_ body: () throws -> Void) -> [ValidationIssue] {
        ContractFixtures.issues(body)
    }

    /// `path rule` of each issue.
    static func pairs(_ body: () throws -> Void) -> [String] {
        issues(body).map { "\($0.path) \($0.rule)" }
    }

    static func authority(_ authority: CouncilXMLAuthority) -> JSONValue {
        .object([("element", .string(authority.element.rawValue)), ("code", .string(authority.code)), ("name", .string(authority.name))])
    }

    static func authority(_ value: JSONValue?) -> CouncilXMLAuthority {
        CouncilXMLAuthority(
            element: CouncilXMLAuthority.CodeElement(rawValue: string(value?["element"]) ?? "") ?? .gss,
            code: string(value?["code"]) ?? "",
            name: string(value?["name"]) ?? ""
        )
    }

    static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { text } else { nil }
    }

    /// A decoded message as golden JSON: the header, the submission and what was dropped.
    static func json(_ message: CouncilXMLMessage) -> [UInt8] {
        let header = message.header
        let submission = message.submission
        var members: [(String, JSONValue)] = [
            ("header", .object([
                ("messageId", .string(header.messageId)), ("created", .string(header.created)),
                ("sender", authority(header.sender)), ("recipient", authority(header.recipient)),
            ])),
            ("recipient", .string(submission.recipient.value)),
            ("kind", .string(submission.kind.rawValue)),
        ]
        if let id = submission.conversationId { members.append(("conversationId", .string(id.value))) }
        if let reply = submission.inReplyTo { members.append(("inReplyTo", .string(reply))) }
        if let subject = submission.subject, let value = try? CanonicalPersonCodec.json(subject).withUnsafeBytes({ try JSONParser.parse($0) }) {
            members.append(("subject", value))
        }
        if let purpose = submission.purpose { members.append(("purpose", .string(purpose.rawValue))) }
        if let local = submission.senderLocalId { members.append(("senderLocalId", .string(local))) }
        if let basis = submission.lawfulBasis, let value = try? CanonicalLawfulBasisCodec.json(basis).withUnsafeBytes({ try JSONParser.parse($0) }) {
            members.append(("lawfulBasis", value))
        }
        if let payload = try? payload(submission) { members.append(("payload", payload)) }
        members.append(("dropped", .array(submission.dropped.map { .object([("location", .string($0.location)), ("reason", .string($0.reason))]) })))
        var writer = JSONWriter()
        writer.write(.object(members))
        return writer.bytes + [0x0A]
    }

    /// Reads golden JSON back into a header and submission, for the encoder.
    static func message(fromJSON bytes: [UInt8]) throws -> CouncilXMLMessage {
        let root = try bytes.withUnsafeBytes { try JSONParser.parse($0) }
        let h = root["header"]
        let header = CouncilXMLHeader(
            messageId: string(h?["messageId"]) ?? "", created: string(h?["created"]) ?? "",
            sender: authority(h?["sender"]), recipient: authority(h?["recipient"])
        )
        var reader = JSONFieldReader()
        let subject = root["subject"].flatMap { CanonicalPersonCodec.decode($0, at: "/subject", into: &reader) }
        let basis = root["lawfulBasis"].flatMap { CanonicalLawfulBasisCodec.decode($0, at: "/lawfulBasis", into: &reader) }
        if !reader.issues.isEmpty { throw ValidationError(reader.issues) }
        let submission = TranslatedSubmission(
            recipient: try MailboxID(validating: string(root["recipient"]) ?? ""),
            kind: MessageKind(rawValue: string(root["kind"]) ?? "") ?? .referral,
            conversationId: try string(root["conversationId"]).map { try MessageID(validating: $0) },
            inReplyTo: string(root["inReplyTo"]),
            subject: subject,
            purpose: string(root["purpose"]).flatMap(Purpose.init(rawValue:)),
            senderLocalId: string(root["senderLocalId"]),
            lawfulBasis: basis,
            payload: root["payload"]?.serialized ?? Array("{}".utf8)
        )
        return CouncilXMLMessage(header: header, submission: submission)
    }

    /// The submission without what the decoder listed as dropped and with locations cleared, for
    /// comparing the meaning of two decodes.
    static func meaning(_ submission: TranslatedSubmission) -> TranslatedSubmission {
        var copy = submission
        copy.dropped = []
        return copy
    }
}
