import HandoverModel

/// The PID segment and the canonical subject, both ways.
///
/// PID-3 repetitions are read by assigning authority (CX.4) and identifier type (CX.5):
/// `NHS`/`NH` is the NHS number, `HMPPS`/`PN` the prisoner number, `NDELIUS`/`PN` the probation
/// CRN, and any other authority a local id whose system is the authority. PID-5 gives the name
/// (XPN.1 family, XPN.2 and XPN.3 given names, XPN.5 the title), PID-7 the date of birth (its time,
/// if any, is not kept). What the canonical subject has no place for goes into the payload's
/// `subjectDetails`: `title`, `gender` (PID-8 as FHIR administrative gender), `address` (PID-11)
/// and `nhsNumberVerificationStatus` (PID-32 `NSTS01`..`NSTS08` as `01`..`08`; an NSTS code in
/// PID-31 is read too and written back in PID-32).
enum PrisonHealthcarePerson {
    static let genders: [(code: String, gender: String)] = [("F", "female"), ("M", "male"), ("O", "other"), ("U", "unknown")]

    /// The subject and its details from PID; nil person when a rule was broken (recorded in `reader`).
    static func decode(_ reader: inout ER7FieldReader) -> (person: Person?, details: JSONValue?) {
        guard reader.has("PID") else {
            reader.report(ER7Location("PID"), "hl7-segment-required", "send a PID segment identifying the person")
            return (nil, nil)
        }
        let before = reader.issues.count
        reader.markUsed(ER7Location("PID", field: 1))
        var nhsNumber: NHSNumber?
        var prisonerNumber: PrisonerNumber?
        var crn: CaseReferenceNumber?
        var localIds: [LocalPersonID] = []
        let identifiers = reader.repetitions(ER7Location("PID", field: 3))
        for index in identifiers.texts.indices {
            let here = ER7Location("PID", field: 3, repetition: index + 1)
            let value = reader.text(here.at(component: 1))
            let authority = reader.text(here.at(component: 4)) ?? ""
            let type = reader.text(here.at(component: 5)) ?? ""
            guard let value else {
                reader.report(here.at(component: 1), "required", "send the identifier value in CX.1, e.g. 9449305552^^^NHS^NH")
                continue
            }
            let path = here.at(component: 1).description
            switch (authority.uppercased(), type.uppercased()) {
            case ("NHS", "NH"):
                if nhsNumber != nil { repeated(here, &reader); continue }
                nhsNumber = reader.parse { () throws(ValidationError) in try NHSNumber(validating: value, path: path) }
            case ("HMPPS", "PN"):
                if prisonerNumber != nil { repeated(here, &reader); continue }
                prisonerNumber = reader.parse { () throws(ValidationError) in try PrisonerNumber(validating: value, path: path) }
            case ("NDELIUS", "PN"):
                if crn != nil { repeated(here, &reader); continue }
                crn = reader.parse { () throws(ValidationError) in try CaseReferenceNumber(validating: value, path: path) }
            case (_, "NH"), ("NHS", _):
                reader.report(here, "hl7-identifier-type", "send the NHS number with assigning authority NHS and type NH: 9449305552^^^NHS^NH")
            case ("", _):
                reader.report(here.at(component: 4), "required", "name the assigning authority in CX.4 (NHS, HMPPS, NDELIUS or the issuing system)")
            default:
                localIds.append(LocalPersonID(system: authority, value: value))
            }
        }
        if identifiers.isEmpty || (nhsNumber == nil && prisonerNumber == nil && crn == nil && localIds.isEmpty && reader.issues.count == before) {
            reader.report(
                ER7Location("PID", field: 3),
                "person-identifier",
                "send at least one identifier in PID-3, e.g. 9449305552^^^NHS^NH~A1234BC^^^HMPPS^PN"
            )
        }
        let nameAt = ER7Location("PID", field: 5, repetition: 1)
        let family = reader.text(nameAt.at(component: 1))
        let given = [2, 3].compactMap { reader.text(nameAt.at(component: $0)) }
        let title = reader.text(nameAt.at(component: 5))
        if family == nil {
            reader.report(nameAt.at(component: 1), "required", "send the family name in PID-5.1, e.g. CHISLETT^Octavia")
        }
        let birthAt = ER7Location("PID", field: 7)
        var birthDate: CalendarDate?
        if let stamp = reader.timestamp(birthAt) {
            birthDate = stamp.date
        } else if reader.text(birthAt) == nil {
            reader.report(birthAt, "required", "send the date of birth in PID-7 as YYYYMMDD")
        }
        var gender: String?
        if let code = reader.text(ER7Location("PID", field: 8)) {
            gender = genders.first { $0.code == code.uppercased() }?.gender
            if gender == nil {
                switch code.uppercased() {
                case "A": gender = "other"
                case "N": gender = "unknown"
                default: reader.report(ER7Location("PID", field: 8), "hl7-code", "send the administrative sex as F, M, O or U")
                }
            }
        }
        let address = PrisonHealthcareValues.address(ER7Location("PID", field: 11, repetition: 1), &reader)
        var status: String?
        // NHS England puts the verification status in PID-32; some senders put it one field early,
        // in PID-31, which v2.4 types as a Y/N indicator, so an NSTS code there is read too.
        for field in [32, 31] {
            let at = ER7Location("PID", field: field)
            guard status == nil, let code = reader.text(at) else { continue }
            let digits = String(code.uppercased().dropFirst(4))
            if code.uppercased().hasPrefix("NSTS"), ["01", "02", "03", "04", "05", "06", "07", "08"].contains(digits) {
                status = digits
            } else if field == 32 {
                reader.report(at, "hl7-code", "send the NHS number verification status in PID-32 as NSTS01 to NSTS08")
            } else {
                reader.unuse(at)
            }
        }
        let details = PrisonHealthcareValues.object([
            ("title", PrisonHealthcareValues.text(title)),
            ("gender", PrisonHealthcareValues.text(gender)),
            ("address", address),
            ("nhsNumberVerificationStatus", PrisonHealthcareValues.text(status)),
        ])
        guard reader.issues.count == before, let family, let birthDate else { return (nil, details) }
        let person = Person(
            nhsNumber: nhsNumber,
            prisonerNumber: prisonerNumber,
            crn: crn,
            localIds: localIds,
            name: PersonName(family: family, given: given),
            birthDate: birthDate
        )
        return (person, details)
    }

    private static func repeated(_ location: ER7Location, _ reader: inout ER7FieldReader) {
        reader.report(location, "hl7-identifier-repeated", "send each kind of identifier once in PID-3")
    }

    /// The PID segment for a subject and the payload's `subjectDetails`.
    static func encode(_ person: Person, _ payload: inout CanonicalPayloadReader) -> ER7SegmentWriter {
        var pid = ER7SegmentWriter("PID")
        pid[1] = "1"
        var identifiers: [[String]] = []
        if let nhs = person.nhsNumber { identifiers.append([nhs.value, "", "", "NHS", "NH"]) }
        if let number = person.prisonerNumber { identifiers.append([number.value, "", "", "HMPPS", "PN"]) }
        if let crn = person.crn { identifiers.append([crn.value, "", "", "NDELIUS", "PN"]) }
        for id in person.localIds { identifiers.append([id.value, "", "", id.system, "PI"]) }
        pid[3] = .repetitions(identifiers)
        let given = person.name.given
        pid[5] = .components([
            person.name.family, given.first ?? "", given.dropFirst().joined(separator: " "), "",
            payload.string("/subjectDetails/title") ?? "",
        ])
        pid[7] = .text(HL7Timestamp(date: person.birthDate).er7)
        if let gender = payload.string("/subjectDetails/gender") {
            if let code = genders.first(where: { $0.gender == gender })?.code {
                pid[8] = .text(code)
            } else {
                payload.report("/subjectDetails/gender", "enum", "send one of: female, male, other, unknown")
            }
        }
        if payload.value("/subjectDetails/address") != nil {
            pid[11] = PrisonHealthcareValues.address("/subjectDetails/address", &payload)
        }
        if let status = payload.string("/subjectDetails/nhsNumberVerificationStatus") {
            if ["01", "02", "03", "04", "05", "06", "07", "08"].contains(status) {
                pid[32] = .text("NSTS" + status)
            } else {
                payload.report("/subjectDetails/nhsNumberVerificationStatus", "enum", "send a verification status from 01 to 08")
            }
        }
        return pid
    }
}
