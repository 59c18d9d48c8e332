import HandoverModel

/// An object read from a FHIR message, with its FHIRPath-like location
/// (`Bundle.entry[2].resource.identifier[0]`).
struct FHIRNode {
    /// Where it is.
    let path: String
    /// Its members in the order sent.
    let members: [(String, JSONValue)]

    /// The member named `name`.
    subscript(name: String) -> JSONValue? {
        for member in members where member.0 == name { return member.1 }
        return nil
    }

    /// The location of member `name`.
    func at(_ name: String) -> String { path + "." + name }
}

/// Reads a parsed FHIR Bundle while collecting every broken rule, located by FHIRPath, and
/// remembering what the mapping read, so that everything else can be listed as dropped.
///
/// Objects are opened as a FHIR type: a member that is not an element of that type in FHIR R4 is
/// refused (`unknown-field`), since it is not FHIR; an R4 element the mapping does not read is
/// not an error but is reported by `unread` as dropped. A `modifierExtension` is refused, as FHIR
/// forbids ignoring one; an unknown `extension` is dropped, as FHIR allows.
struct FHIRReader {
    private(set) var issues: [ValidationIssue] = []
    private var opened: Set<String> = []
    private var taken: Set<String> = []
    let limits: FHIRLimits

    init(limits: FHIRLimits) {
        self.limits = limits
    }

    /// Records an issue (up to the limit).
    mutating func report(_ path: String, _ rule: String, _ hint: String) {
        if issues.count < limits.maxIssues { issues.append(ValidationIssue(path: path, rule: rule, hint: hint)) }
    }

    /// Records the issues of a model error.
    mutating func report(_ error: ValidationError) {
        for issue in error.issues { report(issue.path, issue.rule, issue.hint) }
    }

    /// Runs a validating initialiser, recording its issues instead of throwing.
    mutating func parse<T>(_ build: () throws(ValidationError) -> T) -> T? {
        do {
            return try build()
        } catch {
            report(error)
            return nil
        }
    }

    /// Marks the value at `path` as read whole.
    mutating func take(_ path: String) {
        taken.insert(path)
    }

    /// Opens `value` at `path` as an object of FHIR type `type`.
    mutating func open(_ value: JSONValue, at path: String, as type: String) -> FHIRNode? {
        guard case .object(let members) = value else {
            report(path, "type", "send a JSON object (a FHIR \(type)) here, not \(value.typeName)")
            take(path)
            return nil
        }
        // A resource referenced twice is opened twice; check its members once.
        if opened.insert(path).inserted, let allowed = FHIRElementNames.elements[type] {
            for (name, _) in members {
                if name == "modifierExtension" {
                    report(path + "." + name, "fhir-modifier-extension", "remove the modifier extension: FHIR forbids ignoring one, and the gateway understands none")
                    take(path + "." + name)
                } else if !allowed.contains(name) && !(name.hasPrefix("_") && allowed.contains(String(name.dropFirst()))) {
                    report(path + "." + name, "unknown-field", "FHIR R4 \(type) has no element \"\(name)\"; remove it or send it as an extension")
                    take(path + "." + name)
                }
            }
        }
        return FHIRNode(path: path, members: members)
    }

    /// The object member `name` of `node`, opened as `type`.
    mutating func child(_ node: FHIRNode, _ name: String, as type: String) -> FHIRNode? {
        guard let value = node[name] else { return nil }
        return open(value, at: node.at(name), as: type)
    }

    /// The items of the array member `name`, with their locations.
    mutating func items(_ node: FHIRNode, _ name: String) -> [(path: String, value: JSONValue)] {
        guard let value = node[name] else { return [] }
        let path = node.at(name)
        guard case .array(let items) = value else {
            report(path, "type", "send \(name) as a JSON array (FHIR repeats it), not \(value.typeName)")
            take(path)
            return []
        }
        opened.insert(path)
        if items.isEmpty {
            report(path, "non-empty", "leave \(name) out rather than sending an empty array (FHIR forbids empty arrays)")
        }
        return items.enumerated().map { (path + "[\($0.offset)]", $0.element) }
    }

    /// The objects of the array member `name`, opened as `type`.
    mutating func children(_ node: FHIRNode, _ name: String, as type: String) -> [FHIRNode] {
        items(node, name).compactMap { open($0.value, at: $0.path, as: type) }
    }

    /// The first object of the array member `name`, opened as `type`; later ones stay unread.
    mutating func first(_ node: FHIRNode, _ name: String, as type: String) -> FHIRNode? {
        guard let item = items(node, name).first else { return nil }
        return open(item.value, at: item.path, as: type)
    }

    /// A string member (FHIR string, code, uri, id, date, dateTime...), checked for type and length.
    mutating func string(_ node: FHIRNode, _ name: String, maxLength: Int = 4096) -> String? {
        guard let value = node[name] else { return nil }
        let path = node.at(name)
        take(path)
        return string(value, at: path, maxLength: maxLength)
    }

    /// A string value at `path`.
    mutating func string(_ value: JSONValue, at path: String, maxLength: Int = 4096) -> String? {
        guard case .string(let text) = value else {
            report(path, "type", "send a JSON string here, not \(value.typeName)")
            return nil
        }
        if text.isEmpty {
            report(path, "non-empty", "send a non-empty string or leave the element out (FHIR forbids empty strings)")
            return nil
        }
        if text.utf8.count > maxLength {
            report(path, "max-length", "send at most \(maxLength) bytes of text here")
            return nil
        }
        return text
    }

    /// The strings of an array member.
    mutating func strings(_ node: FHIRNode, _ name: String, maxLength: Int = 4096) -> [String] {
        items(node, name).compactMap { item in
            take(item.path)
            return string(item.value, at: item.path, maxLength: maxLength)
        }
    }

    /// A boolean member.
    mutating func boolean(_ node: FHIRNode, _ name: String) -> Bool? {
        guard let value = node[name] else { return nil }
        take(node.at(name))
        guard case .bool(let flag) = value else {
            report(node.at(name), "type", "send true or false here, not \(value.typeName)")
            return nil
        }
        return flag
    }

    /// A number member's lexeme, exactly as sent.
    mutating func number(_ node: FHIRNode, _ name: String) -> String? {
        guard let value = node[name] else { return nil }
        take(node.at(name))
        guard case .number(let lexeme) = value else {
            report(node.at(name), "type", "send a JSON number here, not \(value.typeName)")
            return nil
        }
        return lexeme
    }

    /// A full `YYYY-MM-DD` date member (FHIR also allows `YYYY` and `YYYY-MM`, which the canonical
    /// model cannot hold).
    mutating func date(_ node: FHIRNode, _ name: String) -> CalendarDate? {
        guard let text = string(node, name, maxLength: 64) else { return nil }
        let path = node.at(name)
        return parse { () throws(ValidationError) in try CalendarDate(validating: text, path: path) }
    }

    /// An RFC 3339 date-time member (a FHIR instant, or a dateTime with a time and zone), kept as sent.
    mutating func instant(_ node: FHIRNode, _ name: String) -> String? {
        guard let text = string(node, name, maxLength: 64) else { return nil }
        let path = node.at(name)
        return parse { () throws(ValidationError) in _ = try Timestamp.parse(text, path: path); return text }
    }

    /// Reports a missing element.
    mutating func require(_ present: Bool, _ path: String, _ hint: String) {
        if !present { report(path, "required", hint) }
    }

    /// Everything under `value` that was neither read whole nor opened: the topmost unread
    /// elements, located by FHIRPath.
    func unread(_ value: JSONValue, at path: String) -> [String] {
        var result: [String] = []
        walk(value, path, into: &result)
        return result
    }

    private func walk(_ value: JSONValue, _ path: String, into result: inout [String]) {
        if taken.contains(path) { return }
        guard opened.contains(path) else {
            result.append(path)
            return
        }
        switch value {
        case .object(let members):
            for (name, member) in members { walk(member, path + "." + name, into: &result) }
        case .array(let items):
            for (index, item) in items.enumerated() { walk(item, path + "[\(index)]", into: &result) }
        default:
            break
        }
    }
}
