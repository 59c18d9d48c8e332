import HandoverModel

/// The subject as a FHIR Patient, both ways.
///
/// | canonical | Patient |
/// |---|---|
/// | `subject.nhsNumber` | `identifier` with system `https://fhir.nhs.uk/Id/nhs-number` |
/// | `payload.subjectDetails.nhsNumberVerificationStatus` | that identifier's UK Core verification status extension |
/// | `subject.prisonerNumber`, `subject.crn` | `identifier` with the project's prisoner-number and probation-crn systems |
/// | `subject.localIds[]` | any other `identifier`: system `.../Id/local-person/<system>`, or the system URI itself |
/// | `subject.name`, `payload.subjectDetails.title` | the official (else first) `name`: `family`, `given`, `prefix[0]` |
/// | `subject.birthDate` | `birthDate` (a full date) |
/// | `payload.subjectDetails.gender`, `.address` | `gender`, the first `address` |
enum FHIRPatientMapping {
    /// The system of a local id: the canonical system when it is already a URI, else under the
    /// project's local-person prefix with anything but unreserved characters percent-encoded.
    static func system(forLocal system: String) -> String {
        let isURI = (system.hasPrefix("https://") || system.hasPrefix("http://") || system.hasPrefix("urn:"))
            && !system.hasPrefix(FHIRSystems.localPerson) && !system.utf8.contains { $0 <= 0x20 || $0 == 0x25 || $0 >= 0x7F }
        if isURI { return system }
        var bytes = Array(FHIRSystems.localPerson.utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in system.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The canonical system of a local id's identifier system, or nil when it is not valid
    /// percent-encoded UTF-8.
    static func localSystem(from system: String) -> String? {
        guard system.hasPrefix(FHIRSystems.localPerson) else { return system }
        let encoded = Array(system.utf8.dropFirst(FHIRSystems.localPerson.utf8.count))
        var bytes: [UInt8] = []
        var index = 0
        while index < encoded.count {
            if encoded[index] == UInt8(ascii: "%") {
                guard index + 2 < encoded.count, let byte = UInt8(String(decoding: encoded[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(byte)
                index += 3
            } else {
                bytes.append(encoded[index])
                index += 1
            }
        }
        guard !bytes.isEmpty, let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return text
    }
}

extension FHIRDecoding {
    /// The Patient a Reference member of `node` names, as the subject and its details.
    mutating func subject(_ node: FHIRNode, _ name: String) -> (person: Person?, details: JSONValue?) {
        guard node[name] != nil else {
            reader.report(node.at(name), "required", "reference the Patient the message is about")
            return (nil, nil)
        }
        guard let patient = resolve(node, name, ["Patient"], "subject") else { return (nil, nil) }
        return person(patient)
    }

    mutating func person(_ patient: FHIRNode) -> (person: Person?, details: JSONValue?) {
        let before = reader.issues.count
        var nhsNumber: NHSNumber?
        var status: String?
        var prisonerNumber: PrisonerNumber?
        var crn: CaseReferenceNumber?
        var localIds: [LocalPersonID] = []
        for identifier in reader.children(patient, "identifier", as: "Identifier") {
            guard case .string(let system)? = identifier["system"], let value = reader.string(identifier, "value", maxLength: 200) else { continue }
            reader.take(identifier, "system")
            reader.take(identifier, "use")
            let at = identifier.at("value")
            func once(_ present: Bool) -> Bool {
                if present { reader.report(at, "fhir-identifier-repeated", "send each kind of person identifier once") }
                return !present
            }
            switch system {
            case FHIRSystems.nhsNumber:
                guard once(nhsNumber != nil) else { continue }
                nhsNumber = reader.parse { () throws(ValidationError) in try NHSNumber(validating: value, path: at) }
                for item in reader.items(identifier, "extension") {
                    guard case .string(FHIRSystems.verificationStatusExtension)? = item.value["url"],
                        let ext = reader.open(item, as: "Extension")
                    else { continue }
                    reader.take(ext, "url")
                    status = conceptCode(ext, "valueCodeableConcept", system: FHIRSystems.verificationStatus, allowed: FHIRCodes.verificationStatuses, "NHS number verification status")
                }
            case FHIRSystems.prisonerNumber:
                guard once(prisonerNumber != nil) else { continue }
                prisonerNumber = reader.parse { () throws(ValidationError) in try PrisonerNumber(validating: value, path: at) }
            case FHIRSystems.crn:
                guard once(crn != nil) else { continue }
                crn = reader.parse { () throws(ValidationError) in try CaseReferenceNumber(validating: value, path: at) }
            default:
                guard let local = FHIRPatientMapping.localSystem(from: system), local.utf8.count <= 200 else {
                    reader.report(identifier.at("system"), "fhir-identifier-system", "percent-encode the issuer after \(FHIRSystems.localPerson) as UTF-8")
                    continue
                }
                localIds.append(LocalPersonID(system: local, value: value))
            }
        }
        let names = reader.items(patient, "name")
        let chosen = names.first { if case .string("official")? = $0.value["use"] { true } else { false } } ?? names.first
        var name: PersonName?
        var title: String?
        if let chosen, let human = reader.open(chosen, as: "HumanName") {
            reader.take(human, "use")
            let family = reader.string(human, "family", maxLength: 200)
            reader.require(human["family"] != nil, human.at("family"), "send the family name")
            let given = reader.strings(human, "given", maxLength: 200)
            let prefixes = reader.items(human, "prefix")
            if let first = prefixes.first {
                reader.take(first)
                title = reader.string(first.value, at: first.path, maxLength: 200)
            }
            name = family.map { PersonName(family: $0, given: given) }
        } else {
            reader.report(patient.at("name"), "required", "send the person's name with a family name")
        }
        let birthDate = reader.date(patient, "birthDate")
        reader.require(patient["birthDate"] != nil, patient.at("birthDate"), "send the date of birth as YYYY-MM-DD")
        var gender: String?
        if let value = reader.string(patient, "gender", maxLength: 16) {
            if FHIRCodes.genders.contains(value) { gender = value } else {
                reader.report(patient.at("gender"), "enum", "send gender as one of: \(FHIRCodes.genders.joined(separator: ", "))")
            }
        }
        let home = reader.first(patient, "address", as: "Address").flatMap { self.address($0) }
        if nhsNumber == nil && prisonerNumber == nil && crn == nil && localIds.isEmpty {
            reader.report(patient.at("identifier"), "person-identifier", "send an NHS number (system \(FHIRSystems.nhsNumber)) or another identifier the recipient can match the person by")
        }
        let details = FHIRJSON.object([
            ("title", FHIRJSON.string(title)), ("gender", FHIRJSON.string(gender)), ("address", home),
            ("nhsNumberVerificationStatus", FHIRJSON.string(status)),
        ])
        guard reader.issues.count == before, let name, let birthDate else { return (nil, details) }
        return (Person(nhsNumber: nhsNumber, prisonerNumber: prisonerNumber, crn: crn, localIds: localIds, name: name, birthDate: birthDate), details)
    }

    /// An Address as a canonical address: `line` (at most 5), `city`, `district`, `postalCode`.
    mutating func address(_ node: FHIRNode) -> JSONValue? {
        reader.take(node, "use")
        let lines = reader.strings(node, "line", maxLength: 200)
        if lines.count > 5 { reader.report(node.at("line"), "max-items", "send at most 5 address lines") }
        return FHIRJSON.object([
            ("lines", FHIRJSON.array(lines.map(JSONValue.string))),
            ("town", FHIRJSON.string(reader.string(node, "city", maxLength: 200))),
            ("county", FHIRJSON.string(reader.string(node, "district", maxLength: 200))),
            ("postcode", FHIRJSON.string(reader.string(node, "postalCode", maxLength: 16))),
        ])
    }

    /// A HumanName as a canonical name `{family, given}`.
    mutating func name(_ node: FHIRNode) -> JSONValue? {
        reader.take(node, "use")
        let given = reader.strings(node, "given", maxLength: 200)
        return FHIRJSON.object([
            ("family", FHIRJSON.string(reader.string(node, "family", maxLength: 200))),
            ("given", FHIRJSON.array(given.map(JSONValue.string))),
        ])
    }
}
