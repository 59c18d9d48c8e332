import HandoverModel

/// Collects the entries of a Bundle the encoder writes, giving each a name-based fullUrl under the
/// message id so the same message is always written the same way, and writing each organisation
/// once however many elements refer to it.
struct FHIRBundleBuilder {
    let messageID: MessageID
    private(set) var entries: [(fullUrl: String, resource: JSONValue)] = []
    private var organisations: [String: String] = [:]

    init(messageID: MessageID) {
        self.messageID = messageID
    }

    /// The fullUrl of the resource named `name` (`Patient/subject`).
    func fullUrl(_ name: String) -> String {
        "urn:uuid:" + FHIRNameBasedUUID.make(namespace: messageID, name: name)
    }

    /// Adds a resource under `name`, with `id` the UUID of its fullUrl, and returns its fullUrl.
    @discardableResult
    mutating func add(_ resourceType: String, _ name: String, _ members: [(String, JSONValue?)]) -> String {
        let url = fullUrl(resourceType + "/" + name)
        add(resourceType, fullUrl: url, members)
        return url
    }

    /// Adds a resource at a given fullUrl (the MessageHeader's is the message id itself).
    mutating func add(_ resourceType: String, fullUrl: String, _ members: [(String, JSONValue?)]) {
        let id = String(fullUrl.dropFirst("urn:uuid:".count))
        let resource = FHIRJSON.object([("resourceType", .string(resourceType)), ("id", .string(id))] + members) ?? .null
        entries.append((fullUrl, resource))
    }

    /// The fullUrl of the Organization for a canonical organisation (`{scheme, value, name}`, or
    /// `{kind}` with scheme `kind`), adding it the first time.
    mutating func organisation(scheme: String, value: String, name: String?) -> String {
        // The same body under another name is another entry, so each element keeps its name.
        let key = scheme + "/" + value + (name.map { "/" + $0 } ?? "")
        if let url = organisations[key] { return url }
        var members: [(String, JSONValue?)] = []
        if scheme == "kind" {
            members.append(("type", FHIRJSON.array([FHIRJSON.concept(system: FHIRSystems.organisationKind, code: value)])))
            // An Organization needs a name or an identifier (org-1).
            members.append(("name", .string(name ?? "Any " + (FHIRCodes.organisationKindNames[value] ?? value))))
        } else {
            let system = FHIRCodes.organisationSystems.first { $0.scheme == scheme }?.system ?? FHIRSystems.ods
            members.append(("identifier", .array([FHIRJSON.identifier(system: system, value: value)])))
            members.append(("name", name.map(JSONValue.string)))
        }
        let url = add("Organization", key, members)
        organisations[key] = url
        return url
    }

    /// The Organization of a registered organisation.
    mutating func organisation(_ organisation: Organisation) -> String {
        self.organisation(scheme: organisation.identifier.scheme.rawValue, value: organisation.identifier.value, name: organisation.name)
    }
}

/// Small builders of FHIR JSON values, leaving out absent members so no element is ever empty.
enum FHIRJSON {
    /// An object of the members present, or nil when none is.
    static func object(_ members: [(String, JSONValue?)]) -> JSONValue? {
        let present = members.compactMap { name, value in value.map { (name, $0) } }
        return present.isEmpty ? nil : .object(present)
    }

    /// An array of the items present, or nil when none is (FHIR forbids empty arrays).
    static func array(_ items: [JSONValue?]) -> JSONValue? {
        let present = items.compactMap { $0 }
        return present.isEmpty ? nil : .array(present)
    }

    static func string(_ value: String?) -> JSONValue? {
        value.map { .string($0) }
    }

    static func coding(system: String, code: String, display: String? = nil) -> JSONValue {
        .object([("system", .string(system)), ("code", .string(code))] + (display.map { [("display", JSONValue.string($0))] } ?? []))
    }

    static func concept(system: String, code: String, display: String? = nil) -> JSONValue {
        .object([("coding", .array([coding(system: system, code: code, display: display)]))])
    }

    static func identifier(system: String, value: String) -> JSONValue {
        .object([("system", .string(system)), ("value", .string(value))])
    }

    static func reference(_ fullUrl: String) -> JSONValue {
        .object([("reference", .string(fullUrl))])
    }

    /// A project extension (`Extension-Handover-<name>`) with one value.
    static func extensionValue(_ name: String, _ type: String, _ value: JSONValue) -> JSONValue {
        .object([("url", .string(FHIRSystems.extensionBase + name)), ("value" + type, value)])
    }
}
