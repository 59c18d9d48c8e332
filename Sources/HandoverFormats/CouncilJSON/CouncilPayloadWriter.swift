import HandoverModel

/// Writes canonical payload members (parsed JSON) as a council format holds them, by their
/// `CouncilValue` types: values of the wrong shape are issues (the message cannot be written),
/// values the format has no place for are listed in `dropped` by JSON Pointer into the canonical
/// message, so nothing is lost silently.
struct CouncilPayloadWriter {
    /// Broken rules, located by JSON Pointer into the canonical message.
    private(set) var issues: [ValidationIssue] = []
    /// Values not written.
    private(set) var dropped: [DroppedField] = []
    /// Why a value is dropped, e.g. "council JSON has no place for it".
    let reason: String

    init(reason: String) {
        self.reason = reason
    }

    /// The wire value of canonical `value` written as `type`, or nil when it is not written.
    mutating func write(_ value: JSONValue, as type: CouncilValue, at path: String) -> JSONValue? {
        switch type.shape {
        case .object:
            return object(value, type.members, at: path)
        case .array:
            let (item, limit) = (type.item, type.limit)
            guard case .array(let items) = value else { return mismatch(value, type, at: path) }
            guard items.count <= limit else {
                report(path, "max-items", "send at most \(limit) items here")
                return nil
            }
            var written: [JSONValue] = []
            written.reserveCapacity(items.count)
            for (index, element) in items.enumerated() {
                if let wire = member(element, as: item, parent: path, name: String(index)) { written.append(wire) }
            }
            return .array(written)
        case .boolean:
            guard case .bool = value else { return mismatch(value, type, at: path) }
            return value
        case .pence:
            guard case .number(let lexeme) = value else { return mismatch(value, type, at: path) }
            guard CouncilScalars.isPence(lexeme) else { report(path, "pence-integer", CouncilScalars.penceHint); return nil }
            return value
        case .basisPoints:
            guard case .number(let lexeme) = value else { return mismatch(value, type, at: path) }
            guard CouncilScalars.basisPoints(lexeme) != nil else { report(path, "basis-points", CouncilScalars.basisPointsHint); return nil }
            return value
        case .organisation:
            return CouncilOrganisation.write(value, at: path, into: &self)
        case .organisationCode:
            let scheme = type.scheme
            guard let identifier = CouncilOrganisation.canonicalIdentifier(value, at: path, into: &self) else { return nil }
            guard identifier.scheme == scheme else {
                drop(value, at: path, because: "the column takes \(scheme.rawValue) codes only")
                return nil
            }
            if let name = value["name"] { drop(name, at: path + "/name") }
            dropMembers(of: value, except: ["scheme", "value", "name"], at: path)
            return .string(identifier.value)
        case .shareRecipient:
            guard value["kind"] != nil else { return CouncilOrganisation.write(value, at: path, into: &self) }
            return object(value, [CouncilMember("kind", .code(OrganisationKind.allCases.map(\.rawValue)), required: true)], at: path)
        case .date:
            guard case .string(let text) = value else { return mismatch(value, type, at: path) }
            // Canonical dates from HL7 partners may keep the time of day (`2025-03-03T10:00:00`);
            // a council date holds the day, so the time is reported as not carried.
            if text.utf8.count > 10, (try? HL7Timestamp(iso: text, path: path)) != nil {
                dropped.append(DroppedField(location: path, reason: "the format carries the date only; the time of day is not written"))
                return .string(String(text.prefix(10)))
            }
            return scalar(text, type, at: path)
        case .text, .dateTime, .instant, .code, .uuid, .identifier:
            guard case .string(let text) = value else { return mismatch(value, type, at: path) }
            return scalar(text, type, at: path)
        }
    }

    /// The members of a canonical object in the type's order; members it does not list are dropped.
    mutating func object(_ value: JSONValue, _ members: [CouncilMember], at path: String) -> JSONValue? {
        guard case .object(let canonical) = value else { return mismatch(value, .object(members), at: path) }
        var wire: [(String, JSONValue)] = []
        wire.reserveCapacity(canonical.count)
        for member in members {
            guard let found = canonical.first(where: { $0.0 == member.name })?.1 else {
                if member.required { report(path + "/" + member.name, "required", "the format needs \(member.name): \(CouncilScalars.describe(member.value))") }
                continue
            }
            if let written = self.member(found, as: member.value, parent: path, name: member.name) { wire.append((member.name, written)) }
        }
        for (name, member) in canonical where !members.contains(where: { $0.name == name }) {
            drop(member, at: path + "/" + JSONPointer.escape(name))
        }
        return .object(wire)
    }

    /// A member written like `write`, but a valid scalar is taken without building its JSON
    /// Pointer, which only a problem or a dropped value needs.
    mutating func member(_ value: JSONValue, as type: CouncilValue, parent: String, name: String) -> JSONValue? {
        switch (type.shape, value) {
        case (.boolean, .bool):
            return value
        case (.pence, .number(let lexeme)) where CouncilScalars.isPence(lexeme):
            return value
        case (.text, .string(let text)) where !text.isEmpty && text.utf8.count <= type.limit:
            return value
        case (.code, .string(let text)) where type.codes.contains(text):
            return value
        case (.dateTime, .string(let text)), (.instant, .string(let text)), (.uuid, .string(let text)), (.identifier, .string(let text)):
            if !text.isEmpty, let canonical = try? CouncilScalars.string(text, as: type, at: "") { return .string(canonical) }
        case (.date, .string(let text)) where text.utf8.count == 10:
            if (try? CouncilScalars.string(text, as: type, at: "")) != nil { return value }
        default:
            break
        }
        return write(value, as: type, at: parent + "/" + name)
    }

    private mutating func scalar(_ text: String, _ type: CouncilValue, at path: String) -> JSONValue? {
        guard !text.isEmpty else {
            dropped.append(DroppedField(location: path, reason: "an empty string is not written"))
            return nil
        }
        return parse { () throws(ValidationError) in .string(try CouncilScalars.string(text, as: type, at: path)) }
    }

    private mutating func mismatch(_ value: JSONValue, _ type: CouncilValue, at path: String) -> JSONValue? {
        report(path, "type", "send \(CouncilScalars.describe(type)) here, not \(value.typeName)")
        return nil
    }

    /// Records an issue.
    mutating func report(_ path: String, _ rule: String, _ hint: String) {
        issues.append(ValidationIssue(path: path, rule: rule, hint: hint))
    }

    /// Runs a validating initialiser, recording its issues instead of throwing.
    mutating func parse<T>(_ build: () throws(ValidationError) -> T) -> T? {
        do {
            return try build()
        } catch {
            issues.append(contentsOf: error.issues)
            return nil
        }
    }

    /// Lists every scalar inside `value` as dropped.
    mutating func drop(_ value: JSONValue, at path: String, because why: String? = nil) {
        switch value {
        case .object(let members):
            for (name, member) in members { drop(member, at: path + "/" + JSONPointer.escape(name), because: why) }
        case .array(let items):
            for (index, item) in items.enumerated() { drop(item, at: path + "/\(index)", because: why) }
        default:
            dropped.append(DroppedField(location: path, reason: why ?? reason))
        }
    }

    /// Drops the members of an object other than `kept`.
    mutating func dropMembers(of value: JSONValue, except kept: Set<String>, at path: String) {
        guard case .object(let members) = value else { return }
        for (name, member) in members where !kept.contains(name) { drop(member, at: path + "/" + JSONPointer.escape(name)) }
    }
}
