import HandoverModel

/// The person an HMPPS event is about, and the canonical subject, both ways.
///
/// | canonical | HMPPS event |
/// |---|---|
/// | `subject.prisonerNumber` | `personReference.identifiers[type=NOMS]`, `additionalInformation.nomsNumber` (older events carry only this), `prisoner.prisonerNumber` |
/// | `subject.nhsNumber` | `identifiers[type=NHS]`, modulus 11 checked |
/// | `subject.crn` | `identifiers[type=CRN]` |
/// | `subject.localIds[{system: "PNC"}]`, `[{system: "CRO"}]` | `identifiers[type=PNC]` / `prisoner.pncNumber`, `identifiers[type=CRO]` / `prisoner.croNumber`, mod-23 check letter checked |
/// | `payload.bookingId` | `identifiers[type=BOOKING_ID]`, `prisoner.bookingId` |
/// | `subject.name.family`, `.given` | `prisoner.lastName`; `prisoner.firstName`, `prisoner.middleNames` |
/// | `subject.birthDate` | `prisoner.dateOfBirth` |
/// | `payload.subjectDetails.gender` | `prisoner.gender` |
///
/// Every place that names the same identifier must name the same value (`hmpps-conflict`).
enum HMPPSSubject {
    static let identifierTypes = ["NOMS", "NHS", "CRN", "PNC", "CRO", "BOOKING_ID"]
    static let genders: [(hmpps: String, canonical: String)] = [
        ("Female", "female"), ("Male", "male"), ("Not Specified (Indeterminate)", "other"), ("Not Known / Not Recorded", "unknown"),
    ]
    /// Prisoner-search genders read but not written: `Refused` says no more than unknown.
    static let readOnlyGenders = ["Refused": "unknown"]

    private static let prisonerIdentifiers = [
        ("prisonerNumber", "NOMS", "/prisoner/prisonerNumber"), ("pncNumber", "PNC", "/prisoner/pncNumber"),
        ("croNumber", "CRO", "/prisoner/croNumber"), ("bookingId", "BOOKING_ID", "/prisoner/bookingId"),
    ]
    private static let genderShape = HMPPSShape.oneOf(genders.map(\.hmpps) + readOnlyGenders.keys.sorted())
    private static let identifierShape = HMPPSShape.oneOf(identifierTypes)

    /// What the event says about the person.
    struct Decoded {
        var person: Person?
        var bookingId: String?
        var gender: String?
    }

    /// A value found in one member, remembered with where it was so a disagreeing member can
    /// point at it.
    private struct Found {
        var value: String
        var path: String
    }

    static func decode(personReference: JSONValue?, additional: HMPPSObject?, prisoner: HMPPSObject?, _ reader: inout HMPPSValueReader) -> Decoded {
        let before = reader.issues.count
        var found: [String: Found] = [:]
        func record(_ type: String, _ value: String?, at path: String, key: (String) -> String = { $0 }, _ reader: inout HMPPSValueReader) {
            guard let value else { return }
            if let earlier = found[type] {
                if key(earlier.value) != key(value) {
                    reader.report(path, "hmpps-conflict", "this member names a different \(type) number from \(earlier.path); send the same one in both, or one of them")
                }
            } else {
                found[type] = Found(value: value, path: path)
            }
        }
        if let reference = reader.object(personReference, at: "/personReference", allowed: ["identifiers"]) {
            let list = reference["identifiers"]
            reader.require(list, at: "/personReference/identifiers", "send the identifiers as [{\"type\": \"NOMS\", \"value\": \"A1234BC\"}]")
            if case .array(let items)? = list {
                if items.isEmpty || items.count > identifierTypes.count {
                    reader.report("/personReference/identifiers", "max-items", "send one to \(identifierTypes.count) identifiers, each type at most once")
                } else {
                    for (index, item) in items.enumerated() {
                        func here() -> String { "/personReference/identifiers/\(index)" }
                        guard let entry = reader.object(item, at: here(), allowed: ["type", "value"]) else { continue }
                        let type = reader.string(entry["type"], identifierShape, at: here() + "/type")
                        let raw = reader.string(entry["value"], .text(64), at: here() + "/value")
                        if entry["type"] == nil { reader.report(here() + "/type", "required", "send the identifier type, one of \(identifierTypes.joined(separator: ", "))") }
                        if entry["value"] == nil { reader.report(here() + "/value", "required", "send the identifier value as a string") }
                        guard let type, let raw else { continue }
                        if found[type]?.path.hasPrefix("/personReference") == true {
                            reader.report(here(), "hmpps-identifier-repeated", "send each type of identifier once")
                            continue
                        }
                        let value = identifier(type, raw, at: here() + "/value", &reader)
                        record(type, value, at: here() + "/value", key: type == "PNC" ? PoliceRecordNumber.pncKey : { $0 }, &reader)
                    }
                }
            } else if let list, list != .null {
                reader.report("/personReference/identifiers", "type", "send the identifiers as a JSON array")
            }
        }
        if let raw = reader.string(additional?["nomsNumber"], .text(64), at: "/additionalInformation/nomsNumber") {
            record("NOMS", identifier("NOMS", raw, at: "/additionalInformation/nomsNumber", &reader), at: "/additionalInformation/nomsNumber", &reader)
        }
        var family: String?
        var given: [String] = []
        var birthDate: CalendarDate?
        var gender: String?
        if let prisoner {
            for (member, type, here) in prisonerIdentifiers {
                if let raw = reader.string(prisoner[member], .text(64), at: here) {
                    record(type, identifier(type, raw, at: here, &reader), at: here, key: type == "PNC" ? PoliceRecordNumber.pncKey : { $0 }, &reader)
                }
            }
            family = reader.string(prisoner["lastName"], at: "/prisoner/lastName")
            reader.require(prisoner["lastName"], at: "/prisoner/lastName", "send the family name in lastName")
            given = [("firstName", HMPPSShape.short), ("middleNames", .text(1024))].compactMap { reader.string(prisoner[$0.0], $0.1, at: "/prisoner/" + $0.0) }
            if let raw = reader.string(prisoner["dateOfBirth"], .date, at: "/prisoner/dateOfBirth") {
                birthDate = try? CalendarDate(validating: raw)
            }
            reader.require(prisoner["dateOfBirth"], at: "/prisoner/dateOfBirth", "send the date of birth as YYYY-MM-DD")
            if let raw = reader.string(prisoner["gender"], genderShape, at: "/prisoner/gender") {
                gender = genders.first { $0.hmpps == raw }?.canonical ?? readOnlyGenders[raw]
            }
        } else {
            reader.report("/prisoner", "required", "send the prisoner block with at least lastName and dateOfBirth")
        }
        let nhsNumber = found["NHS"].flatMap { try? NHSNumber(validating: $0.value) }
        let prisonerNumber = found["NOMS"].flatMap { try? PrisonerNumber(validating: $0.value) }
        let crn = found["CRN"].flatMap { try? CaseReferenceNumber(validating: $0.value) }
        let localIds = ["PNC", "CRO"].compactMap { type in found[type].map { LocalPersonID(system: type, value: $0.value) } }
        if nhsNumber == nil && prisonerNumber == nil && crn == nil && localIds.isEmpty && reader.issues.count == before {
            reader.report("/personReference", "person-identifier", "send at least one identifier, e.g. {\"identifiers\": [{\"type\": \"NOMS\", \"value\": \"A1234BC\"}]}")
        }
        var decoded = Decoded(bookingId: found["BOOKING_ID"]?.value, gender: gender)
        if reader.issues.count == before, let family, let birthDate {
            decoded.person = Person(
                nhsNumber: nhsNumber, prisonerNumber: prisonerNumber, crn: crn, localIds: localIds,
                name: PersonName(family: family, given: given), birthDate: birthDate
            )
        }
        return decoded
    }

    /// Validates and normalises one identifier; nil after reporting a problem.
    static func identifier(_ type: String, _ raw: String, at path: @autoclosure () -> String, _ reader: inout HMPPSValueReader) -> String? {
        do throws(ValidationError) {
            switch type {
            case "NOMS": return try PrisonerNumber(validating: raw).value
            case "NHS": return try NHSNumber(validating: raw).value
            case "CRN": return try CaseReferenceNumber(validating: raw).value
            case "PNC": return try PoliceRecordNumber.pnc(raw, path: "")
            case "CRO": return try PoliceRecordNumber.cro(raw, path: "")
            default:
                guard (1...19).contains(raw.utf8.count), raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                    throw ValidationError(path: "", rule: "booking-id-format", hint: "send the booking id as its digits, e.g. 1234567")
                }
                return raw
            }
        } catch {
            reader.report(error, at: path)
            return nil
        }
    }
}
