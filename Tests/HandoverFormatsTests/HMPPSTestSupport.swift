import Foundation
import HandoverFormats
import HandoverModel
import Testing

/// Files and helpers the hmpps-json tests share: the contract folder, the routing directory and
/// registered organisations of the examples, golden files in canonical JSON, and canonical
/// outbound messages read from JSON.
enum HMPPSFixtures {
    static let folder = ContractFixtures.folder("hmpps-json")
    static let examples = [
        "hmpps-received-referral", "hmpps-received-transferred-legacy", "hmpps-released-transfer", "hmpps-released-prison-transfer",
        "hmpps-acknowledgement",
    ]
    static let outbound = ["council-referral-reply", "council-transfer", "council-acknowledgement"]

    /// Registered organisations by mailbox.
    static let organisations: [String: Organisation] = [
        "leeds-asc": organisation(.localAuthority, .gss, "E08000035", "Leeds City Council"),
        "swindon-asc": organisation(.localAuthority, .gss, "E06000030", "Swindon Borough Council"),
        "doncaster-asc": organisation(.localAuthority, .gss, "E08000017", "City of Doncaster Council"),
        "hmp-leeds": organisation(.prison, .prisonAgency, "LEI", "HMP Leeds"),
        "hmp-doncaster": organisation(.prison, .prisonAgency, "DNI", "HMP Doncaster"),
        "hmp-wakefield": organisation(.prison, .prisonAgency, "WDI", "HMP Wakefield"),
    ]

    static let directory = RoutingDirectory(Dictionary(uniqueKeysWithValues: organisations.map { ($0.value.identifier.value, HL7Fixtures.mailbox($0.key)) }))

    static func organisation(_ kind: OrganisationKind, _ scheme: OrganisationIdentifierScheme, _ value: String, _ name: String) -> Organisation {
        Organisation(kind: kind, identifier: try! OrganisationIdentifier(scheme: scheme, value: value), name: name)
    }

    /// The decoding context of the partner registered for `organisation`.
    static func context(from organisation: OrganisationIdentifier) -> DecodingContext {
        let mailbox = organisations.first { $0.value.identifier == organisation }?.key ?? "unregistered"
        let registered = organisations[mailbox] ?? Organisation(kind: .prison, identifier: organisation, name: "")
        return DecodingContext(sender: Partner(mailbox: HL7Fixtures.mailbox(mailbox), name: mailbox, organisation: registered, format: .hmppsJSON), directory: directory)
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        try ContractFixtures.bytes(folder, relative)
    }

    static func example(_ name: String) throws -> [UInt8] {
        try bytes("examples/\(name).json")
    }

    static func decode(_ bytes: [UInt8], limits: HMPPSLimits = .standard) throws -> HMPPSEvent {
        try HMPPSEventDecoder.decode(bytes, directory: directory, limits: limits)
    }

    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try ContractFixtures.parse(bytes)
    }

    /// Compares `actual` with a golden file, or writes it when rewriting.
    static func matchesGolden(_ actual: [UInt8], _ relative: String) throws -> Bool {
        try ContractFixtures.matchesGolden(actual, folder, relative)
    }

    /// A decoded event as golden JSON: the envelope facts, the submission and what was dropped.
    static func json(_ event: HMPPSEvent) -> [UInt8] {
        let submission = event.submission
        var members: [(String, JSONValue)] = [
            ("header", .object([("eventType", .string(event.eventType.rawValue)), ("sender", event.sender.json), ("recipient", event.recipient.json)])),
            ("recipient", .string(submission.recipient.value)),
            ("kind", .string(submission.kind.rawValue)),
        ]
        if let id = submission.conversationId { members.append(("conversationId", .string(id.value))) }
        if let reply = submission.inReplyTo { members.append(("inReplyTo", .string(reply))) }
        if let subject = submission.subject, let value = try? parse(CanonicalPersonCodec.json(subject)) { members.append(("subject", value)) }
        if let purpose = submission.purpose { members.append(("purpose", .string(purpose.rawValue))) }
        if let local = submission.senderLocalId { members.append(("senderLocalId", .string(local))) }
        if let basis = submission.lawfulBasis, let value = try? parse(CanonicalLawfulBasisCodec.json(basis)) { members.append(("lawfulBasis", value)) }
        if let payload = try? parse(submission.payload) { members.append(("payload", payload)) }
        members.append(("dropped", .array(submission.dropped.map { .object([("location", .string($0.location)), ("reason", .string($0.reason))]) })))
        members.append(("locations", .object([("recipient", .string(submission.locations.recipient)), ("conversation", .string(submission.locations.conversation))])))
        var writer = JSONWriter()
        writer.write(.object(members))
        return writer.bytes + [0x0A]
    }

    /// A canonical submission (`contracts/canonical/submission.schema.json`) for a decoded event.
    static func submissionJSON(_ submission: TranslatedSubmission) throws -> [UInt8] {
        var members: [(String, JSONValue)] = [("recipient", .string(submission.recipient.value)), ("kind", .string(submission.kind.rawValue))]
        if let id = submission.conversationId { members.append(("conversationId", .string(id.value))) }
        if let subject = submission.subject { members.append(("subject", try parse(CanonicalPersonCodec.json(subject)))) }
        if let purpose = submission.purpose { members.append(("purpose", .string(purpose.rawValue))) }
        if let local = submission.senderLocalId { members.append(("senderLocalId", .string(local))) }
        if let basis = submission.lawfulBasis { members.append(("lawfulBasis", try parse(CanonicalLawfulBasisCodec.json(basis)))) }
        members.append(("payload", try parse(submission.payload)))
        return JSONValue.object(members).serialized
    }

    /// Reads `{"message": <canonical message>, "senderOrganisation", "recipientOrganisation"}`.
    static func outbound(fromJSON bytes: [UInt8]) throws -> OutboundMessage {
        let root = try parse(bytes)
        func text(_ value: JSONValue?) -> String? { if case .string(let s)? = value { s } else { nil } }
        func organisation(_ value: JSONValue?) throws -> Organisation {
            Organisation(
                kind: OrganisationKind(rawValue: text(value?["kind"]) ?? "") ?? .prison,
                identifier: try OrganisationIdentifier(
                    scheme: OrganisationIdentifierScheme(rawValue: text(value?["identifier"]?["scheme"]) ?? "") ?? .gss,
                    value: text(value?["identifier"]?["value"]) ?? ""
                ),
                name: text(value?["name"]) ?? ""
            )
        }
        let message = root["message"]
        var reader = JSONFieldReader()
        let subject = message?["subject"].flatMap { CanonicalPersonCodec.decode($0, at: "/subject", into: &reader) }
        let basis = message?["lawfulBasis"].flatMap { CanonicalLawfulBasisCodec.decode($0, at: "/lawfulBasis", into: &reader) }
        if !reader.issues.isEmpty { throw ValidationError(reader.issues) }
        let envelope = MessageEnvelope(
            id: try MessageID(validating: text(message?["id"]) ?? ""),
            sender: try MailboxID(validating: text(message?["sender"]) ?? ""),
            recipient: try MailboxID(validating: text(message?["recipient"]) ?? ""),
            kind: MessageKind(rawValue: text(message?["kind"]) ?? "") ?? .referral,
            conversationId: try text(message?["conversationId"]).map { try MessageID(validating: $0) },
            subject: subject,
            purpose: text(message?["purpose"]).flatMap(Purpose.init(rawValue:)),
            createdAt: try Timestamp.parse(text(message?["createdAt"]) ?? ""),
            senderLocalId: text(message?["senderLocalId"]),
            lawfulBasis: basis
        )
        return OutboundMessage(
            envelope: envelope,
            payload: message?["payload"]?.serialized ?? Array("{}".utf8),
            senderOrganisation: try organisation(root["senderOrganisation"]),
            recipientOrganisation: try organisation(root["recipientOrganisation"])
        )
    }

    /// The outbound message a decoded submission becomes once the gateway has accepted it, keeping
    /// the sender's message id as the gateway's so that it round-trips.
    static func outbound(_ event: HMPPSEvent, createdAt: Date = Date(timeIntervalSince1970: 1_741_000_000)) throws -> OutboundMessage {
        let submission = event.submission
        let sender = organisations.first { $0.value.identifier == event.sender.identifier }
        let recipient = try #require(organisations[submission.recipient.value])
        return OutboundMessage(
            envelope: MessageEnvelope(
                id: try MessageID(validating: submission.senderLocalId ?? ""),
                sender: HL7Fixtures.mailbox(sender?.key ?? "unregistered"),
                recipient: submission.recipient, kind: submission.kind, conversationId: submission.conversationId,
                subject: submission.subject, purpose: submission.purpose, createdAt: createdAt,
                senderLocalId: submission.senderLocalId, lawfulBasis: submission.lawfulBasis
            ),
            payload: submission.payload,
            senderOrganisation: sender?.value,
            recipientOrganisation: recipient
        )
    }
}
