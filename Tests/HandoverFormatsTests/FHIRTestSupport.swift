import Foundation
import HandoverFormats
import HandoverModel

/// Files, partners and golden conversions the FHIR tests share.
enum FHIRFixtures {
    static let folder = ContractFixtures.folder("fhir-r4")

    /// Each example and the mailbox of the partner that sends it.
    static let examples: [(name: String, sender: String)] = [
        ("icb-referral-chc-checklist", "gwh-trust"),
        ("icb-chc-decision-notice", "bsw-icb"),
        ("icb-transfer-continuity-of-care", "swindon-asc"),
        ("trust-s117-query", "gwh-trust"),
        ("icb-s117-reply", "bsw-icb"),
        ("icb-consent-grant", "bsw-icb"),
        ("icb-consent-withdrawal", "bsw-icb"),
        ("icb-response-nack", "bsw-icb"),
    ]
    static let exampleNames = examples.map(\.name)

    /// Canonical examples (`contracts/canonical/examples`) of kinds FHIR partners take, encoded
    /// as delivered by their sender.
    static let canonicalInputs: [(name: String, sender: String)] = [
        ("referral-chc-checklist", "swindon-asc"),
        ("decision-notice-joint-package", "bsw-icb"),
        ("continuity-of-care-transfer", "swindon-asc"),
        ("acknowledgement", "bsw-icb"),
    ]

    static let partners: [Partner] = [
        partner("bsw-icb", .icb, .ods, "QOX", "NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board"),
        partner("gwh-trust", .nhsTrust, .ods, "RN3", "Great Western Hospitals NHS Foundation Trust"),
        partner("swindon-asc", .localAuthority, .gss, "E06000030", "Swindon Borough Council"),
        partner("wiltshire-asc", .localAuthority, .gss, "E06000054", "Wiltshire Council"),
    ]

    static let directory: RoutingDirectory = {
        var routes: [String: MailboxID] = [:]
        for partner in partners {
            routes[partner.organisation.identifier.value] = partner.mailbox
            routes[partner.mailbox.value] = partner.mailbox
        }
        return RoutingDirectory(routes)
    }()

    static func partner(_ mailbox: String, _ kind: OrganisationKind, _ scheme: OrganisationIdentifierScheme, _ code: String, _ name: String) -> Partner {
        Partner(
            mailbox: try! MailboxID(validating: mailbox),
            name: name,
            organisation: Organisation(kind: kind, identifier: try! OrganisationIdentifier(scheme: scheme, value: code), name: name),
            format: .fhirR4
        )
    }

    static func partner(_ mailbox: String) -> Partner {
        partners.first { $0.mailbox.value == mailbox } ?? partners[0]
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        try ContractFixtures.bytes(folder, relative)
    }

    static func example(_ name: String) throws -> [UInt8] {
        try bytes("examples/\(name).fhir.json")
    }

    static func sender(of name: String) -> Partner {
        partner((examples + canonicalInputs).first { $0.name == name }?.sender ?? "bsw-icb")
    }

    static func decode(_ bytes: [UInt8], sender: Partner? = nil) throws -> TranslatedSubmission {
        try FHIRMessageDecoder.decode(bytes, sender: sender, directory: directory)
    }

    static func decode(_ text: String, sender: Partner? = nil) throws -> TranslatedSubmission {
        try decode(Array(text.utf8), sender: sender)
    }

    /// Compares `actual` with a golden file, or writes it when rewriting.
    static func matchesGolden(_ actual: [UInt8], _ relative: String) throws -> Bool {
        try ContractFixtures.matchesGolden(actual, folder, relative)
    }

    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try ContractFixtures.parse(bytes)
    }

    /// A decoded submission as golden JSON.
    static func json(_ submission: TranslatedSubmission) throws -> [UInt8] {
        var members: [(String, JSONValue)] = [("recipient", .string(submission.recipient.value)), ("kind", .string(submission.kind.rawValue))]
        if let id = submission.conversationId { members.append(("conversationId", .string(id.value))) }
        if let reply = submission.inReplyTo { members.append(("inReplyTo", .string(reply))) }
        if let subject = submission.subject { members.append(("subject", try parse(CanonicalPersonCodec.json(subject)))) }
        if let purpose = submission.purpose { members.append(("purpose", .string(purpose.rawValue))) }
        if let local = submission.senderLocalId { members.append(("senderLocalId", .string(local))) }
        if let basis = submission.lawfulBasis { members.append(("lawfulBasis", try parse(CanonicalLawfulBasisCodec.json(basis)))) }
        members.append(("payload", try parse(submission.payload)))
        members.append(("dropped", .array(submission.dropped.map { .object([("location", .string($0.location)), ("reason", .string($0.reason))]) })))
        return JSONValue.object(members).serialized + [0x0A]
    }

    /// The fixed delivery facts of golden inputs: the gateway id (name-based on the file name, so
    /// stable), the acceptance time and the parties.
    static func outbound(fromJSON bytes: [UInt8], name: String, sender: Partner, recipient: MailboxID? = nil) throws -> OutboundMessage {
        let root = try parse(bytes)
        func text(_ value: JSONValue?) -> String? { if case .string(let s)? = value { s } else { nil } }
        var reader = JSONFieldReader()
        let subject = root["subject"].flatMap { CanonicalPersonCodec.decode($0, at: "/subject", into: &reader) }
        let basis = root["lawfulBasis"].flatMap { CanonicalLawfulBasisCodec.decode($0, at: "/lawfulBasis", into: &reader) }
        if !reader.issues.isEmpty { throw ValidationError(reader.issues) }
        let to = try recipient ?? MailboxID(validating: text(root["recipient"]) ?? "")
        let namespace = try MessageID(validating: "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10")
        let envelope = MessageEnvelope(
            id: try MessageID(validating: FHIRNameBasedUUID.make(namespace: namespace, name: name)),
            sender: sender.mailbox, recipient: to,
            kind: MessageKind(rawValue: text(root["kind"]) ?? "") ?? .referral,
            // A reply quoting a partner's own reference is joined to its conversation by the gateway;
            // a name-based id stands for the one it would find.
            conversationId: try text(root["conversationId"]).map { try MessageID(validating: $0) }
                ?? text(root["inReplyTo"]).map { try MessageID(validating: FHIRNameBasedUUID.make(namespace: namespace, name: "reply/" + $0)) },
            subject: subject, purpose: text(root["purpose"]).flatMap(Purpose.init(rawValue:)),
            createdAt: try Timestamp.parse("2026-11-23T19:38:09.123Z"),
            senderLocalId: text(root["senderLocalId"]), lawfulBasis: basis
        )
        return OutboundMessage(
            envelope: envelope, payload: root["payload"]?.serialized ?? Array("{}".utf8),
            senderOrganisation: sender.organisation, recipientOrganisation: partner(to.value).organisation
        )
    }

    /// The issues a throwing call reports, or [] when it succeeds.
    static func issues(_ body: () throws -> Void) -> [ValidationIssue] {
        ContractFixtures.issues(body)
    }

    /// Whether two JSON values are equal with object members in any order.
    static func same(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        ContractFixtures.same(a, b)
    }
}
