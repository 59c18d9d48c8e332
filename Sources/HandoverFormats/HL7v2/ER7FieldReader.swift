import HandoverModel

/// Reads values out of a parsed ER7 message for a mapping, collecting every broken rule and
/// remembering which fields were used, so that what was not used can be reported as dropped
/// rather than silently lost.
///
/// A value of two double quotes (`""`), HL7's explicit null, reads as absent, like an empty one.
struct ER7FieldReader {
    let message: ER7Message
    private(set) var issues: [ValidationIssue] = []
    private var used: Set<ER7Location> = []

    init(_ message: ER7Message) {
        self.message = message
    }

    /// The text at a place, or nil when empty or null; marks the field used.
    mutating func text(_ location: ER7Location) -> String? {
        guard let field = location.field else { return nil }
        markUsed(location)
        guard let segment = segment(location) else { return nil }
        let value = segment[field].text(
            repetition: location.repetition ?? 1,
            component: location.component ?? 1,
            subcomponent: location.subcomponent ?? 1
        )
        return value.isEmpty || value == "\"\"" ? nil : value
    }

    /// The whole field at a place (marking it used).
    mutating func field(_ location: ER7Location) -> ER7Field {
        markUsed(location)
        guard let field = location.field, let segment = segment(location) else { return .empty }
        return segment[field]
    }

    /// Marks a field used when it holds `expected` (a code the encoder always writes), so that any
    /// other value shows up as dropped.
    mutating func expect(_ location: ER7Location, _ expected: String) {
        guard let field = location.field, let segment = segment(location) else { return }
        let value = segment[field]
        if value.isEmpty || value.text() == expected { markUsed(location) }
    }

    /// Marks a field used without reading it (set ids, fixed protocol fields).
    mutating func markUsed(_ location: ER7Location) {
        used.insert(ER7Location(location.segment, occurrence: location.occurrence, field: location.field))
    }

    /// Marks a field unused again, so that it is reported as dropped.
    mutating func unuse(_ location: ER7Location) {
        used.remove(ER7Location(location.segment, occurrence: location.occurrence, field: location.field))
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
        var counts: [String: Int] = [:]
        for segment in message.segments {
            let occurrence = (counts[segment.name] ?? 0) + 1
            counts[segment.name] = occurrence
            let fields = segment.fields.indices.filter { !segment.fields[$0].isEmpty }
            let unused = fields.filter { !used.contains(ER7Location(segment.name, occurrence: occurrence, field: $0 + 1)) }
            if !fields.isEmpty && unused.count == fields.count {
                result.append(DroppedField(
                    location: ER7Location(segment.name, occurrence: occurrence).description,
                    reason: "the segment has no place in the canonical model"
                ))
            } else {
                for index in unused {
                    result.append(DroppedField(
                        location: ER7Location(segment.name, occurrence: occurrence, field: index + 1).description,
                        reason: "the field has no place in the canonical model"
                    ))
                }
            }
        }
        return result
    }

    private func segment(_ location: ER7Location) -> ER7Segment? {
        let all = message.segments(named: location.segment)
        guard location.occurrence >= 1, location.occurrence <= all.count else { return nil }
        return all[location.occurrence - 1].segment
    }
}
