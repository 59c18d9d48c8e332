import Foundation
public import HandoverModel

/// Reads typed fields out of a parsed JSON object while collecting every broken rule, so that a
/// partner learns about all problems with a message in one answer rather than one per attempt.
public struct JSONFieldReader {
    /// Every issue found so far.
    public private(set) var issues: [ValidationIssue] = []

    /// Creates a reader with no issues.
    public init() {}

    /// Records an issue.
    public mutating func report(_ path: String, _ rule: String, _ hint: String) {
        issues.append(ValidationIssue(path: path, rule: rule, hint: hint))
    }

    /// Records every issue of a thrown error.
    public mutating func report(_ error: ValidationError) {
        issues.append(contentsOf: error.issues)
    }

    /// The members of `value` if it is an object, reporting any member not in `allowed`.
    public mutating func object(
        _ value: JSONValue,
        at path: String,
        allowed: [String]
    ) -> [(String, JSONValue)]? {
        guard case .object(let members) = value else {
            report(path, "type", "send a JSON object here, not \(value.typeName)")
            return nil
        }
        for (name, _) in members where !allowed.contains(name) {
            report(
                path + "/" + JSONPointer.escape(name),
                "unknown-field",
                "remove \"\(name)\"; the fields allowed here are \(allowed.joined(separator: ", "))"
            )
        }
        return members
    }

    /// A string value, or nil after reporting a type or length problem.
    public mutating func string(_ value: JSONValue, at path: String, maxLength: Int = 1024) -> String? {
        guard case .string(let text) = value else {
            report(path, "type", "send a JSON string here, not \(value.typeName)")
            return nil
        }
        guard !text.isEmpty else {
            report(path, "non-empty", "send a non-empty string or leave the field out")
            return nil
        }
        guard text.utf8.count <= maxLength else {
            report(path, "max-length", "send at most \(maxLength) bytes of text here")
            return nil
        }
        return text
    }

    /// An array value, or nil after reporting a type problem.
    public mutating func array(_ value: JSONValue, at path: String) -> [JSONValue]? {
        guard case .array(let items) = value else {
            report(path, "type", "send a JSON array here, not \(value.typeName)")
            return nil
        }
        return items
    }

    /// A value of a string-backed enumeration, reporting the allowed values when it is not one.
    public mutating func enumeration<E: RawRepresentable & CaseIterable>(
        _ value: JSONValue,
        at path: String,
        allowed: [E] = Array(E.allCases)
    ) -> E? where E.RawValue == String {
        guard let raw = string(value, at: path) else { return nil }
        guard let result = E(rawValue: raw), allowed.contains(where: { $0.rawValue == raw }) else {
            report(path, "enum", "send one of: \(allowed.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return result
    }

    /// Runs a validating initialiser, recording its issues instead of throwing.
    public mutating func parse<T>(_ build: () throws(ValidationError) -> T) -> T? {
        do {
            return try build()
        } catch {
            report(error)
            return nil
        }
    }

    /// Reports a missing required member.
    public mutating func require<T>(_ value: T?, at path: String, _ hint: String) {
        if value == nil { report(path, "required", hint) }
    }
}
