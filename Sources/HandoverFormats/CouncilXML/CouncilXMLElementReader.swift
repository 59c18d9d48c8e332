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

    /// An element with what locates it: the steps to its parent and its position. The XPath
    /// text is built only when something is reported or dropped there, so a valid document
    /// builds no path strings at all.
    struct Located {
        /// One step of an XPath, shared by the children of one element.
        final class Step: Sendable {
            let parent: Step?
            let name: String
            let position: Int

            init(parent: Step?, name: String, position: Int) {
                self.parent = parent
                self.name = name
                self.position = position
            }
        }

        var element: XMLElement
        /// The parent element's step; nil for the root.
        let parent: Step?
        /// The `[n]` written after the name; 0 when none is.
        let position: Int

        init(_ element: XMLElement, parent: Step?, position: Int = 0) {
            self.element = element
            self.parent = parent
            self.position = position
        }

        /// This element as the parent of its children.
        var step: Step { Step(parent: parent, name: element.name, position: position) }

        /// `/CareExchangeMessage/Referral/Note[2]`.
        var path: String {
            var steps: [(name: String, position: Int)] = [(element.name, position)]
            var node = parent
            while let current = node {
                steps.append((current.name, current.position))
                node = current.parent
            }
            var path = ""
            for step in steps.reversed() {
                path += "/" + step.name
                if step.position > 0 { path += "[\(step.position)]" }
            }
            return path
        }
    }

    mutating func report(_ path: @autoclosure () -> String, _ rule: String, _ hint: @autoclosure () -> String) {
        if issues.count < Self.maxIssues { issues.append(ValidationIssue(path: path(), rule: rule, hint: hint())) }
    }

    mutating func report(_ error: ValidationError) {
        for issue in error.issues { report(issue.path, issue.rule, issue.hint) }
    }

    /// Reports the issues of a check that was given no path at the element's.
    mutating func report(_ error: ValidationError, at located: Located) {
        let path = located.path
        for issue in error.issues { report(path, issue.rule, issue.hint) }
    }

    mutating func drop(_ path: String, _ reason: String) {
        dropped.append(DroppedField(location: path, reason: reason))
    }

    /// The children of a complex element sorted by the names allowed (one list per name, in
    /// document order), reporting anything else. `maxOccurs` gives each name's maximum; a
    /// repeatable name's paths always carry `[n]`, a single one's only from the second on.
    mutating func children(
        _ located: Located, names: [String], maxOccurs: [Int], attributes: [String] = []
    ) -> [[Located]] {
        let step = located.step
        var result = [[Located]](repeating: [], count: names.count)
        for attribute in located.element.attributes where !(attribute.namespace.isEmpty && attributes.contains(attribute.name)) {
            report(located.path + "/@" + attribute.name, "unknown-field", attributes.isEmpty
                ? "remove the attribute; <\(located.element.name)> has none"
                : "remove the attribute; <\(located.element.name)> has only \(attributes.joined(separator: ", "))")
        }
        if located.element.text.utf8.contains(where: { !(XMLReaderState.isWhitespace($0)) }) {
            report(located.path, "xml-mixed-content", "send only child elements inside <\(located.element.name)>, no text beside them")
        }
        var unknown: [String: Int] = [:]
        for child in located.element.children {
            guard let slot = names.firstIndex(of: child.name) else {
                let count = (unknown[child.name] ?? 0) + 1
                unknown[child.name] = count
                report(located.path + "/" + child.name + (count > 1 ? "[\(count)]" : ""), "unknown-field", "remove <\(child.name)>; <\(located.element.name)> has only \(names.joined(separator: ", "))")
                continue
            }
            let count = result[slot].count + 1
            let here = Located(child, parent: step, position: maxOccurs[slot] > 1 || count > 1 ? count : 0)
            guard child.namespace == CouncilXMLMessage.namespace else {
                report(here.path, "xml-namespace", "put <\(child.name)> in the namespace \(CouncilXMLMessage.namespace), like the root element")
                continue
            }
            guard count <= maxOccurs[slot] else {
                report(here.path, "max-occurs", maxOccurs[slot] == 1 ? "send <\(child.name)> at most once here" : "send at most \(maxOccurs[slot]) <\(child.name)> elements here")
                continue
            }
            result[slot].append(here)
        }
        return result
    }

    /// The text of a simple element (trimmed when `trim`), or nil after reporting child elements
    /// or attributes.
    mutating func leaf(_ located: Located, trim: Bool) -> String? {
        for attribute in located.element.attributes {
            report(located.path + "/@" + attribute.name, "unknown-field", "remove the attribute; <\(located.element.name)> has none")
        }
        guard located.element.children.isEmpty else {
            report(located.path, "type", "send text inside <\(located.element.name)>, not child elements")
            return nil
        }
        return trim ? Self.trimmed(located.element.text) : located.element.text
    }

    /// A required leaf's place when it is missing.
    mutating func require(_ found: [Located], _ name: String, in located: Located, hint: @autoclosure () -> String) {
        if found.isEmpty { report(located.path + "/" + name, "required", hint()) }
    }

    /// A group's members as a canonical object, in table order; nil when none is present.
    mutating func group(_ located: Located, _ type: CouncilXMLType) -> JSONValue? {
        let fields = type.fields
        let found = children(located, names: type.names, maxOccurs: type.maxOccurs)
        var members: [(String, JSONValue)] = []
        members.reserveCapacity(fields.count)
        for (field, items) in zip(fields, found) {
            if field.occurs == .required, items.isEmpty {
                report(located.path + "/" + field.element, "required", "send <\(field.element)> in <\(located.element.name)>")
            }
            guard !items.isEmpty else { continue }
            if !field.isRepeated {
                if let single = value(items[0], field.type) { members.append((field.member, single)) }
                continue
            }
            let values = items.compactMap { value($0, field.type) }
            guard values.count == items.count else { continue }
            members.append((field.member, .array(values)))
        }
        return members.isEmpty ? nil : .object(members)
    }

    /// One element's value as canonical JSON, or nil after reporting what is wrong with it.
    mutating func value(_ located: Located, _ type: CouncilXMLType) -> JSONValue? {
        switch type.kind {
        case .group:
            return group(located, type)
        case .organisation, .organisationOrKind:
            return organisation(located, allowKind: type.kind == .organisationOrKind)
        default:
            guard let raw = leaf(located, trim: CouncilXMLValues.isTrimmed(type)) else { return nil }
            do {
                return try CouncilXMLValues.check(raw, type, path: "")
            } catch {
                report(error, at: located)
                return nil
            }
        }
    }

    /// An organisation: exactly one code element and an optional name.
    private static let organisationSchemes: [(element: String, scheme: OrganisationIdentifierScheme?)] =
        [("GSSCode", .gss), ("ODSCode", .ods), ("PrisonAgencyId", .prisonAgency)]
    private static let organisationOrKindSchemes = organisationSchemes + [("OrganisationKind", nil)]
    private static let organisationNames = organisationSchemes.map(\.element) + ["Name"]
    private static let organisationOrKindNames = organisationOrKindSchemes.map(\.element) + ["Name"]
    private static let organisationMaxOccurs = organisationNames.map { _ in 1 }
    private static let organisationOrKindMaxOccurs = organisationOrKindNames.map { _ in 1 }

    mutating func organisation(_ located: Located, allowKind: Bool) -> JSONValue? {
        let schemes = allowKind ? Self.organisationOrKindSchemes : Self.organisationSchemes
        let names = allowKind ? Self.organisationOrKindNames : Self.organisationNames
        let found = children(located, names: names, maxOccurs: allowKind ? Self.organisationOrKindMaxOccurs : Self.organisationMaxOccurs)
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
            let identifier = try OrganisationIdentifier(scheme: scheme, value: raw)
            return .object([("scheme", .string(scheme.rawValue)), ("value", .string(identifier.value))] + (name.map { [("name", $0)] } ?? []))
        } catch {
            report(error, at: code)
            return nil
        }
    }

    /// `text` without leading and trailing XML whitespace.
    static func trimmed(_ text: String) -> String {
        var copy = text
        let untouched = copy.withUTF8 { bytes in
            bytes.isEmpty || !(XMLReaderState.isWhitespace(bytes[0]) || XMLReaderState.isWhitespace(bytes[bytes.count - 1]))
        }
        if untouched { return text }
        let bytes = text.utf8
        let start = bytes.firstIndex { !XMLReaderState.isWhitespace($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !XMLReaderState.isWhitespace($0) }.map { bytes.index(after: $0) } ?? start
        return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : ""
    }
}
