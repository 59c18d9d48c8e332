public import HandoverModel

/// Reads and writes the canonical `subject` object (`contracts/canonical/person.schema.json`).
public enum CanonicalPersonCodec {
    static let fields = ["nhsNumber", "prisonerNumber", "crn", "localIds", "name", "birthDate"]

    /// Decodes a person, recording every broken rule in `reader`; nil when any rule was broken.
    public static func decode(_ value: JSONValue, at path: String, into reader: inout JSONFieldReader) -> Person? {
        guard let members = reader.object(value, at: path, allowed: fields) else { return nil }
        let before = reader.issues.count
        var nhsNumber: NHSNumber?
        var prisonerNumber: PrisonerNumber?
        var crn: CaseReferenceNumber?
        var localIds: [LocalPersonID] = []
        var name: PersonName?
        var birthDate: CalendarDate?
        for (field, member) in members {
            let here = path + "/" + field
            switch field {
            case "nhsNumber":
                if let raw = reader.string(member, at: here) {
                    nhsNumber = reader.parse { () throws(ValidationError) in try NHSNumber(validating: raw, path: here) }
                }
            case "prisonerNumber":
                if let raw = reader.string(member, at: here) {
                    prisonerNumber = reader.parse { () throws(ValidationError) in
                        try PrisonerNumber(validating: raw, path: here)
                    }
                }
            case "crn":
                if let raw = reader.string(member, at: here) {
                    crn = reader.parse { () throws(ValidationError) in try CaseReferenceNumber(validating: raw, path: here) }
                }
            case "localIds":
                localIds = decodeLocalIds(member, at: here, into: &reader)
            case "name":
                name = decodeName(member, at: here, into: &reader)
            case "birthDate":
                if let raw = reader.string(member, at: here) {
                    birthDate = reader.parse { () throws(ValidationError) in try CalendarDate(validating: raw, path: here) }
                }
            default:
                break
            }
        }
        reader.require(name, at: path + "/name", "send the person's name as {\"family\": \"...\", \"given\": [\"...\"]}")
        reader.require(birthDate, at: path + "/birthDate", "send the date of birth as YYYY-MM-DD")
        if nhsNumber == nil && prisonerNumber == nil && crn == nil && localIds.isEmpty {
            reader.report(
                path,
                "person-identifier",
                "send at least one of nhsNumber, prisonerNumber, crn or localIds so the recipient can match the person"
            )
        }
        guard reader.issues.count == before, let name, let birthDate else { return nil }
        return Person(
            nhsNumber: nhsNumber,
            prisonerNumber: prisonerNumber,
            crn: crn,
            localIds: localIds,
            name: name,
            birthDate: birthDate
        )
    }

    private static func decodeName(_ value: JSONValue, at path: String, into reader: inout JSONFieldReader) -> PersonName? {
        guard let members = reader.object(value, at: path, allowed: ["family", "given"]) else { return nil }
        var family: String?
        var given: [String] = []
        for (field, member) in members {
            let here = path + "/" + field
            if field == "family" {
                family = reader.string(member, at: here, maxLength: 200)
            } else if field == "given", let items = reader.array(member, at: here) {
                for (index, item) in items.enumerated() {
                    if let text = reader.string(item, at: here + "/\(index)", maxLength: 200) { given.append(text) }
                }
            }
        }
        reader.require(family, at: path + "/family", "send the family name as a string")
        return family.map { PersonName(family: $0, given: given) }
    }

    private static func decodeLocalIds(_ value: JSONValue, at path: String, into reader: inout JSONFieldReader) -> [LocalPersonID] {
        guard let items = reader.array(value, at: path) else { return [] }
        var result: [LocalPersonID] = []
        for (index, item) in items.enumerated() {
            let here = path + "/\(index)"
            guard let members = reader.object(item, at: here, allowed: ["system", "value"]) else { continue }
            let system = members.first { $0.0 == "system" }.flatMap { reader.string($0.1, at: here + "/system", maxLength: 200) }
            let id = members.first { $0.0 == "value" }.flatMap { reader.string($0.1, at: here + "/value", maxLength: 200) }
            reader.require(system, at: here + "/system", "send the issuing system, e.g. the council's GSS code E06000030")
            reader.require(id, at: here + "/value", "send the local identifier as a string")
            if let system, let id { result.append(LocalPersonID(system: system, value: id)) }
        }
        return result
    }

    /// A person as canonical JSON bytes, as the store keeps a message's subject.
    public static func json(_ person: Person) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        encode(person, into: &writer)
        return writer.bytes
    }

    /// Writes a person as canonical JSON; optional fields that are absent are omitted.
    public static func encode(_ person: Person, into writer: inout JSONWriter) {
        writer.raw("{")
        var first = true
        func field(_ name: String, _ writer: inout JSONWriter) {
            if !first { writer.raw(",") }
            first = false
            writer.key(name)
        }
        if let nhs = person.nhsNumber { field("nhsNumber", &writer); writer.string(nhs.value) }
        if let number = person.prisonerNumber { field("prisonerNumber", &writer); writer.string(number.value) }
        if let crn = person.crn { field("crn", &writer); writer.string(crn.value) }
        if !person.localIds.isEmpty {
            field("localIds", &writer)
            writer.raw("[")
            for (index, id) in person.localIds.enumerated() {
                if index > 0 { writer.raw(",") }
                writer.raw("{\"system\":")
                writer.string(id.system)
                writer.raw(",\"value\":")
                writer.string(id.value)
                writer.raw("}")
            }
            writer.raw("]")
        }
        field("name", &writer)
        writer.raw("{\"family\":")
        writer.string(person.name.family)
        writer.raw(",\"given\":[")
        for (index, given) in person.name.given.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.string(given)
        }
        writer.raw("]}")
        field("birthDate", &writer)
        writer.string(person.birthDate.description)
        writer.raw("}")
    }
}
