import HandoverModel

/// The state of encoding one canonical message: the Bundle being built, the payload being read
/// (every member used is marked, the rest reported as dropped), and the issues found. The
/// per-kind mappings extend it.
struct FHIREncoding {
    var builder: FHIRBundleBuilder
    var payload: CanonicalPayloadReader
    var issues: [ValidationIssue] = []
    /// The fullUrl of an acknowledgement's OperationOutcome, for `MessageHeader.response.details`.
    var details: String?

    init(messageID: MessageID, payload: JSONValue) {
        builder = FHIRBundleBuilder(messageID: messageID)
        self.payload = CanonicalPayloadReader(payload)
    }

    /// Records an issue located by JSON Pointer into the canonical message.
    mutating func report(_ pointer: String, _ rule: String, _ hint: String) {
        issues.append(ValidationIssue(path: pointer, rule: rule, hint: hint))
    }

    /// A payload string member checked against a code list.
    mutating func code(_ pointer: String, _ allowed: [String], required: Bool = false) -> String? {
        guard let value = payload.string(pointer) else {
            if required { payload.report(pointer, "required", "send one of: \(allowed.joined(separator: ", "))") }
            return nil
        }
        guard allowed.contains(value) else {
            payload.report(pointer, "enum", "send one of: \(allowed.joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// A payload date member, validated.
    mutating func date(_ pointer: String) -> String? {
        guard let text = payload.string(pointer) else { return nil }
        return payload.parse { () throws(ValidationError) in try CalendarDate(validating: text, path: pointer).description }
    }

    /// A payload instant member, validated and kept as sent. RFC 3339 also allows a lower-case
    /// `t` and `z` and offsets past 14 hours, which a FHIR dateTime does not.
    mutating func instant(_ pointer: String) -> String? {
        guard let text = payload.string(pointer) else { return nil }
        guard payload.parse({ () throws(ValidationError) in try Timestamp.parse(text, path: pointer) }) != nil else { return nil }
        let bytes = Array(text.utf8)
        let zone = bytes.lastIndex { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }.map { bytes[$0...] }
        let hours = zone.flatMap { Int(String(decoding: $0.dropFirst().prefix(2), as: UTF8.self)) } ?? 0
        if bytes[10] == UInt8(ascii: "t") || bytes.last == UInt8(ascii: "z") || (zone?.count == 6 && hours > 14) {
            payload.report(pointer, "date-time-format", "send the instant with an upper-case T and Z and an offset of at most 14 hours, as FHIR requires")
            return nil
        }
        return text
    }

    /// A payload boolean member.
    mutating func boolean(_ pointer: String) -> Bool? {
        payload.boolean(pointer)
    }

    /// A payload integer member of pence as a FHIR Money (GBP, two decimals).
    mutating func money(_ pointer: String) -> JSONValue? {
        guard let pence = payload.integer(pointer) else { return nil }
        return .object([("value", .number(FHIRDecimal.fixed(pence))), ("currency", .string("GBP"))])
    }

    /// The Organization of a canonical organisation at `pointer` (`{scheme, value, name}` or `{kind}`).
    mutating func organisation(_ pointer: String, name: String? = nil) -> String? {
        guard payload.value(pointer) != nil else { return nil }
        if let kind = payload.string(pointer + "/kind") {
            guard OrganisationKind(rawValue: kind) != nil else {
                payload.report(pointer + "/kind", "enum", "send an organisation kind: \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return builder.organisation(scheme: "kind", value: kind, name: name ?? payload.string(pointer + "/name"))
        }
        guard let schemeText = payload.string(pointer + "/scheme"), let scheme = OrganisationIdentifierScheme(rawValue: schemeText) else {
            payload.report(pointer + "/scheme", "enum", "send the organisation's scheme: gss, ods or prison-agency")
            return nil
        }
        guard let value = payload.string(pointer + "/value"),
            let identifier = payload.parse({ () throws(ValidationError) in try OrganisationIdentifier(scheme: scheme, value: value, path: pointer) })
        else {
            if payload.value(pointer + "/value") == nil { payload.report(pointer + "/value", "required", "send the organisation's code") }
            return nil
        }
        return builder.organisation(scheme: scheme.rawValue, value: identifier.value, name: name ?? payload.string(pointer + "/name"))
    }

    /// A canonical address at `pointer` as a FHIR Address.
    mutating func address(_ pointer: String) -> JSONValue? {
        guard payload.value(pointer) != nil else { return nil }
        let lines = payload.strings(pointer + "/lines")
        return FHIRJSON.object([
            ("line", FHIRJSON.array(lines.map(JSONValue.string))),
            ("city", FHIRJSON.string(payload.string(pointer + "/town"))),
            ("district", FHIRJSON.string(payload.string(pointer + "/county"))),
            ("postalCode", FHIRJSON.string(payload.string(pointer + "/postcode"))),
        ])
    }

    /// A canonical name `{family, given}` at `pointer` as a FHIR HumanName.
    mutating func name(_ pointer: String) -> JSONValue? {
        guard payload.value(pointer) != nil else { return nil }
        return FHIRJSON.object([
            ("family", FHIRJSON.string(payload.string(pointer + "/family"))),
            ("given", FHIRJSON.array(payload.strings(pointer + "/given").map(JSONValue.string))),
        ])
    }

    /// The subject as a Patient entry; returns its fullUrl.
    mutating func patient(_ person: Person) -> String {
        var identifiers: [JSONValue] = []
        let status = code("/subjectDetails/nhsNumberVerificationStatus", FHIRCodes.verificationStatuses)
        if let nhs = person.nhsNumber {
            let statusExtension = status.map { code in
                JSONValue.object([
                    ("url", .string(FHIRSystems.verificationStatusExtension)),
                    ("valueCodeableConcept", FHIRJSON.concept(system: FHIRSystems.verificationStatus, code: code)),
                ])
            }
            identifiers.append(FHIRJSON.object([
                ("extension", FHIRJSON.array([statusExtension])), ("system", .string(FHIRSystems.nhsNumber)), ("value", .string(nhs.value)),
            ]) ?? .null)
        } else if status != nil {
            payload.unuse("/subjectDetails/nhsNumberVerificationStatus")
        }
        if let number = person.prisonerNumber { identifiers.append(FHIRJSON.identifier(system: FHIRSystems.prisonerNumber, value: number.value)) }
        if let crn = person.crn { identifiers.append(FHIRJSON.identifier(system: FHIRSystems.crn, value: crn.value)) }
        for local in person.localIds {
            identifiers.append(FHIRJSON.identifier(system: FHIRPatientMapping.system(forLocal: local.system), value: local.value))
        }
        let name = FHIRJSON.object([
            ("use", .string("official")), ("family", .string(person.name.family)),
            ("given", FHIRJSON.array(person.name.given.map(JSONValue.string))),
            ("prefix", FHIRJSON.array([FHIRJSON.string(payload.string("/subjectDetails/title"))])),
        ])
        let addressValue = address("/subjectDetails/address")
        return builder.add("Patient", "subject", [
            ("identifier", FHIRJSON.array(identifiers)),
            ("name", FHIRJSON.array([name])),
            ("gender", FHIRJSON.string(code("/subjectDetails/gender", FHIRCodes.genders))),
            ("birthDate", .string(person.birthDate.description)),
            ("address", addressValue.map { a in
                if case .object(let members) = a { return .array([.object([("use", .string("home"))] + members)]) }
                return a
            }),
        ])
    }
}
