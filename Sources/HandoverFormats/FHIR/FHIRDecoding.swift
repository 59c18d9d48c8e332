import HandoverModel

/// The state of decoding one Bundle: the reader, the entries by fullUrl, and the helpers the
/// per-kind mappings share (references, organisations, value shapes). The mappings extend it.
struct FHIRDecoding {
    /// One entry of the Bundle: its resource, not yet opened.
    struct Entry {
        let resourceType: String
        /// `Bundle.entry[n].resource`.
        let item: FHIRItem
    }

    var reader: FHIRReader
    private(set) var entries: [String: Entry] = [:]

    init(limits: FHIRLimits) {
        reader = FHIRReader(limits: limits)
    }

    /// Registers the entries of `bundle`, checking each has a unique fullUrl and a resource of an
    /// R4 type. Returns the entries in order (nil where an entry is unusable).
    mutating func index(_ bundle: FHIRNode) -> [Entry?] {
        var result: [Entry?] = []
        for entry in reader.children(bundle, "entry", as: "BundleEntry") {
            guard let item = reader.item(entry, "resource"), case .object(let members) = item.value else {
                reader.report(entry.at("resource"), entry["resource"] == nil ? "required" : "type", "send the resource of every entry as a JSON object")
                reader.take(entry, "resource")
                result.append(nil)
                continue
            }
            // The resource is opened as its type when the mapping reads it; one it never reads is
            // listed as dropped whole.
            guard case .string(let type)? = members.first(where: { $0.0 == "resourceType" })?.1, FHIRElementNames.resourceTypes.contains(type) else {
                reader.report(item.path + ".resourceType", "fhir-resource-type", "send a FHIR R4 resourceType, e.g. Patient")
                reader.take(item)
                result.append(nil)
                continue
            }
            let registered = Entry(resourceType: type, item: item)
            result.append(registered)
            guard let fullUrl = reader.string(entry, "fullUrl", maxLength: 256) else {
                reader.require(entry["fullUrl"] != nil, entry.at("fullUrl"), "send a fullUrl (urn:uuid:...) for every entry, so references can resolve")
                continue
            }
            if entries[fullUrl] != nil {
                reader.report(entry.at("fullUrl"), "fhir-duplicate-fullurl", "give every entry its own fullUrl")
            } else {
                entries[fullUrl] = registered
            }
        }
        return result
    }

    /// The resource a Reference points to inside the Bundle, opened as its type, when it is one of
    /// `types`.
    mutating func resolve(_ reference: FHIRNode?, _ types: [String], _ what: String) -> FHIRNode? {
        guard let reference else { return nil }
        guard let target = reader.string(reference, "reference", maxLength: 256) else {
            reader.require(reference["reference"] != nil, reference.at("reference"), "reference the \(what) by the fullUrl of its entry (urn:uuid:...)")
            return nil
        }
        guard let entry = entries[target] else {
            reader.report(reference.at("reference"), "fhir-reference-unresolved", "reference an entry of this Bundle by its fullUrl (urn:uuid:...)")
            return nil
        }
        guard types.contains(entry.resourceType) else {
            reader.report(reference.at("reference"), "fhir-reference-type", "reference a \(types.joined(separator: " or ")) as the \(what)")
            return nil
        }
        reader.take(reference, "type")
        reader.take(reference, "display")
        return resource(entry)
    }

    /// An entry's resource opened as its type; its `id` and `meta` are the Bundle's bookkeeping,
    /// not content, and are read as such.
    mutating func resource(_ entry: Entry) -> FHIRNode? {
        guard let node = reader.open(entry.item, as: entry.resourceType) else { return nil }
        reader.take(node, "id")
        reader.take(node, "meta")
        return node
    }

    /// A Reference member of `node` resolved to one of `types`.
    mutating func resolve(_ node: FHIRNode, _ name: String, _ types: [String], _ what: String) -> FHIRNode? {
        resolve(reader.child(node, name, as: "Reference"), types, what)
    }

    /// The code of a Coding whose system is `system`, checked against `allowed`.
    mutating func code(_ coding: FHIRNode?, system: String, allowed: [String], _ what: String) -> String? {
        guard let coding else { return nil }
        let codedSystem = reader.string(coding, "system", maxLength: 256)
        reader.take(coding, "display")
        reader.take(coding, "version")
        guard codedSystem == system else {
            reader.report(coding.at("system"), "fhir-code-system", "code the \(what) in \(system)")
            return nil
        }
        guard let code = reader.string(coding, "code", maxLength: 128) else {
            reader.require(coding["code"] != nil, coding.at("code"), "send the \(what) code")
            return nil
        }
        guard allowed.contains(code) else {
            reader.report(coding.at("code"), "enum", "send the \(what) as one of: \(allowed.joined(separator: ", "))")
            return nil
        }
        return code
    }

    /// The first Coding of a CodeableConcept member in `system`.
    mutating func conceptCode(_ node: FHIRNode, _ name: String, system: String, allowed: [String], _ what: String) -> String? {
        guard let concept = reader.child(node, name, as: "CodeableConcept") else { return nil }
        reader.take(concept, "text")
        return code(reader.first(concept, "coding", as: "Coding"), system: system, allowed: allowed, what)
    }

    /// Checks a required binding of an element the mapping does not carry (status, intent).
    mutating func expectCode(_ node: FHIRNode, _ name: String, allowed: [String]) {
        guard let value = reader.string(node, name, maxLength: 64) else {
            reader.require(node[name] != nil, node.at(name), "send \(name), one of: \(allowed.joined(separator: ", "))")
            return
        }
        if !allowed.contains(value) {
            reader.report(node.at(name), "enum", "send \(name) as one of: \(allowed.joined(separator: ", "))")
        }
    }

    /// The project extensions (`Extension-Handover-<name>`) of `node`, by name.
    mutating func extensions(_ node: FHIRNode) -> [String: FHIRNode] {
        var result: [String: FHIRNode] = [:]
        for item in reader.items(node, "extension") {
            guard case .object(let members) = item.value, case .string(let url)? = members.first(where: { $0.0 == "url" })?.1,
                url.hasPrefix(FHIRSystems.extensionBase)
            else { continue }
            let name = String(url.dropFirst(FHIRSystems.extensionBase.count))
            guard result[name] == nil, let opened = reader.open(item, as: "Extension") else { continue }
            reader.take(opened, "url")
            result[name] = opened
        }
        return result
    }
}
