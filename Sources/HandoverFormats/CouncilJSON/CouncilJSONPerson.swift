import HandoverModel

/// The council message's `person` and the canonical subject with its `subjectDetails`, both ways.
///
/// | person | canonical |
/// |---|---|
/// | `localPersonId` | `subject.localIds[0]`, system = the council's GSS code (`localAuthority.gssCode`) |
/// | `otherLocalIds[]` `{system, value}` | the further `subject.localIds` |
/// | `nhsNumber`, `prisonerNumber`, `crn` | the same subject members |
/// | `familyName`, `givenNames[]`, `dateOfBirth` | `subject.name.family`, `.given`, `subject.birthDate` |
/// | `nhsNumberStatus`, `title`, `genderCode`, `address` | `payload.subjectDetails.nhsNumberVerificationStatus`, `.title`, `.gender`, `.address` |
/// | `address.uprn`, `gpPracticeOds`, `ordinaryResidenceGss` | none: checked, then listed as dropped |
enum CouncilJSONPerson {
    static let fields = [
        "localPersonId", "otherLocalIds", "nhsNumber", "nhsNumberStatus", "prisonerNumber", "crn", "familyName", "givenNames",
        "title", "dateOfBirth", "genderCode", "address", "gpPracticeOds", "ordinaryResidenceGss",
    ]
    static let statuses = ["01", "02", "03", "04", "05", "06", "07", "08"]
    static let genders = ["female", "male", "other", "unknown"]
    static let details: [CouncilMember] = [
        CouncilMember("title", .text(64)),
        CouncilMember("gender", .code(genders)),
        CouncilMember("address", .address),
        CouncilMember("nhsNumberVerificationStatus", .code(statuses)),
    ]
    private static let wireAddress = CouncilValue.object([
        CouncilMember("lines", .array(.text(200), 5)), CouncilMember("town", .text(200)), CouncilMember("county", .text(200)),
        CouncilMember("postcode", .text(16)), CouncilMember("uprn", .text(12)),
    ])
    private static let notCarried = "the canonical subject has no place for it"
    private static let genderCode = CouncilValue.code(genders)
    private static let statusCode = CouncilValue.code(statuses)

    /// The subject and its details from `person`; nil person when a rule was broken.
    static func decode(
        _ value: JSONValue, at path: String, council: String, into reader: inout CouncilPayloadReader, dropped: inout [DroppedField]
    ) -> (person: Person?, details: JSONValue?) {
        guard let members = reader.fields.object(value, at: path, allowed: fields) else { return (nil, nil) }
        let before = reader.fields.issues.count
        func member(_ name: String) -> JSONValue? { members.first { $0.0 == name }?.1 }
        // Locations are built only for a value that breaks a rule.
        func text(_ name: String, _ limit: Int = 200) -> String? {
            guard let raw = member(name) else { return nil }
            if case .string(let text) = raw, !text.isEmpty, text.utf8.count <= limit { return text }
            return reader.fields.string(raw, at: path + "/" + name, maxLength: limit)
        }
        func checked<T>(_ name: String, _ build: (String) throws(ValidationError) -> T) -> T? {
            if let value = try? build("") { return value }
            let here = path + "/" + name
            return reader.fields.parse { () throws(ValidationError) in try build(here) }
        }
        var localIds: [LocalPersonID] = []
        if let id = text("localPersonId") { localIds.append(LocalPersonID(system: council, value: id)) }
        if let others = member("otherLocalIds"), case .array(let items)? = reader.read(others, as: .array(.object([
            CouncilMember("system", .text(200), required: true), CouncilMember("value", .text(200), required: true),
        ]), 20), at: path + "/otherLocalIds") {
            for item in items {
                if case .string(let system)? = item["system"], case .string(let id)? = item["value"] {
                    localIds.append(LocalPersonID(system: system, value: id))
                }
            }
        }
        let nhsNumber = text("nhsNumber", 16).flatMap { raw in
            checked("nhsNumber") { (here) throws(ValidationError) in try NHSNumber(validating: raw, path: here) }
        }
        let prisonerNumber = text("prisonerNumber", 16).flatMap { raw in
            checked("prisonerNumber") { (here) throws(ValidationError) in try PrisonerNumber(validating: raw, path: here) }
        }
        let crn = text("crn", 16).flatMap { raw in
            checked("crn") { (here) throws(ValidationError) in try CaseReferenceNumber(validating: raw, path: here) }
        }
        let family = text("familyName")
        var given: [String] = []
        if let names = member("givenNames"), case .array(let items)? = reader.read(names, as: .array(.text(200), 10), at: path + "/givenNames") {
            given = items.compactMap { if case .string(let name) = $0 { name } else { nil } }
        }
        let birthDate = text("dateOfBirth", 16).flatMap { raw in
            checked("dateOfBirth") { (here) throws(ValidationError) in try CalendarDate(validating: raw, path: here) }
        }
        reader.fields.require(family, at: path + "/familyName", "send the person's family name")
        if member("dateOfBirth") == nil { reader.fields.report(path + "/dateOfBirth", "required", "send the date of birth as YYYY-MM-DD") }
        if localIds.isEmpty && nhsNumber == nil && prisonerNumber == nil && crn == nil && reader.fields.issues.count == before {
            reader.fields.report(path, "person-identifier", "send at least one of localPersonId, nhsNumber, prisonerNumber, crn or otherLocalIds")
        }

        var address: JSONValue?
        if let raw = member("address"), case .object(var lines)? = reader.read(raw, as: wireAddress, at: path + "/address") {
            if lines.contains(where: { $0.0 == "uprn" }) {
                dropped.append(DroppedField(location: path + "/address/uprn", reason: notCarried))
                lines.removeAll { $0.0 == "uprn" }
            }
            address = .object(lines)
        }
        if let raw = member("gpPracticeOds"), reader.read(raw, as: .identifier(.ods), at: path + "/gpPracticeOds") != nil {
            dropped.append(DroppedField(location: path + "/gpPracticeOds", reason: notCarried))
        }
        if let raw = member("ordinaryResidenceGss"), reader.read(raw, as: .organisationCode(.gss), at: path + "/ordinaryResidenceGss") != nil {
            dropped.append(DroppedField(location: path + "/ordinaryResidenceGss", reason: notCarried))
        }
        let detailMembers: [(String, JSONValue?)] = [
            ("title", member("title").flatMap { reader.member($0, as: .text(64), parent: path, name: "title") }),
            ("gender", member("genderCode").flatMap { reader.member($0, as: genderCode, parent: path, name: "genderCode") }),
            ("address", address),
            ("nhsNumberVerificationStatus", member("nhsNumberStatus").flatMap { reader.member($0, as: statusCode, parent: path, name: "nhsNumberStatus") }),
        ]
        let present = detailMembers.compactMap { name, value in value.map { (name, $0) } }
        let subjectDetails: JSONValue? = present.isEmpty ? nil : .object(present)
        guard reader.fields.issues.count == before, let family, let birthDate else { return (nil, subjectDetails) }
        let person = Person(
            nhsNumber: nhsNumber, prisonerNumber: prisonerNumber, crn: crn, localIds: localIds,
            name: PersonName(family: family, given: given), birthDate: birthDate
        )
        return (person, subjectDetails)
    }

    /// The `person` for a subject and the payload's `subjectDetails` (canonical, may be nil), for
    /// the council whose GSS code is `council`.
    static func encode(_ person: Person, details: JSONValue?, council: String, into writer: inout CouncilPayloadWriter) -> JSONValue {
        var wire: [(String, JSONValue)] = []
        var localIds = person.localIds[...]
        if let first = localIds.first, first.system == council {
            wire.append(("localPersonId", .string(first.value)))
            localIds = localIds.dropFirst()
        }
        if !localIds.isEmpty {
            wire.append(("otherLocalIds", .array(localIds.map { .object([("system", .string($0.system)), ("value", .string($0.value))]) })))
        }
        if let nhs = person.nhsNumber { wire.append(("nhsNumber", .string(nhs.value))) }
        let written = details.flatMap { writer.object($0, Self.details, at: "/payload/subjectDetails") }
        if let status = written?["nhsNumberVerificationStatus"] { wire.append(("nhsNumberStatus", status)) }
        if let number = person.prisonerNumber { wire.append(("prisonerNumber", .string(number.value))) }
        if let crn = person.crn { wire.append(("crn", .string(crn.value))) }
        wire.append(("familyName", .string(person.name.family)))
        if !person.name.given.isEmpty { wire.append(("givenNames", .array(person.name.given.map(JSONValue.string)))) }
        if let title = written?["title"] { wire.append(("title", title)) }
        wire.append(("dateOfBirth", .string(person.birthDate.description)))
        if let gender = written?["gender"] { wire.append(("genderCode", gender)) }
        if let address = written?["address"] { wire.append(("address", address)) }
        return .object(wire)
    }
}
