import HandoverModel

/// Reads values by `HMPPSShape`, in either direction, collecting every broken rule with its JSON
/// Pointer so a partner learns about all problems with an event in one answer.
///
/// - On the `partner` side it reads an event a partner posted: objects are closed (an unknown
///   member is `unknown-field`), `null` is a type error except where prisoner-search writes it for
///   an absent value (`nullIsAbsent`), and paths are pointers into the event.
/// - On the `canonical` side it reads a stored canonical payload for the encoder: members the
///   event has no place for are left alone and later listed as dropped (`used` records what was
///   read), `null` and empty strings count as absent, and a value that the event can carry only in
///   part (a date-time where HMPPS has a date) is written as far as it goes and listed as dropped.
///   Issues and dropped fields are located with `prefix` (`/payload`) in front.
struct HMPPSValueReader {
    /// Which document is being read.
    enum Side { case partner, canonical }

    let side: Side
    let prefix: String
    let maxItems: Int
    /// Whether `null` means absent (prisoner-search writes nulls for absent values).
    var nullIsAbsent: Bool
    private(set) var issues: [ValidationIssue] = []
    private(set) var dropped: [DroppedField] = []
    /// Canonical side: pointers (without `prefix`) of every scalar read.
    private(set) var used: Set<String> = []

    init(side: Side, prefix: String = "", maxItems: Int) {
        self.side = side
        self.prefix = prefix
        self.maxItems = maxItems
        nullIsAbsent = side == .canonical
    }

    mutating func report(_ path: String, _ rule: String, _ hint: String) {
        issues.append(ValidationIssue(path: prefix + path, rule: rule, hint: hint))
    }

    mutating func report(_ error: ValidationError) {
        issues.append(contentsOf: error.issues)
    }

    /// Records the issues of a model validation run with an empty path, located at `path`
    /// (validating with the real path would build it for every valid value).
    mutating func report(_ error: ValidationError, at path: () -> String) {
        let here = prefix + path()
        issues.append(contentsOf: error.issues.map { ValidationIssue(path: here + $0.path, rule: $0.rule, hint: $0.hint) })
    }

    mutating func drop(_ path: String, _ reason: String) {
        dropped.append(DroppedField(location: prefix + path, reason: reason))
    }

    /// Paths are autoclosures throughout: on the partner side a path is built only when a
    /// problem is reported, which keeps a valid event free of string building.
    mutating func use(_ path: @autoclosure () -> String) {
        if side == .canonical { used.insert(path()) }
    }

    /// The members of an object, reporting (on the partner side) every member not in `allowed`.
    mutating func object(_ value: JSONValue?, at path: @autoclosure () -> String, allowed: [String]) -> HMPPSObject? {
        guard let value, !isAbsentNull(value, at: path()) else { return nil }
        guard case .object(let members) = value else {
            report(path(), "type", "send a JSON object here, not \(value.typeName)")
            return nil
        }
        if side == .partner {
            for (name, _) in members where !allowed.contains(name) {
                report(path() + "/" + JSONPointer.escape(name), "unknown-field", "remove \"\(name)\"; the members allowed here are \(allowed.joined(separator: ", "))")
            }
        }
        return HMPPSObject(members: members)
    }

    /// A string read by `shape` (text, date, instant, enumeration or agency id).
    mutating func string(_ value: JSONValue?, _ shape: HMPPSShape = .short, at path: @autoclosure () -> String) -> String? {
        if case .string(let text)? = read(value, shape, at: path()) { return text }
        return nil
    }

    /// Reports `required` when `value` is nil.
    /// (The hint is built only when it is needed: this runs for every required member.)
    mutating func require(_ value: HMPPSObject?, at path: String, _ hint: @autoclosure () -> String) {
        if value == nil { report(path, "required", hint()) }
    }

    /// Reports `required` when `value` is absent (or a `null` that means absent).
    mutating func require(_ value: JSONValue?, at path: String, _ hint: @autoclosure () -> String) {
        if value == nil || (value == .null && nullIsAbsent) { report(path, "required", hint()) }
    }

    /// `value` checked against `shape` and renamed to the other side's member names; nil when
    /// absent, empty or invalid (the problem is reported).
    mutating func read(_ value: JSONValue?, _ shape: HMPPSShape, at path: @autoclosure () -> String) -> JSONValue? {
        guard let value, !isAbsentNull(value, at: path()) else { return nil }
        switch shape.kind {
        case .text:
            let maxBytes = shape.maxBytes
            guard let text = expectString(value, at: path) else { return nil }
            guard !text.isEmpty else {
                if side == .partner { report(path(), "non-empty", "send a non-empty string or leave the member out") }
                return nil
            }
            guard text.utf8.count <= maxBytes else {
                report(path(), "max-length", "send at most \(maxBytes) bytes of text here")
                return nil
            }
            return value
        case .date:
            guard let text = expectString(value, at: path) else { return nil }
            do {
                return .string(try CalendarDate(validating: text).description)
            } catch {
                if side == .canonical, let stamp = try? HL7Timestamp(iso: text, path: "") {
                    drop(path(), "HMPPS dates carry the day only; the time of day was not written")
                    return .string(stamp.date.description)
                }
                report(error, at: path)
                return nil
            }
        case .instant:
            guard let text = expectString(value, at: path) else { return nil }
            do {
                _ = try Timestamp.parse(text)
                return value
            } catch {
                if side == .canonical, (try? HL7Timestamp(iso: text, path: "")) != nil {
                    drop(path(), "HMPPS events need a date-time with an offset; this one has none, so it was not written")
                    return nil
                }
                report(error, at: path)
                return nil
            }
        case .boolean:
            use(path())
            guard case .bool = value else {
                report(path(), "type", "send true or false here, not \(value.typeName)")
                return nil
            }
            return value
        case .pence:
            use(path())
            guard case .number(let lexeme) = value, Self.isWholeNumber(lexeme) else {
                report(path(), "non-negative-integer", "send a whole number of pence without sign, fraction or exponent, e.g. 48250")
                return nil
            }
            return value
        case .oneOf:
            let values = shape.values
            guard let text = expectString(value, at: path) else { return nil }
            guard values.contains(text) else {
                report(path(), "enum", "send one of: \(values.joined(separator: ", "))")
                return nil
            }
            return value
        case .agency:
            guard let text = expectString(value, at: path) else { return nil }
            do {
                return .string(try PrisonAgencyID(validating: text).value)
            } catch {
                report(error, at: path)
                return nil
            }
        case .organisation:
            return organisation(value, at: path)
        case .fields:
            guard let members = shape.members else { return nil }
            return object(value, members, at: path)
        case .list:
            guard let item = shape.item?.shape else { return nil }
            let limit = shape.maxItems
            guard case .array(let items) = value else {
                use(path())
                report(path(), "type", "send a JSON array here, not \(value.typeName)")
                return nil
            }
            let most = min(limit, maxItems)
            if items.count > most && side == .partner {
                report(path(), "max-items", "send at most \(most) items here")
                return nil
            }
            // On the canonical side items past the limit stay unread and are listed as dropped.
            var result: [JSONValue] = []
            for (index, element) in items.prefix(most).enumerated() {
                if let read = read(element, item, at: path() + "/\(index)") { result.append(read) }
            }
            return result.isEmpty ? nil : .array(result)
        }
    }

    private mutating func object(_ value: JSONValue, _ shape: HMPPSMembers, at path: () -> String) -> JSONValue? {
        let names = side == .partner ? shape.partnerNames : shape.canonicalNames
        let output = side == .partner ? shape.canonicalNames : shape.partnerNames
        guard let fields = object(value, at: path(), allowed: names) else { return nil }
        var result: [(String, JSONValue)] = []
        result.reserveCapacity(fields.members.count)
        for (index, member) in shape.members.enumerated() {
            let raw = fields[names[index]]
            // The member's path is built only for a member that is there (or missing and required).
            if raw != nil, let read = read(raw, member.shape, at: path() + "/" + names[index]) {
                result.append((output[index], read))
            } else if member.required, raw == nil || raw == .null || raw == .string("") {
                report(path() + "/" + names[index], "required", "send \(names[index]) here")
            }
        }
        return result.isEmpty ? nil : .object(result)
    }

    private static let organisationShape = HMPPSShape.object([
        HMPPSMember("scheme", .oneOf(OrganisationIdentifierScheme.allCases.map(\.rawValue)), required: true),
        HMPPSMember("value", .text(16), required: true),
        HMPPSMember("name", .short),
    ])

    private mutating func organisation(_ value: JSONValue, at path: () -> String) -> JSONValue? {
        guard case .object(let members)? = read(value, Self.organisationShape, at: path()) else { return nil }
        let found = HMPPSObject(members: members)
        guard case .string(let scheme)? = found["scheme"], case .string(let code)? = found["value"],
            let known = OrganisationIdentifierScheme(rawValue: scheme)
        else { return nil }
        do {
            let identifier = try OrganisationIdentifier(scheme: known, value: code)
            return .object(members.map { $0.0 == "value" ? ("value", .string(identifier.value)) : $0 })
        } catch {
            report(error, at: path)
            return nil
        }
    }

    private mutating func expectString(_ value: JSONValue, at path: () -> String) -> String? {
        use(path())
        guard case .string(let text) = value else {
            report(path(), "type", "send a JSON string here, not \(value.typeName)")
            return nil
        }
        return text
    }

    private mutating func isAbsentNull(_ value: JSONValue, at path: @autoclosure () -> String) -> Bool {
        guard case .null = value, nullIsAbsent else { return false }
        use(path())
        return true
    }

    /// Digits only, no leading zero (except `0` itself), at most 15 digits so that the amount is
    /// exact in any JSON reader.
    static func isWholeNumber(_ lexeme: String) -> Bool {
        let bytes = lexeme.utf8
        guard (1...15).contains(bytes.count), bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return bytes.count == 1 || bytes.first != 0x30
    }
}

/// The members of a JSON object, looked up by name.
struct HMPPSObject {
    let members: [(String, JSONValue)]

    subscript(name: String) -> JSONValue? {
        members.first { $0.0 == name }?.1
    }
}
