import HandoverModel

/// `/CareExchangeMessage/Person` and the canonical subject, both ways.
///
/// The identifiers, name and date of birth are the subject (`NHSNumber`, `PrisonerNumber`, `CRN`,
/// `LocalPersonId system="E06000030"`, `FamilyName`, `GivenName`..., `DateOfBirth`), validated by
/// the model's types. What the subject has no place for goes to the payload's `subjectDetails`:
/// `Title`, `Gender`, `Address` and `NHSNumberStatus` (the NHS number trace status `01`..`08`).
enum CouncilXMLPerson {
    static let details: [CouncilXMLField] = [
        .text("Title", "title"),
        CouncilXMLField("Gender", "gender", .code(["female", "male", "other", "unknown"])),
        CouncilXMLField("Address", "address", .group(CouncilXMLGroups.address)),
        CouncilXMLField("NHSNumberStatus", "nhsNumberVerificationStatus", .code(["01", "02", "03", "04", "05", "06", "07", "08"])),
    ]
    static let names = ["NHSNumber", "PrisonerNumber", "CRN", "LocalPersonId", "FamilyName", "GivenName", "DateOfBirth"] + details.map(\.element)
    static let maxOccurs = [1, 1, 1, 20, 1, 10, 1, 1, 1, 1, 1]

    /// The subject and its details; nil person when a rule was broken (recorded in `reader`).
    static func decode(_ located: CouncilXMLElementReader.Located, _ reader: inout CouncilXMLElementReader) -> (person: Person?, details: JSONValue?) {
        let before = reader.issues.count
        let found = reader.children(located, names: names, maxOccurs: maxOccurs)
        func text(_ slot: Int, trim: Bool) -> [(String, CouncilXMLElementReader.Located)] {
            found[slot].compactMap { item in reader.leaf(item, trim: trim).map { ($0, item) } }
        }
        // The model's checks are given no path: the element's is built only for an issue.
        // Only single elements are parsed, so the first is the only one.
        func parse<T>(_ slot: Int, _ build: (String) throws(ValidationError) -> T) -> T? {
            guard let item = found[slot].first, let raw = reader.leaf(item, trim: true) else { return nil }
            do {
                return try build(raw)
            } catch {
                reader.report(error, at: item)
                return nil
            }
        }
        let nhsNumber = parse(0) { (raw) throws(ValidationError) in try NHSNumber(validating: raw) }
        let prisonerNumber = parse(1) { (raw) throws(ValidationError) in try PrisonerNumber(validating: raw) }
        let crn = parse(2) { (raw) throws(ValidationError) in try CaseReferenceNumber(validating: raw) }
        var localIds: [LocalPersonID] = []
        for item in found[3] {
            let system = item.element.attribute("system").map(CouncilXMLElementReader.trimmed)
            if system?.isEmpty ?? true {
                reader.report(item.path + "/@system", "required", "name the issuing system in the system attribute, e.g. <LocalPersonId system=\"E06000030\">")
            }
            var attributesChecked = item
            attributesChecked.element.attributes.removeAll { $0.name == "system" && $0.namespace.isEmpty }
            guard let value = reader.leaf(attributesChecked, trim: false), let system, !system.isEmpty else { continue }
            if let text = check(value, maxBytes: 200, item, &reader), system.utf8.count <= 200 {
                localIds.append(LocalPersonID(system: system, value: text))
            } else if system.utf8.count > 200 {
                reader.report(item.path + "/@system", "max-length", "send a system of at most 200 bytes")
            }
        }
        let family = found[4].first.flatMap { item in reader.leaf(item, trim: false).flatMap { check($0, maxBytes: 200, item, &reader) } }
        reader.require(found[4], "FamilyName", in: located, hint: "send the family name in <FamilyName>")
        let given = text(5, trim: false).compactMap { check($0.0, maxBytes: 200, $0.1, &reader) }
        let birthDate = parse(6) { (raw) throws(ValidationError) in try CalendarDate(validating: raw) }
        reader.require(found[6], "DateOfBirth", in: located, hint: "send the date of birth in <DateOfBirth> as YYYY-MM-DD")
        if found[0].isEmpty && found[1].isEmpty && found[2].isEmpty && found[3].isEmpty {
            reader.report(located.path, "person-identifier", "send at least one of <NHSNumber>, <PrisonerNumber>, <CRN> or <LocalPersonId> so the recipient can match the person")
        }
        var members: [(String, JSONValue)] = []
        for (offset, field) in details.enumerated() {
            if let item = found[7 + offset].first, let value = reader.value(item, field.type) { members.append((field.member, value)) }
        }
        guard reader.issues.count == before, let family, let birthDate else { return (nil, nil) }
        let person = Person(nhsNumber: nhsNumber, prisonerNumber: prisonerNumber, crn: crn, localIds: localIds, name: PersonName(family: family, given: given), birthDate: birthDate)
        return (person, members.isEmpty ? nil : .object(members))
    }

    private static func check(
        _ raw: String, maxBytes: Int, _ located: CouncilXMLElementReader.Located, _ reader: inout CouncilXMLElementReader
    ) -> String? {
        do {
            _ = try CouncilXMLValues.check(raw, .text(maxBytes: maxBytes), path: "")
            return raw
        } catch {
            reader.report(error, at: located)
            return nil
        }
    }

    /// Writes the subject, with the members of `subjectDetails` (dropping any it has no element for).
    static func encode(_ person: Person, details: JSONValue?, into writer: inout CouncilXMLPayloadWriter) {
        writer.xml.open("Person")
        let detailMembers: [(String, JSONValue)]
        switch details {
        case .object(let members)?: detailMembers = members
        case let other?:
            writer.drop(other, at: "/payload/subjectDetails", "the format takes an object here")
            detailMembers = []
        case nil: detailMembers = []
        }
        func detail(_ offset: Int) {
            let field = self.details[offset]
            if let value = detailMembers.first(where: { $0.0 == field.member })?.1 {
                writer.write(value, at: CouncilXMLPayloadWriter.Pointer("/payload/subjectDetails", field.member), field)
            }
        }
        if let nhs = person.nhsNumber { writer.xml.element("NHSNumber", nhs.value) }
        detail(3)
        if let number = person.prisonerNumber { writer.xml.element("PrisonerNumber", number.value) }
        if let crn = person.crn { writer.xml.element("CRN", crn.value) }
        for (index, id) in person.localIds.enumerated() {
            if XMLWriter.canCarry(id.system) && XMLWriter.canCarry(id.value) && !id.value.isEmpty && !id.system.isEmpty {
                writer.xml.element("LocalPersonId", id.value, attributes: [("system", id.system)])
            } else {
                writer.note(DroppedField(location: "/subject/localIds/\(index)", reason: "the identifier holds a character XML cannot carry"))
            }
        }
        detail(0)
        writer.xml.element("FamilyName", XMLWriter.canCarry(person.name.family) ? person.name.family : "")
        for (index, given) in person.name.given.enumerated() {
            if XMLWriter.canCarry(given) && !given.isEmpty {
                writer.xml.element("GivenName", given)
            } else {
                writer.note(DroppedField(location: "/subject/name/given/\(index)", reason: "the name is empty or holds a character XML cannot carry"))
            }
        }
        writer.xml.element("DateOfBirth", person.birthDate.description)
        detail(1)
        detail(2)
        writer.xml.close("Person")
        for (name, value) in detailMembers where !self.details.contains(where: { $0.member == name }) {
            writer.drop(value, at: "/payload/subjectDetails/" + JSONPointer.escape(name), CouncilXMLPayloadWriter.noElement)
        }
    }
}
