import HandoverModel

/// Reads council XML elements into canonical JSON by the field tables, collecting every broken
/// rule with its XPath and every element the canonical model has no place for.
///
/// The format is closed: an element or attribute the table does not name is `unknown-field`, an
/// element in another namespace is `xml-namespace`, a single element sent twice is `max-occurs`,
/// text beside child elements is `xml-mixed-content`. Problems are collected (up to `maxIssues`)
/// so that a partner can fix a document in one go.
struct CouncilXMLElementReader {
    /// The most issues kept for one document; past this the report says little more.
    static let maxIssues = 100

    private(set) var issues: [ValidationIssue] = []
    private(set) var dropped: [DroppedField] = []

    /// A child element with its XPath.
    typealias Located = (element: XMLElement, path: String)

    mutating func report(_ path: String, _ rule: String, _ hint: String) {
        if issues.count < Self.maxIssues { issues.append(ValidationIssue(path: path, rule: rule, hint: hint)) }
    }

    mutating func report(_ error: ValidationError) {
        for issue in error.issues { report(issue.path, issue.rule, issue.hint) }
    }

    mutating func drop(_ path: String, _ reason: String) {
        dropped.append(DroppedField(location: path, reason: reason))
    }

    /// The children of a complex element sorted by the names allowed (one list per name, in
    /// document order), reporting anything else. `maxOccurs` gives each name's maximum; a
    /// repeatable name's paths always carry `[n]`, a single one's only from the second on.
    mutating func children(
        _ element: XMLElement, at path: String, names: [String], maxOccurs: [Int], attributes: [String] = []
    ) -> [[Located]] {
        var result = [[Located]](repeating: [], count: names.count)
        for attribute in element.attributes where !(attribute.namespace.isEmpty && attributes.contains(attribute.name)) {
            report(path + "/@" + attribute.name, "unknown-field", attributes.isEmpty
                ? "remove the attribute; <\(element.name)> has none"
                : "remove the attribute; <\(element.name)> has only \(attributes.joined(separator: ", "))")
        }
        if element.text.utf8.contains(where: { !(XMLReaderState.isWhitespace($0)) }) {
            report(path, "xml-mixed-content", "send only child elements inside <\(element.name)>, no text beside them")
        }
        var unknown: [String: Int] = [:]
        for child in element.children {
            guard let slot = names.firstIndex(of: child.name) else {
                let count = (unknown[child.name] ?? 0) + 1
                unknown[child.name] = count
                report(path + "/" + child.name + (count > 1 ? "[\(count)]" : ""), "unknown-field", "remove <\(child.name)>; <\(element.name)> has only \(names.joined(separator: ", "))")
                continue
            }
            let count = result[slot].count + 1
            let here = path + "/" + child.name + (maxOccurs[slot] > 1 || count > 1 ? "[\(count)]" : "")
            guard child.namespace == CouncilXMLMessage.namespace else {
                report(here, "xml-namespace", "put <\(child.name)> in the namespace \(CouncilXMLMessage.namespace), like the root element")
                continue
            }
            guard count <= maxOccurs[slot] else {
                report(here, "max-occurs", maxOccurs[slot] == 1 ? "send <\(child.name)> at most once here" : "send at most \(maxOccurs[slot]) <\(child.name)> elements here")
                continue
            }
            result[slot].append((child, here))
        }
        return result
    }

    /// The text of a simple element (trimmed when `trim`), or nil after reporting child elements
    /// or attributes.
    mutating func leaf(_ located: Located, trim: Bool) -> String? {
        let (element, path) = located
        for attribute in element.attributes {
            report(path + "/@" + attribute.name, "unknown-field", "remove the attribute; <\(element.name)> has none")
        }
        guard element.children.isEmpty else {
            report(path, "type", "send text inside <\(element.name)>, not child elements")
            return nil
        }
        return trim ? Self.trimmed(element.text) : element.text
    }

    /// A required leaf's place when it is missing.
    mutating func require(_ found: [Located], _ name: String, in path: String, hint: String) {
        if found.isEmpty { report(path + "/" + name, "required", hint) }
    }

    /// A group's members as a canonical object, in table order; nil when none is present.
    mutating func group(_ located: Located, fields: [CouncilXMLField]) -> JSONValue? {
        let found = children(located.element, at: located.path, names: fields.map(\.element), maxOccurs: fields.map(\.maxOccurs))
        var members: [(String, JSONValue)] = []
        for (field, items) in zip(fields, found) {
            if field.occurs == .required, items.isEmpty {
                report(located.path + "/" + field.element, "required", "send <\(field.element)> in <\(located.element.name)>")
            }
            let values = items.compactMap { value($0, field.type) }
            guard values.count == items.count, !values.isEmpty else { continue }
            members.append((field.member, field.isRepeated ? .array(values) : values[0]))
        }
        return members.isEmpty ? nil : .object(members)
    }

    /// One element's value as canonical JSON, or nil after reporting what is wrong with it.
    mutating func value(_ located: Located, _ type: CouncilXMLType) -> JSONValue? {
        switch type.kind {
        case .group:
            return group(located, fields: type.fields)
        case .organisation, .organisationOrKind:
            return organisation(located, allowKind: type.kind == .organisationOrKind)
        default:
            guard let raw = leaf(located, trim: CouncilXMLValues.isTrimmed(type)) else { return nil }
            do {
                return try CouncilXMLValues.check(raw, type, path: located.path)
            } catch {
                report(error)
                return nil
            }
        }
    }

    /// An organisation: exactly one code element and an optional name.
    mutating func organisation(_ located: Located, allowKind: Bool) -> JSONValue? {
        let schemes: [(element: String, scheme: OrganisationIdentifierScheme?)] =
            [("GSSCode", .gss), ("ODSCode", .ods), ("PrisonAgencyId", .prisonAgency)] + (allowKind ? [("OrganisationKind", nil)] : [])
        let names = schemes.map(\.element) + ["Name"]
        let found = children(located.element, at: located.path, names: names, maxOccurs: names.map { _ in 1 })
        let codes = zip(schemes, found).compactMap { scheme, items in items.first.map { (scheme.scheme, $0) } }
        guard codes.count == 1, let (scheme, code) = codes.first else {
            report(located.path, codes.isEmpty ? "required" : "xml-choice", "send exactly one of \(schemes.map { "<\($0.element)>" }.joined(separator: ", ")) in <\(located.element.name)>")
            return nil
        }
        let name = found[names.count - 1].first.flatMap { value($0, .text(maxBytes: 200)) }
        guard let raw = leaf(code, trim: true) else { return nil }
        guard let scheme else {
            guard let kind = OrganisationKind(rawValue: raw) else {
                report(code.path, "enum", "send one of: \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            if let nameElement = found[names.count - 1].first {
                report(nameElement.path, "unknown-field", "an organisation kind has no name; remove <Name>")
                return nil
            }
            return .object([("kind", .string(kind.rawValue))])
        }
        do {
            let identifier = try OrganisationIdentifier(scheme: scheme, value: raw, path: code.path)
            return .object([("scheme", .string(scheme.rawValue)), ("value", .string(identifier.value))] + (name.map { [("name", $0)] } ?? []))
        } catch {
            for issue in error.issues { report(code.path, issue.rule, issue.hint) }
            return nil
        }
    }

    /// `text` without leading and trailing XML whitespace.
    static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.first, let last = bytes.last,
            XMLReaderState.isWhitespace(first) || XMLReaderState.isWhitespace(last)
        else { return text }
        let start = bytes.firstIndex { !XMLReaderState.isWhitespace($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !XMLReaderState.isWhitespace($0) }.map { bytes.index(after: $0) } ?? start
        return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : ""
    }
}
