import Foundation
import HandoverFormats
import HandoverModel

/// Files and helpers the HL7 v2 tests share: the contract folder (three levels above this file,
/// so it works from `Tests/HandoverFormatsTests/` in the repository), golden files in canonical
/// JSON, and issue collection.
enum HL7Fixtures {
    static let folder = ContractFixtures.folder("hl7v2")
    static let examples = ["prison-hl7v2-referral-REF_I12", "prison-hl7v2-transfer-ADT_A03", "prison-hl7v2-ack"]

    static let directory = RoutingDirectory([
        "E06000035": mailbox("leeds-asc"),
        "E06000030": mailbox("swindon-asc"),
        "LEI": mailbox("hmp-leeds"),
        "E08000017": mailbox("doncaster-asc"),
    ])

    static func mailbox(_ value: String) -> MailboxID {
        ContractFixtures.mailbox(value)
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        try ContractFixtures.bytes(folder, relative)
    }

    static func example(_ name: String) throws -> [UInt8] {
        try bytes("examples/\(name).er7")
    }

    /// Compares `actual` with a golden file, or writes it when rewriting.
    static func matchesGolden(_ actual: [UInt8], _ relative: String) throws -> Bool {
        try ContractFixtures.matchesGolden(actual, folder, relative)
    }

    /// The issues a throwing call reports, or [] when it succeeds.
    static func issues(_ body: () throws -> Void) -> [ValidationIssue] {
        ContractFixtures.issues(body)
    }

    /// A decoded message as golden JSON: the header, the submission and what was dropped.
    static func json(_ message: PrisonHealthcareMessage) -> [UInt8] {
        let header = message.header
        let submission = message.submission
        var members: [(String, JSONValue)] = [
            ("header", .object([
                ("sendingApplication", .string(header.sendingApplication)),
                ("sendingFacility", .object([("code", .string(header.sendingFacility.code)), ("name", .string(header.sendingFacility.name))])),
                ("receivingApplication", .string(header.receivingApplication)),
                ("receivingFacility", .object([("code", .string(header.receivingFacility.code)), ("name", .string(header.receivingFacility.name))])),
                ("sentAt", .string(header.sentAt.er7)),
                ("controlId", .string(header.controlId)),
                ("processingId", .string(header.processingId)),
            ] + (header.acknowledgedEvent.map { [("acknowledgedEvent", JSONValue.string($0))] } ?? []))),
            ("recipient", .string(submission.recipient.value)),
            ("kind", .string(submission.kind.rawValue)),
        ]
        if let id = submission.conversationId { members.append(("conversationId", .string(id.value))) }
        if let reply = submission.inReplyTo { members.append(("inReplyTo", .string(reply))) }
        if let subject = submission.subject {
            var writer = JSONWriter()
            CanonicalPersonCodec.encode(subject, into: &writer)
            if let value = try? writer.bytes.withUnsafeBytes({ try JSONParser.parse($0) }) { members.append(("subject", value)) }
        }
        if let purpose = submission.purpose { members.append(("purpose", .string(purpose.rawValue))) }
        if let local = submission.senderLocalId { members.append(("senderLocalId", .string(local))) }
        if let payload = try? submission.payload.withUnsafeBytes({ try JSONParser.parse($0) }) { members.append(("payload", payload)) }
        members.append(("dropped", .array(submission.dropped.map { .object([("location", .string($0.location)), ("reason", .string($0.reason))]) })))
        var writer = JSONWriter()
        writer.write(.object(members))
        return writer.bytes + [0x0A]
    }

    /// Reads golden JSON back into a header and submission, for the encoder.
    static func message(fromJSON bytes: [UInt8]) throws -> PrisonHealthcareMessage {
        let root = try bytes.withUnsafeBytes { try JSONParser.parse($0) }
        func text(_ value: JSONValue?) -> String? { if case .string(let s)? = value { s } else { nil } }
        let h = root["header"]
        let header = HL7Header(
            sendingApplication: text(h?["sendingApplication"]) ?? "",
            sendingFacility: HL7Facility(code: text(h?["sendingFacility"]?["code"]) ?? "", name: text(h?["sendingFacility"]?["name"]) ?? ""),
            receivingApplication: text(h?["receivingApplication"]) ?? "",
            receivingFacility: HL7Facility(code: text(h?["receivingFacility"]?["code"]) ?? "", name: text(h?["receivingFacility"]?["name"]) ?? ""),
            sentAt: try HL7Timestamp(er7: text(h?["sentAt"]) ?? "", path: "/header/sentAt"),
            controlId: text(h?["controlId"]) ?? "",
            processingId: text(h?["processingId"]) ?? "P",
            acknowledgedEvent: text(h?["acknowledgedEvent"])
        )
        var reader = JSONFieldReader()
        let subject = root["subject"].flatMap { CanonicalPersonCodec.decode($0, at: "/subject", into: &reader) }
        if !reader.issues.isEmpty { throw ValidationError(reader.issues) }
        let submission = TranslatedSubmission(
            recipient: try MailboxID(validating: text(root["recipient"]) ?? ""),
            kind: MessageKind(rawValue: text(root["kind"]) ?? "") ?? .referral,
            conversationId: try text(root["conversationId"]).map { try MessageID(validating: $0) },
            inReplyTo: text(root["inReplyTo"]),
            subject: subject,
            purpose: text(root["purpose"]).flatMap(Purpose.init(rawValue:)),
            senderLocalId: text(root["senderLocalId"]),
            payload: root["payload"]?.serialized ?? Array("{}".utf8)
        )
        return PrisonHealthcareMessage(header: header, submission: submission)
    }
}
