import HandoverModel

/// Reads the members of a canonical payload (parsed JSON) for an encoder, collecting every broken
/// rule with its JSON Pointer and remembering which values were used, so that a value the target
/// format has no place for is reported as dropped rather than silently lost.
struct CanonicalPayloadReader {
    let root: JSONValue
    private(set) var issues: [ValidationIssue] = []
    private var used: Set<String> = []
    /// How many of `used` name a scalar of the tree, so that `dropped` can tell without a walk
    /// that nothing was left over. Pointers are canonical (as `dropped` writes them), so two
    /// different pointers never name the same value.
    private var usedScalars = 0

    init(_ root: JSONValue) {
        self.root = root
    }

    /// The value at a JSON Pointer made of plain member names and array indexes.
    func value(_ pointer: String) -> JSONValue? {
        // Walked over the UTF-8 bytes, comparing tokens in place: encoders look members up by
        // pointer many times per message, and splitting into Strings dominated their profiles.
        var text = pointer
        return text.withUTF8 { bytes -> JSONValue? in
            let slash = UInt8(ascii: "/")
            var current = root
            var start = 0
            while start < bytes.count {
                guard bytes[start] != slash else {
                    start += 1
                    continue
                }
                var end = start
                while end < bytes.count && bytes[end] != slash { end += 1 }
                let token = UnsafeBufferPointer(rebasing: bytes[start..<end])
                switch current {
                case .object(let members):
                    var index = 0
                    while index < members.count {
                        var name = members[index].0
                        if name.withUTF8({ $0.count == token.count && $0.elementsEqual(token) }) { break }
                        index += 1
                    }
                    guard index < members.count else { return nil }
                    current = members[index].1
                case .array(let items):
                    guard let index = Int(String(decoding: token, as: UTF8.self)), items.indices.contains(index) else { return nil }
                    current = items[index]
                default:
                    return nil
                }
                start = end
            }
            return current
        }
    }

    /// A string member, or nil when absent; a value of another type is reported. Marks it used.
    mutating func string(_ pointer: String) -> String? {
        guard let found = value(pointer) else { return nil }
        markUsed(pointer, found)
        guard case .string(let text) = found else {
            report(pointer, "type", "send a JSON string here, not \(found.typeName)")
            return nil
        }
        return text.isEmpty ? nil : text
    }

    /// A boolean member, or nil when absent; a value of another type is reported. Marks it used.
    mutating func boolean(_ pointer: String) -> Bool? {
        guard let found = value(pointer) else { return nil }
        markUsed(pointer, found)
        guard case .bool(let flag) = found else {
            report(pointer, "type", "send true or false here, not \(found.typeName)")
            return nil
        }
        return flag
    }

    /// An integer member (pence, basis points), or nil when absent; a fraction, an exponent or a
    /// value beyond 64 bits is reported, as is another type. Marks it used.
    mutating func integer(_ pointer: String) -> Int64? {
        guard let found = value(pointer) else { return nil }
        markUsed(pointer, found)
        guard case .number(let lexeme) = found, let number = Int64(lexeme) else {
            report(pointer, "type", "send a whole number here (money in pence, shares in basis points)")
            return nil
        }
        return number
    }

    /// The number of items of an array member (0 when absent); another type is reported.
    mutating func count(_ pointer: String) -> Int {
        guard let found = value(pointer) else { return 0 }
        guard case .array(let items) = found else {
            markUsed(pointer, found)
            report(pointer, "type", "send a JSON array here, not \(found.typeName)")
            return 0
        }
        return items.count
    }

    /// An array of strings, each marked used.
    mutating func strings(_ pointer: String) -> [String] {
        (0..<count(pointer)).compactMap { string(pointer + "/\($0)") }
    }

    /// A timestamp member in the canonical ISO form, validated.
    mutating func timestamp(_ pointer: String) -> HL7Timestamp? {
        guard let raw = string(pointer) else { return nil }
        return parse { () throws(ValidationError) in try HL7Timestamp(iso: raw, path: pointer) }
    }

    /// Marks a value unused again, so that it is reported as dropped.
    mutating func unuse(_ pointer: String) {
        if used.remove(pointer) != nil, let found = value(pointer), Self.isScalar(found) { usedScalars -= 1 }
    }

    private mutating func markUsed(_ pointer: String, _ found: JSONValue) {
        if used.insert(pointer).inserted, Self.isScalar(found) { usedScalars += 1 }
    }

    private static func isScalar(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .array: false
        default: true
        }
    }

    /// The scalars in `value`, however deep.
    private static func scalarCount(_ value: JSONValue) -> Int {
        switch value {
        case .object(let members): members.reduce(0) { $0 + scalarCount($1.1) }
        case .array(let items): items.reduce(0) { $0 + scalarCount($1) }
        default: 1
        }
    }

    /// Records an issue.
    mutating func report(_ pointer: String, _ rule: String, _ hint: String) {
        issues.append(ValidationIssue(path: pointer, rule: rule, hint: hint))
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

    /// Every scalar value under the root that no mapping used, located by JSON Pointer.
    func dropped(prefix: String) -> [DroppedField] {
        // When every scalar was used there is nothing to report, and counting costs no strings;
        // a translation within one family carries every field, so this is the common case.
        guard usedScalars < Self.scalarCount(root) else { return [] }
        var result: [DroppedField] = []
        // One pointer extended and cut back while walking, rather than a new string per value.
        var pointer = ""
        pointer.reserveCapacity(128)
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let members):
                for (name, member) in members {
                    let mark = pointer.endIndex
                    pointer.append("/")
                    pointer.append(JSONPointer.escape(name))
                    walk(member)
                    pointer.removeSubrange(mark...)
                }
            case .array(let items):
                for (index, item) in items.enumerated() {
                    let mark = pointer.endIndex
                    pointer.append("/")
                    pointer.append(String(index))
                    walk(item)
                    pointer.removeSubrange(mark...)
                }
            default:
                if !used.contains(pointer) {
                    result.append(DroppedField(location: prefix + pointer, reason: "HL7 v2 prison healthcare messages have no place for it"))
                }
            }
        }
        walk(root)
        return result
    }
}
