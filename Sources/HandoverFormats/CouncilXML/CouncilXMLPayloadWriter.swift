import HandoverModel

/// Writes canonical JSON as council XML elements by the field tables, listing by JSON Pointer
/// every value it cannot write rather than losing it silently: a member the format has no element
/// for, a value of the wrong JSON type, or one the XSD would refuse (a date that does not exist,
/// an unknown code, a control character XML cannot carry).
struct CouncilXMLPayloadWriter {
    static let noElement = "the council XML format has no element for it"
    static let organisationName = CouncilXMLType.text(maxBytes: 200)
    static let identifierMembers = ["scheme", "value", "name"]
    static let kindMembers = ["kind"]
    static let codeElements: [OrganisationIdentifierScheme: String] = [.gss: "GSSCode", .ods: "ODSCode", .prisonAgency: "PrisonAgencyId"]

    /// Where a value is in the canonical message: its parent's JSON Pointer, its member name and,
    /// for an array item, its index. The pointer text is built only for a dropped value or a
    /// group's members, so writing a valid scalar builds none.
    struct Pointer {
        let parent: String
        let member: String
        var index: Int?

        init(_ parent: String, _ member: String, index: Int? = nil) {
            self.parent = parent
            self.member = member
            self.index = index
        }

        var text: String {
            var text = parent
            text += "/"
            text += member
            if let index { text += "/\(index)" }
            return text
        }
    }

    var xml: XMLWriter
    private(set) var dropped: [DroppedField] = []

    init(_ xml: XMLWriter) {
        self.xml = xml
    }

    /// Writes the members of an object that `fields` name, in table order, and drops the others
    /// (except `ignoring`, which the caller writes elsewhere).
    mutating func members(_ members: [(String, JSONValue)], at pointer: String, fields: [CouncilXMLField], ignoring: String? = nil) {
        var known = 0
        for field in fields {
            if let value = members.first(where: { $0.0 == field.member })?.1 {
                known += 1
                write(value, at: Pointer(pointer, field.member), field)
            }
        }
        if let ignoring { known += members.count { $0.0 == ignoring } }
        // Each field names one member, so when every member was counted none is left to drop.
        guard known < members.count else { return }
        for (name, value) in members where name != ignoring && !fields.contains(where: { $0.member == name }) {
            drop(value, at: pointer + "/" + JSONPointer.escape(name), Self.noElement)
        }
    }

    /// Writes one member (an array member as repeated elements); false when nothing was written.
    @discardableResult
    mutating func write(_ value: JSONValue, at pointer: Pointer, _ field: CouncilXMLField) -> Bool {
        guard field.isRepeated else { return single(value, at: pointer, field.element, field.type) }
        guard case .array(let items) = value else {
            drop(value, at: pointer.text, "the format takes an array of \(CouncilXMLValues.describe(field.type)) here")
            return false
        }
        var wrote = false
        var at = pointer
        for (index, item) in items.enumerated() {
            at.index = index
            guard index < field.maxOccurs else {
                drop(item, at: at.text, "the format carries at most \(field.maxOccurs) of these")
                continue
            }
            wrote = single(item, at: at, field.element, field.type) || wrote
        }
        return wrote
    }

    /// Writes one element; false (and the value dropped) when it cannot be written.
    mutating func single(_ value: JSONValue, at pointer: Pointer, _ element: String, _ type: CouncilXMLType) -> Bool {
        switch type.kind {
        case .group:
            guard case .object(let members) = value else {
                drop(value, at: pointer.text, "the format takes an object here")
                return false
            }
            let before = xml.mark
            xml.open(element)
            let opened = xml.mark
            self.members(members, at: pointer.text, fields: type.fields)
            guard xml.mark != opened else {
                xml.rollback(to: before)
                return false
            }
            xml.close(element)
            return true
        case .organisation, .organisationOrKind:
            return organisation(value, at: pointer, element, allowKind: type.kind == .organisationOrKind)
        default:
            guard let text = CouncilXMLValues.written(value, type) else {
                drop(value, at: pointer.text, "the value is not \(CouncilXMLValues.describe(type)), which the format requires")
                return false
            }
            xml.element(element, text)
            return true
        }
    }

    /// Writes `{"scheme", "value", "name"}` (or `{"kind"}`) as a code element and a name.
    mutating func organisation(_ value: JSONValue, at location: Pointer, _ element: String, allowKind: Bool) -> Bool {
        guard case .object(let members) = value else {
            drop(value, at: location.text, "the format takes an organisation object here")
            return false
        }
        func member(_ name: String) -> JSONValue? { members.first { $0.0 == name }?.1 }
        let code: (element: String, value: String)?
        var known = Self.identifierMembers
        if allowKind, case .string(let raw)? = member("kind"), members.count == 1 {
            code = OrganisationKind(rawValue: raw).map { ("OrganisationKind", $0.rawValue) }
            known = Self.kindMembers
        } else if case .string(let rawScheme)? = member("scheme"), case .string(let raw)? = member("value"),
            let scheme = OrganisationIdentifierScheme(rawValue: rawScheme),
            let identifier = try? OrganisationIdentifier(scheme: scheme, value: raw)
        {
            code = (Self.codeElements[scheme] ?? "GSSCode", identifier.value)
        } else {
            code = nil
        }
        guard let code else {
            drop(value, at: location.text, "the value is not \(CouncilXMLValues.describe(allowKind ? .organisationOrKind : .organisation)) with a valid identifier")
            return false
        }
        xml.open(element)
        xml.element(code.element, code.value)
        if known.contains("name"), let name = member("name") {
            _ = single(name, at: Pointer(location.text, "name"), "Name", Self.organisationName)
        }
        xml.close(element)
        for (name, item) in members where !known.contains(name) {
            drop(item, at: location.text + "/" + JSONPointer.escape(name), Self.noElement)
        }
        return true
    }

    /// Lists every scalar under `value` as dropped (an empty object or array as itself).
    mutating func drop(_ value: JSONValue, at pointer: String, _ reason: String) {
        switch value {
        case .object(let members) where !members.isEmpty:
            for (name, member) in members { drop(member, at: pointer + "/" + JSONPointer.escape(name), reason) }
        case .array(let items) where !items.isEmpty:
            for (index, item) in items.enumerated() { drop(item, at: pointer + "/\(index)", reason) }
        default:
            dropped.append(DroppedField(location: pointer, reason: reason))
        }
    }

    mutating func note(_ field: DroppedField) {
        dropped.append(field)
    }
}
