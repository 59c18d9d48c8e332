import Foundation
import HandoverFormats
import HandoverModel
import HandoverPolicy
import HandoverStore

/// Shares as FHIR R4 `AuditEvent`s after the IHE Basic Audit Log Patterns privacy disclosure at
/// the source (`IHE.BasicAudit.PrivacyDisclosure.Source`): DICOM 110106 Export, subtype ISO 21089
/// `disclose`, the custodian (sender) and the information recipient as agents, the gateway as
/// source, the person and the message as entities, and the purpose as `purposeOfEvent`.
enum AuditEventFHIR {
    static let profile = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.PrivacyDisclosure.Source"
    static let purposeSystem = "https://handover.example/fhir/CodeSystem/purpose"

    /// A `Bundle` of type `collection` holding one AuditEvent per share.
    static func bundle(_ records: [MessageRecord], partners: [MailboxID: Partner], now: Date) -> JSONValue {
        .object([
            ("resourceType", .string("Bundle")),
            ("type", .string("collection")),
            ("timestamp", .string(Timestamp.format(now))),
            ("entry", .array(records.map { .object([("fullUrl", .string("urn:uuid:\(uuid(for: $0))")), ("resource", event($0, partners: partners))]) })),
        ])
    }

    /// A stable id for the share's AuditEvent: the message id, whose events it describes.
    static func uuid(for record: MessageRecord) -> String { record.envelope.id.value }

    static func event(_ record: MessageRecord, partners: [MailboxID: Partner]) -> JSONValue {
        let envelope = record.envelope
        var entities: [JSONValue] = []
        if let nhs = (try? record.subject())?.nhsNumber {
            entities.append(.object([
                ("what", .object([("identifier", identifier("https://fhir.nhs.uk/Id/nhs-number", nhs.value))])),
                ("type", coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person")),
                ("role", coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient")),
            ]))
        }
        var details: [JSONValue] = [detail("lawfulBasis", envelope.lawfulBasis?.description ?? "none")]
        if !record.minimisedFields.isEmpty {
            details.append(detail("fieldsRemoved", record.minimisedFields.map(RemovedField.pointer(of:)).joined(separator: " ")))
        }
        for (name, time) in ShareJSON.times(record) { details.append(detail(name, Timestamp.format(time))) }
        entities.append(.object([
            ("what", .object([("identifier", identifier("urn:ietf:rfc:3986", "urn:uuid:\(envelope.id.value)"))])),
            ("type", coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object")),
            ("description", .string("\(envelope.kind.rawValue) message; status \(record.status.rawValue)")),
            ("detail", .array(details)),
        ]))
        if let consent = envelope.lawfulBasis?.consentID {
            entities.append(.object([
                ("what", .object([("identifier", identifier("urn:ietf:rfc:3986", "urn:uuid:\(consent.value)"))])),
                ("type", coding("http://hl7.org/fhir/resource-types", "Consent", "Consent")),
            ]))
        }
        var members: [(String, JSONValue)] = [
            ("resourceType", .string("AuditEvent")),
            ("id", .string(uuid(for: record))),
            ("meta", .object([("profile", .array([.string(profile)]))])),
            ("type", coding("http://dicom.nema.org/resources/ontology/DCM", "110106", "Export")),
            ("subtype", .array([coding("http://terminology.hl7.org/CodeSystem/iso-21089-lifecycle", "disclose", "Disclose Record Lifecycle Event")])),
            ("action", .string("R")),
            ("recorded", .string(Timestamp.format(envelope.createdAt))),
            ("outcome", .string(record.withheldAt == nil ? "0" : "4")),
        ]
        if let purpose = envelope.purpose {
            members.append(("purposeOfEvent", .array([.object([("coding", .array([
                coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", actReason(purpose), nil),
                coding(purposeSystem, purpose.rawValue, nil),
            ]))])])))
        }
        members.append(("agent", .array([
            agent(envelope.sender, partners, role: ("CST", "custodian"), requestor: true),
            agent(envelope.recipient, partners, role: ("IRCP", "information recipient"), requestor: false),
        ])))
        members.append(("source", .object([
            ("site", .string("handover")),
            ("observer", .object([("display", .string("Handover gateway"))])),
            ("type", .array([coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")])),
        ])))
        members.append(("entity", .array(entities)))
        return .object(members)
    }

    /// The HL7 v3 ActReason nearest each purpose; the exact purpose follows in the gateway's own system.
    static func actReason(_ purpose: Purpose) -> String {
        switch purpose {
        case .directCare, .chcAssessment, .s117Aftercare: "TREAT"
        case .careActAssessment, .placementCommissioning: "CAREMGT"
        case .continuityOfCare: "COC"
        case .safeguarding: "PUBHLTH"
        }
    }

    private static func agent(_ mailbox: MailboxID, _ partners: [MailboxID: Partner], role: (String, String), requestor: Bool) -> JSONValue {
        var who: [(String, JSONValue)] = []
        if let organisation = partners[mailbox]?.organisation {
            let system = switch organisation.identifier.scheme {
            case .gss: "http://statistics.data.gov.uk/id/statistical-geography"
            case .ods: "https://fhir.nhs.uk/Id/ods-organization-code"
            case .prisonAgency: "https://handover.example/fhir/Id/prison-agency"
            }
            who = [("identifier", identifier(system, organisation.identifier.value)), ("display", .string(organisation.name))]
        } else {
            who = [("display", .string(mailbox.value))]
        }
        return .object([
            ("type", .object([("coding", .array([coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", role.0, role.1)]))])),
            ("who", .object(who)),
            ("requestor", .bool(requestor)),
        ])
    }

    private static func coding(_ system: String, _ code: String, _ display: String?) -> JSONValue {
        .object([("system", .string(system)), ("code", .string(code))] + (display.map { [("display", JSONValue.string($0))] } ?? []))
    }

    private static func identifier(_ system: String, _ value: String) -> JSONValue {
        .object([("system", .string(system)), ("value", .string(value))])
    }

    private static func detail(_ type: String, _ value: String) -> JSONValue {
        .object([("type", .string(type)), ("valueString", .string(value))])
    }
}
