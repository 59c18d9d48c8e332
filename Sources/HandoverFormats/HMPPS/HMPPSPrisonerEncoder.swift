import HandoverModel

/// Writes the person and custody parts of a reception or release event from a canonical message:
/// `personReference`, `additionalInformation` and the `prisoner` block (the inverse of
/// `HMPPSSubject` and `HMPPSCustody`).
///
/// The prisoner number is written in all three places older and newer HMPPS consumers read it;
/// a PNC or CRO number in `localIds` becomes a `PNC` or `CRO` identifier; the prison goes in
/// `additionalInformation.prisonId` only (prisoner-search's own `prisonId` says `OUT` after a
/// release). Given names after the first are joined by spaces into `middleNames`.
enum HMPPSPrisonerEncoder {
    struct Parts {
        var personReference: JSONValue
        var additionalInformation: JSONValue
        var prisoner: JSONValue
    }

    static func encode(_ person: Person, event: HMPPSEventType, reason: HMPPSMovementReason?, _ payload: HMPPSObject, _ reader: inout HMPPSValueReader, dropped: inout [DroppedField]) -> Parts {
        var identifiers: [JSONValue] = []
        func identifier(_ type: String, _ value: String) {
            identifiers.append(.object([("type", .string(type)), ("value", .string(value))]))
        }
        if let number = person.prisonerNumber { identifier("NOMS", number.value) }
        if let nhs = person.nhsNumber { identifier("NHS", nhs.value) }
        if let crn = person.crn { identifier("CRN", crn.value) }
        var police: Set<String> = []
        for (index, id) in person.localIds.enumerated() {
            let at = "/subject/localIds/\(index)"
            let system = id.system.uppercased()
            guard system == "PNC" || system == "CRO", !police.contains(system) else {
                dropped.append(DroppedField(location: at, reason: "HMPPS events name a person by NOMS, NHS, CRN, PNC or CRO number, once each"))
                continue
            }
            guard let value = try? system == "PNC" ? PoliceRecordNumber.pnc(id.value, path: at) : PoliceRecordNumber.cro(id.value, path: at) else {
                dropped.append(DroppedField(location: at, reason: "not a valid \(system) number (its check letter does not match)"))
                continue
            }
            police.insert(system)
            identifier(system, value)
        }
        if identifiers.isEmpty {
            reader.report(ValidationError(path: "/subject", rule: "person-identifier", hint: "an HMPPS event names the person by prisoner (NOMS), NHS, CRN, PNC or CRO number: send one of them"))
        }

        let prisonId = reader.string(payload["prisonId"], .agency, at: "/prisonId")
        let additional = HMPPSPayload.object([
            ("nomsNumber", person.prisonerNumber.map { .string($0.value) }),
            ("reason", reason.map { .string($0.rawValue) }),
            ("prisonId", prisonId.map(JSONValue.string)),
        ])

        var bookingId: String?
        if let raw = reader.string(payload["bookingId"], .text(64), at: "/bookingId") {
            if raw.utf8.count <= 19, raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                bookingId = raw
            } else {
                reader.drop("/bookingId", "an HMPPS booking id is digits only")
            }
        }
        var gender: String?
        if let raw = reader.string(payload["subjectDetails"].flatMap { HMPPSPayload.members($0)["gender"] }, at: "/subjectDetails/gender") {
            gender = HMPPSSubject.genders.first { $0.canonical == raw }?.hmpps
            if gender == nil { reader.report("/subjectDetails/gender", "enum", "send one of: female, male, other, unknown") }
        }
        let given = person.name.given
        let prisoner = HMPPSPayload.object([
            ("prisonerNumber", person.prisonerNumber.map { .string($0.value) }),
            ("bookingId", bookingId.map(JSONValue.string)),
            ("firstName", given.first.map(JSONValue.string)),
            ("middleNames", given.count > 1 ? .string(given.dropFirst().joined(separator: " ")) : nil),
            ("lastName", .string(person.name.family)),
            ("dateOfBirth", .string(person.birthDate.description)),
            ("gender", gender.map(JSONValue.string)),
            ("prisonName", reader.read(payload["location"], .short, at: "/location")),
            ("receptionDate", reader.read(payload["receptionDate"], .date, at: "/receptionDate")),
            ("releaseDate", event == .released ? reader.read(payload["releaseDate"], .date, at: "/releaseDate") : nil),
            ("personalCareNeeds", event == .received ? reader.read(payload["personalCareNeeds"], HMPPSCustody.careNeed, at: "/personalCareNeeds") : nil),
        ])
        return Parts(personReference: .object([("identifiers", .array(identifiers))]), additionalInformation: additional, prisoner: prisoner)
    }
}
