import HandoverModel

/// Reads values out of a parsed ER7 message for a mapping, collecting every broken rule and
/// remembering which fields were used, so that what was not used can be reported as dropped
/// rather than silently lost.
///
/// A value of two double quotes (`""`), HL7's explicit null, reads as absent, like an empty one.
/// Which fields were used is one flag per field of the document, so marking one costs an index
/// rather than a hashed location.
struct ER7FieldReader {
    let document: ER7Document
    private(set) var issues: [ValidationIssue] = []
    private var used: [Bool]

    init(_ document: ER7Document) {
        self.document = document
        used = Array(repeating: false, count: document.fields.count)
    }

    /// Whether the message has a segment named `name`.
    func has(_ name: String) -> Bool {
        document.count(of: name) > 0
    }

    /// The occurrence numbers (from 1) of the segments named `name`.
    func occurrences(of name: String) -> Range<Int> {
        1..<(document.count(of: name) + 1)
    }

    /// The text at a place, or nil when empty or null; marks the field used.
    mutating func text(_ location: ER7Location) -> String? {
        guard location.field != nil else { return nil }
        guard let index = fieldIndex(location) else { return nil }
        used[index] = true
        let value = document.text(
            field: index,
            repetition: location.repetition ?? 1,
            component: location.component ?? 1,
            subcomponent: location.subcomponent ?? 1
        )
        return value.isEmpty || value == "\"\"" ? nil : value
    }

    /// The text at a place as sent (empty when absent, `""` kept), without marking it used.
    func peek(_ location: ER7Location) -> String {
        guard let index = fieldIndex(location) else { return "" }
        return document.text(
            field: index,
            repetition: location.repetition ?? 1,
            component: location.component ?? 1,
            subcomponent: location.subcomponent ?? 1
        )
    }

    /// The first value of each repetition of the field at a place, as sent (marking it used), and
    /// whether the field holds no text at all.
    mutating func repetitions(_ location: ER7Location) -> (texts: [String], isEmpty: Bool) {
        guard let index = fieldIndex(location) else { return ([], true) }
        used[index] = true
        let texts = (0..<document.repetitionCount(field: index)).map {
            document.text(field: index, repetition: $0 + 1, component: 1, subcomponent: 1)
        }
        return (texts, !document.fields[index].hasText)
    }

    /// Marks a field used when it holds `expected` (a code the encoder always writes), so that any
    /// other value shows up as dropped.
    mutating func expect(_ location: ER7Location, _ expected: String) {
        guard let index = fieldIndex(location) else { return }
        if !document.fields[index].hasText || document.text(field: index, repetition: 1, component: 1, subcomponent: 1) == expected {
            used[index] = true
        }
    }

    /// Marks a field used without reading it (set ids, fixed protocol fields).
    mutating func markUsed(_ location: ER7Location) {
        if let index = fieldIndex(location) { used[index] = true }
    }

    /// Marks a field unused again, so that it is reported as dropped.
    mutating func unuse(_ location: ER7Location) {
        if let index = fieldIndex(location) { used[index] = false }
    }

    /// A timestamp at a place, validated; nil when absent or invalid (the issue is recorded).
    mutating func timestamp(_ location: ER7Location) -> HL7Timestamp? {
        guard let raw = text(location) else { return nil }
        return parse { () throws(ValidationError) in try HL7Timestamp(er7: raw, path: location.description) }
    }

    /// Records an issue.
    mutating func report(_ location: ER7Location, _ rule: String, _ hint: String) {
        issues.append(ValidationIssue(path: location.description, rule: rule, hint: hint))
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

    /// Every non-empty field that no mapping used, and every segment not mapped at all.
    func dropped() -> [DroppedField] {
        var result: [DroppedField] = []
        for segment in document.segments {
            let fields = segment.firstField..<(segment.firstField + segment.fieldCount)
            let sent = fields.reduce(0) { $0 + (document.fields[$1].hasText ? 1 : 0) }
            let unused = fields.reduce(0) { $0 + (document.fields[$1].hasText && !used[$1] ? 1 : 0) }
            if sent > 0 && unused == sent {
                result.append(DroppedField(
                    location: ER7Location(segment.name, occurrence: segment.occurrence).description,
                    reason: "the segment has no place in the canonical model"
                ))
            } else if unused > 0 {
                for index in fields where document.fields[index].hasText && !used[index] {
                    result.append(DroppedField(
                        location: ER7Location(segment.name, occurrence: segment.occurrence, field: index - segment.firstField + 1).description,
                        reason: "the field has no place in the canonical model"
                    ))
                }
            }
        }
        return result
    }

    /// Where the field of `location` is in the document, nil when the message does not have it.
    private func fieldIndex(_ location: ER7Location) -> Int? {
        guard let number = location.field, let segment = document.segment(location.segment, occurrence: location.occurrence) else { return nil }
        return document.field(segment: segment, number: number)
    }
}
