import Foundation
import HandoverFormats
import HandoverModel

/// Files and registry facts the council JSON and CSV tests share: the contract folders, the
/// partners the examples come from, the routing directory, golden files, and reading a canonical
/// message to deliver (`golden/*.outbound.json`).
enum CouncilFixtures {
    static let jsonFolder = ContractFixtures.folder("council-json")
    static let csvFolder = ContractFixtures.folder("council-csv")

    /// The registered partners: mailbox, organisation kind, scheme, code, name.
    static let registry: [(mailbox: String, kind: OrganisationKind, scheme: OrganisationIdentifierScheme, code: String, name: String)] = [
        ("swindon-asc", .localAuthority, .gss, "E06000030", "Swindon Borough Council"),
        ("wiltshire-asc", .localAuthority, .gss, "E06000054", "Wiltshire Council"),
        ("leeds-asc", .localAuthority, .gss, "E08000035", "Leeds City Council"),
        ("banes-asc", .localAuthority, .gss, "E06000022", "Bath and North East Somerset Council"),
        ("bsw-icb", .icb, .ods, "QOX", "NHS Bath and North East Somerset, Swindon and Wiltshire ICB"),
        ("gwh-trust", .nhsTrust, .ods, "RN3", "Great Western Hospitals NHS Foundation Trust"),
        ("hmp-leeds", .prison, .prisonAgency, "LEI", "HMP Leeds healthcare"),
    ]

    static let directory: RoutingDirectory = {
        var routes: [String: MailboxID] = [:]
        for entry in registry {
            routes[entry.code] = mailbox(entry.mailbox)
            routes[entry.mailbox] = mailbox(entry.mailbox)
        }
        return RoutingDirectory(routes)
    }()

    static func mailbox(_ value: String) -> MailboxID {
        ContractFixtures.mailbox(value)
    }

    static func organisation(_ code: String) -> Organisation {
        let entry = registry.first { $0.code == code || $0.mailbox == code }!
        return Organisation(kind: entry.kind, identifier: try! OrganisationIdentifier(scheme: entry.scheme, value: entry.code), name: entry.name)
    }

    /// The decoding context of the partner registered for `code` (a GSS code or mailbox).
    static func context(_ code: String) -> DecodingContext {
        let entry = registry.first { $0.code == code || $0.mailbox == code }!
        let partner = Partner(mailbox: mailbox(entry.mailbox), name: entry.name, organisation: organisation(entry.code), format: .councilJSON)
        return DecodingContext(sender: partner, directory: directory)
    }

    static func bytes(_ folder: URL, _ relative: String) throws -> [UInt8] {
        try ContractFixtures.bytes(folder, relative)
    }

    /// Compares `actual` with a golden file, or writes it when rewriting.
    static func matchesGolden(_ actual: [UInt8], _ folder: URL, _ relative: String) throws -> Bool {
        try ContractFixtures.matchesGolden(actual, folder, relative)
    }

    /// The issues a throwing call reports, or [] when it succeeds.
    static func issues(_ body: () throws -> Void) -> [ValidationIssue] {
        ContractFixtures.issues(body)
    }

    /// `path rule` pairs of the issues, for compact expectations.
    static func pairs(_ body: () throws -> Void) -> Set<String> {
        Set(issues(body).map { "\($0.path) \($0.rule)" })
    }

    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try ContractFixtures.parse(bytes)
    }

    /// Whether two JSON values are equal with object members in any order (arrays in order):
    /// canonical payloads are compared by meaning, and a codec writes members in its own order.
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        ContractFixtures.same(a, b)
    }

    /// A decoded submission as golden JSON.
    static func value(_ submission: TranslatedSubmission) throws -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("recipient", .string(submission.recipient.value)),
            ("kind", .string(submission.kind.rawValue)),
        ]
        if let id = submission.conversationId { members.append(("conversationId", .string(id.value))) }
        if let reply = submission.inReplyTo { members.append(("inReplyTo", .string(reply))) }
        if let subject = submission.subject { members.append(("subject", try parse(CanonicalPersonCodec.json(subject)))) }
        if let purpose = submission.purpose { members.append(("purpose", .string(purpose.rawValue))) }
        if let local = submission.senderLocalId { members.append(("senderLocalId", .string(local))) }
        if let basis = submission.lawfulBasis { members.append(("lawfulBasis", try parse(CanonicalLawfulBasisCodec.json(basis)))) }
        members.append(("payload", try parse(submission.payload)))
        members.append(("dropped", .array(submission.dropped.map { .object([("location", .string($0.location)), ("reason", .string($0.reason))]) })))
        members.append(("locations", .object([
            ("recipient", .string(submission.locations.recipient)), ("conversation", .string(submission.locations.conversation)),
        ])))
        return .object(members)
    }

    /// Decoded submissions as golden JSON text: one object, or an array for a batch.
    static func json(_ submissions: [TranslatedSubmission], batch: Bool) throws -> [UInt8] {
        let values = try submissions.map(value)
        return (batch ? JSONValue.array(values) : values[0]).serialized + [0x0A]
    }

    /// A canonical message to deliver, from `golden/*.outbound.json`.
    static func outbound(_ bytes: [UInt8]) throws -> OutboundMessage {
        let root = try parse(bytes)
        func text(_ value: JSONValue?) -> String? { if case .string(let s)? = value { s } else { nil } }
        var reader = JSONFieldReader()
        let subject = root["subject"].flatMap { CanonicalPersonCodec.decode($0, at: "/subject", into: &reader) }
        let basis = root["lawfulBasis"].flatMap { CanonicalLawfulBasisCodec.decode($0, at: "/lawfulBasis", into: &reader) }
        if !reader.issues.isEmpty { throw ValidationError(reader.issues) }
        let envelope = MessageEnvelope(
            id: try MessageID(validating: text(root["id"]) ?? ""),
            sender: try MailboxID(validating: text(root["sender"]) ?? ""),
            recipient: try MailboxID(validating: text(root["recipient"]) ?? ""),
            kind: MessageKind(rawValue: text(root["kind"]) ?? "") ?? .referral,
            conversationId: try text(root["conversationId"]).map { try MessageID(validating: $0) },
            subject: subject,
            purpose: text(root["purpose"]).flatMap(Purpose.init(rawValue:)),
            createdAt: try Timestamp.parse(text(root["createdAt"]) ?? ""),
            senderLocalId: text(root["senderLocalId"]),
            lawfulBasis: basis
        )
        return OutboundMessage(
            envelope: envelope,
            payload: root["payload"]?.serialized ?? Array("{}".utf8),
            senderOrganisation: text(root["sender"]).flatMap { mailbox in registry.contains { $0.mailbox == mailbox } ? organisation(mailbox) : nil },
            recipientOrganisation: organisation(text(root["recipient"]) ?? "")
        )
    }

    /// An outbound message from a decoded submission, as the gateway would deliver it.
    static func outbound(_ submission: TranslatedSubmission, from sender: String, id: MessageID = MessageID(), at createdAt: Date = Date(timeIntervalSince1970: 1_790_000_000)) -> OutboundMessage {
        OutboundMessage(
            envelope: MessageEnvelope(
                id: id, sender: mailbox(sender), recipient: submission.recipient, kind: submission.kind,
                conversationId: submission.conversationId, subject: submission.subject, purpose: submission.purpose,
                createdAt: createdAt, senderLocalId: submission.senderLocalId, lawfulBasis: submission.lawfulBasis
            ),
            payload: submission.payload,
            senderOrganisation: organisation(sender),
            recipientOrganisation: organisation(submission.recipient.value)
        )
    }
}
