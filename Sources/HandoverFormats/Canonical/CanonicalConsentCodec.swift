import Foundation
public import HandoverModel

/// Reads the canonical `consent-grant` and `consent-withdrawal` payloads
/// (`contracts/canonical/payloads.md`) into registry records, and writes a record as JSON.
///
/// Every partner format lands here: the FHIR `Consent` and council codecs translate to these
/// payloads, so a consent reaches the same registry whichever way it was sent.
public enum CanonicalConsentCodec {
    static let grantFields = [
        "consentId", "givenBy", "givenByName", "decidedAt", "purposes", "recipients", "dataCategories",
        "validFrom", "validUntil", "recordedBy", "subjectDetails", "notes",
    ]
    static let withdrawalFields = ["consentId", "withdrawnAt", "reason", "recordedBy", "subjectDetails", "notes"]

    /// Who recorded a consent and when, and the message it came in.
    public struct Recording: Sendable {
        /// `Consent.recordedVia`: a mailbox, `ig:<account>` or `cli`.
        public var via: String
        /// When the gateway recorded it.
        public var at: Date
        /// The message it arrived in.
        public var message: MessageID?

        /// Creates a recording.
        public init(via: String, at: Date, message: MessageID? = nil) {
            self.via = via
            self.at = at
            self.message = message
        }
    }

    /// Parses JSON text and reads a grant from it; see `grant(_:subject:at:recording:)`.
    public static func grant(json bytes: [UInt8], subject: NHSNumber?, at path: String, recording: Recording, extraFields: [String] = []) throws(ValidationError) -> Consent {
        let value = try JSONParser.parse(bytes: bytes, maxDepth: 16)
        return try grant(value, subject: subject, at: path, recording: recording, extraFields: extraFields)
    }

    /// Reads a consent grant located at `path` (`/payload` in a message).
    /// - Parameter subject: the person, from the message's subject; a grant without one is refused.
    /// - Throws: `ValidationError` listing every broken rule.
    public static func grant(_ value: JSONValue, subject: NHSNumber?, at path: String, recording: Recording, extraFields: [String] = []) throws(ValidationError) -> Consent {
        var reader = JSONFieldReader()
        guard let members = reader.object(value, at: path, allowed: grantFields + extraFields) else { throw ValidationError(reader.issues) }
        func member(_ name: String) -> JSONValue? { members.first { $0.0 == name }?.1 }
        let id = member("consentId").flatMap { raw in
            reader.string(raw, at: path + "/consentId").flatMap { text in
                reader.parse { () throws(ValidationError) in try ConsentID(validating: text, path: path + "/consentId") }
            }
        }
        reader.require(member("consentId"), at: path + "/consentId", "send the consent's id, a UUID")
        let givenBy: ConsentGiver? = member("givenBy").flatMap { reader.enumeration($0, at: path + "/givenBy") }
        reader.require(member("givenBy"), at: path + "/givenBy", "send who gave consent: \(ConsentGiver.allCases.map(\.rawValue).joined(separator: ", "))")
        let givenByName = member("givenByName").flatMap { reader.string($0, at: path + "/givenByName", maxLength: 256) }
        if let givenBy, givenBy.needsName, givenByName == nil, member("givenByName") == nil {
            reader.report(path + "/givenByName", "required", "a \(givenBy.rawValue) consent names the attorney, deputy or decision maker")
        }
        let decidedAt = instant(member("decidedAt"), at: path + "/decidedAt", required: true, &reader)
        let purposes: [Purpose] = list(member("purposes"), at: path + "/purposes", &reader) { item, at, reader in reader.enumeration(item, at: at) }
        let categories: [DataCategory] = list(member("dataCategories"), at: path + "/dataCategories", &reader) { item, at, reader in
            reader.enumeration(item, at: at)
        }
        let recipients: [ConsentRecipient] = list(member("recipients"), at: path + "/recipients", &reader, read: recipient)
        let validFrom = date(member("validFrom"), at: path + "/validFrom", &reader)
        let validUntil = date(member("validUntil"), at: path + "/validUntil", &reader)
        if let validFrom, let validUntil, validUntil < validFrom {
            reader.report(path + "/validUntil", "date-order", "send a validUntil on or after validFrom")
        }
        let recordedBy = member("recordedBy").flatMap { reader.string($0, at: path + "/recordedBy", maxLength: 256) }
        reader.require(member("recordedBy"), at: path + "/recordedBy", "send who recorded the consent, e.g. \"Daniel Okafor, Social Worker\"")
        if subject == nil {
            reader.report("/subject/nhsNumber", "required", "consents are recorded against an NHS number: send the person's NHS number")
        }
        guard reader.issues.isEmpty, let id, let givenBy, let decidedAt, let recordedBy, let subject else {
            throw ValidationError(reader.issues)
        }
        return Consent(
            id: id, subject: subject, givenBy: givenBy, givenByName: givenByName, decidedAt: decidedAt, purposes: Set(purposes),
            recipients: recipients, dataCategories: Set(categories), validFrom: validFrom, validUntil: validUntil,
            recordedBy: recordedBy, recordedVia: recording.via, recordedAt: recording.at, sourceMessage: recording.message
        )
    }

    /// Reads a consent withdrawal located at `path`.
    /// - Parameter known: the consent's id when the caller has it from elsewhere (the API's path);
    ///   the body's `consentId` may then be left out.
    public static func withdrawal(_ value: JSONValue, at path: String, recording: Recording, known: ConsentID? = nil) throws(ValidationError) -> (ConsentID, ConsentWithdrawal) {
        var reader = JSONFieldReader()
        guard let members = reader.object(value, at: path, allowed: withdrawalFields) else { throw ValidationError(reader.issues) }
        func member(_ name: String) -> JSONValue? { members.first { $0.0 == name }?.1 }
        var id = known
        if let raw = member("consentId") {
            id = reader.string(raw, at: path + "/consentId").flatMap { text in
                reader.parse { () throws(ValidationError) in try ConsentID(validating: text, path: path + "/consentId") }
            }
            if let known, let id, id != known {
                reader.report(path + "/consentId", "consent-id-mismatch", "send the same consent id as the request path, or leave it out")
            }
        } else if known == nil {
            reader.report(path + "/consentId", "required", "send the id of the consent withdrawn")
        }
        let withdrawnAt = instant(member("withdrawnAt"), at: path + "/withdrawnAt", required: true, &reader)
        let reason = member("reason").flatMap { reader.string($0, at: path + "/reason", maxLength: 4096) }
        let recordedBy = member("recordedBy").flatMap { reader.string($0, at: path + "/recordedBy", maxLength: 256) }
        reader.require(member("recordedBy"), at: path + "/recordedBy", "send who recorded the withdrawal")
        guard reader.issues.isEmpty, let id, let withdrawnAt, let recordedBy else { throw ValidationError(reader.issues) }
        return (id, ConsentWithdrawal(withdrawnAt: withdrawnAt, reason: reason, recordedBy: recordedBy, recordedVia: recording.via, recordedAt: recording.at, sourceMessage: recording.message))
    }

    private static func instant(_ value: JSONValue?, at path: String, required: Bool, _ reader: inout JSONFieldReader) -> Date? {
        guard let value else {
            if required { reader.report(path, "required", "send an RFC 3339 instant, e.g. 2026-11-23T10:15:00Z") }
            return nil
        }
        return reader.string(value, at: path).flatMap { text in reader.parse { () throws(ValidationError) in try Timestamp.parse(text, path: path) } }
    }

    private static func date(_ value: JSONValue?, at path: String, _ reader: inout JSONFieldReader) -> CalendarDate? {
        value.flatMap { reader.string($0, at: path) }.flatMap { text in
            reader.parse { () throws(ValidationError) in try CalendarDate(validating: text, path: path) }
        }
    }

    private static func list<T>(
        _ value: JSONValue?, at path: String, _ reader: inout JSONFieldReader,
        read: (JSONValue, String, inout JSONFieldReader) -> T?
    ) -> [T] {
        guard let value else {
            reader.report(path, "required", "send a non-empty array")
            return []
        }
        guard let items = reader.array(value, at: path) else { return [] }
        if items.isEmpty { reader.report(path, "non-empty", "send at least one item") }
        return items.enumerated().compactMap { index, item in read(item, path + "/\(index)", &reader) }
    }

    private static func recipient(_ value: JSONValue, at path: String, _ reader: inout JSONFieldReader) -> ConsentRecipient? {
        guard let members = reader.object(value, at: path, allowed: ["scheme", "value", "kind", "name"]) else { return nil }
        func member(_ name: String) -> JSONValue? { members.first { $0.0 == name }?.1 }
        if let kind = member("kind") {
            let parsed: OrganisationKind? = reader.enumeration(kind, at: path + "/kind")
            return parsed.map(ConsentRecipient.kind)
        }
        guard let schemeValue = member("scheme"), let codeValue = member("value") else {
            reader.report(path, "consent-recipient-shape", "send {\"scheme\": \"ods\", \"value\": \"QOX\"} or {\"kind\": \"icb\"}")
            return nil
        }
        let scheme: OrganisationIdentifierScheme? = reader.enumeration(schemeValue, at: path + "/scheme")
        guard let scheme, let code = reader.string(codeValue, at: path + "/value", maxLength: 16) else { return nil }
        return reader.parse { () throws(ValidationError) in try OrganisationIdentifier(scheme: scheme, value: code, path: path) }
            .map(ConsentRecipient.organisation)
    }
}
