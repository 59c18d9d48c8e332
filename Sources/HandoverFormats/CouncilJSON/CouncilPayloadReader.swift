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
            return object(value, type.members, at: path)
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
                if let canonical = self.read(element, as: item, at: path + "/\(index)") { read.append(canonical) }
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
        guard let sent = fields.object(value, at: path, allowed: members.map(\.name)) else { return nil }
        var canonical: [(String, JSONValue)] = []
        canonical.reserveCapacity(sent.count)
        for member in members {
            let here = path + "/" + member.name
            guard let raw = sent.first(where: { $0.0 == member.name })?.1 else {
                if member.required { fields.report(here, "required", "send \(member.name): \(CouncilScalars.describe(member.value))") }
                continue
            }
            if let read = read(raw, as: member.value, at: here) { canonical.append((member.name, read)) }
        }
        return .object(canonical)
    }

    private mutating func mismatch(_ value: JSONValue, _ type: CouncilValue, at path: String) -> JSONValue? {
        fields.report(path, "type", "send \(CouncilScalars.describe(type)) here, not \(value.typeName)")
        return nil
    }
}
