import HandoverModel

/// Reads a council message's members (wire JSON) into canonical JSON by their `CouncilValue`
/// types, collecting every broken rule with its JSON Pointer into the council message.
///
/// Objects are closed: a member the type does not list is `unknown-field`. The canonical object
/// lists members in the type's order, whatever order the council sent, so equal messages give
/// equal canonical bytes.
struct CouncilPayloadReader {
    /// The issues found so far, and the reading helpers.
    var fields = JSONFieldReader()

    /// The canonical value of `value` read as `type`, or nil after reporting why not.
    mutating func read(_ value: JSONValue, as type: CouncilValue, at path: String) -> JSONValue? {
        switch type.shape {
        case .object:
            return object(value, type, at: path)
        case .array:
            let (item, limit) = (type.item, type.limit)
            guard let items = fields.array(value, at: path) else { return nil }
            if items.count > limit {
                fields.report(path, "max-items", "send at most \(limit) items here")
                return nil
            }
            var read: [JSONValue] = []
            read.reserveCapacity(items.count)
            for (index, element) in items.enumerated() {
                if let canonical = member(element, as: item, parent: path, name: String(index)) { read.append(canonical) }
            }
            return .array(read)
        case .boolean:
            guard case .bool = value else { return mismatch(value, type, at: path) }
            return value
        case .pence:
            guard case .number(let lexeme) = value else { return mismatch(value, type, at: path) }
            guard CouncilScalars.isPence(lexeme) else {
                fields.report(path, "pence-integer", CouncilScalars.penceHint)
                return nil
            }
            return value
        case .basisPoints:
            guard case .number(let lexeme) = value else { return mismatch(value, type, at: path) }
            guard CouncilScalars.basisPoints(lexeme) != nil else {
                fields.report(path, "basis-points", CouncilScalars.basisPointsHint)
                return nil
            }
            return value
        case .organisation:
            return CouncilOrganisation.read(value, at: path, into: &fields)
        case .organisationCode:
            let scheme = type.scheme
            guard let text = fields.string(value, at: path, maxLength: 16) else { return nil }
            return fields.parse { () throws(ValidationError) in
                .object([("scheme", .string(scheme.rawValue)), ("value", .string(try CouncilScalars.string(text, as: type, at: path)))])
            }
        case .shareRecipient:
            guard case .object(let members) = value, members.contains(where: { $0.0 == "kind" }) else {
                return CouncilOrganisation.read(value, at: path, into: &fields)
            }
            return object(value, [CouncilMember("kind", .code(OrganisationKind.allCases.map(\.rawValue)), required: true)], at: path)
        case .text:
            guard let text = fields.string(value, at: path, maxLength: type.limit) else { return nil }
            return .string(text)
        case .date, .dateTime, .instant, .code, .uuid, .identifier:
            guard let text = fields.string(value, at: path, maxLength: 4096) else { return nil }
            return fields.parse { () throws(ValidationError) in .string(try CouncilScalars.string(text, as: type, at: path)) }
        }
    }

    /// The members of an object in the type's order; nil when it is not an object.
    mutating func object(_ value: JSONValue, _ members: [CouncilMember], at path: String) -> JSONValue? {
        object(value, .object(members), at: path)
    }

    /// The members of an object typed `type` (an `object`), in the type's order.
    mutating func object(_ value: JSONValue, _ type: CouncilValue, at path: String) -> JSONValue? {
        guard case .object(let sent) = value else {
            fields.report(path, "type", "send a JSON object here, not \(value.typeName)")
            return nil
        }
        // One pass matches each member sent to its place in the type (lengths compared first), and
        // finds the unknown ones.
        var slots = [JSONValue?](repeating: nil, count: type.members.count)
        for (name, raw) in sent {
            let length = name.utf8.count
            if let index = type.names.firstIndex(where: { $0.utf8.count == length && $0 == name }) {
                slots[index] = raw
            } else {
                fields.report(
                    path + "/" + JSONPointer.escape(name), "unknown-field",
                    "remove \"\(name)\"; the fields allowed here are \(type.names.joined(separator: ", "))"
                )
            }
        }
        var canonical: [(String, JSONValue)] = []
        canonical.reserveCapacity(sent.count)
        for (member, raw) in zip(type.members, slots) {
            guard let raw else {
                if member.required { fields.report(path + "/" + member.name, "required", "send \(member.name): \(CouncilScalars.describe(member.value))") }
                continue
            }
            if let read = self.member(raw, as: member.value, parent: path, name: member.name) { canonical.append((member.name, read)) }
        }
        return .object(canonical)
    }

    /// A member read like `read`, but a valid scalar is taken without building its JSON Pointer:
    /// most members are valid scalars, and the location is needed only to report a problem.
    mutating func member(_ value: JSONValue, as type: CouncilValue, parent: String, name: String) -> JSONValue? {
        switch (type.shape, value) {
        case (.boolean, .bool):
            return value
        case (.pence, .number(let lexeme)) where CouncilScalars.isPence(lexeme):
            return value
        case (.text, .string(let text)) where !text.isEmpty && text.utf8.count <= type.limit:
            return value
        case (.date, .string(let text)), (.dateTime, .string(let text)), (.instant, .string(let text)), (.code, .string(let text)),
            (.uuid, .string(let text)), (.identifier, .string(let text)):
            if !text.isEmpty, text.utf8.count <= 4096, let canonical = try? CouncilScalars.string(text, as: type, at: "") {
                return .string(canonical)
            }
        default:
            break
        }
        return read(value, as: type, at: parent + "/" + name)
    }

    private mutating func mismatch(_ value: JSONValue, _ type: CouncilValue, at path: String) -> JSONValue? {
        fields.report(path, "type", "send \(CouncilScalars.describe(type)) here, not \(value.typeName)")
        return nil
    }
}
