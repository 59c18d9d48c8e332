import HandoverModel

/// Reads a parsed FHIR Bundle while collecting every broken rule, located by FHIRPath, and
/// remembering what the mapping read, so that everything else can be listed as dropped.
///
/// Objects are opened as a FHIR type: a member that is not an element of that type in FHIR R4 is
/// refused (`unknown-field`), since it is not FHIR; an R4 element the mapping does not read is
/// not an error but is reported by `unread` as dropped. A `modifierExtension` is refused, as FHIR
/// forbids ignoring one; an unknown `extension` is dropped, as FHIR allows.
///
/// What was read is kept per opened object and array, by member position, so reading costs no
/// string building or hashing; paths are built only for issues and for what is dropped.
struct FHIRReader {
    /// What became of one member or item.
    private enum Slot: Equatable {
        case unread
        case taken
        case opened(Int)
    }

    private(set) var issues: [ValidationIssue] = []
    /// The slots of every opened object and array, one after another (one array for all rather
    /// than one per object, which cost an allocation each), and where each one's slots begin.
    private var slots: [Slot] = []
    private var starts: [Int] = []
    let limits: FHIRLimits

    init(limits: FHIRLimits) {
        self.limits = limits
    }

    /// Records an issue (up to the limit).
    mutating func report(_ path: String, _ rule: String, _ hint: String) {
        if issues.count < limits.maxIssues { issues.append(ValidationIssue(path: path, rule: rule, hint: hint)) }
    }

    /// Records the issues of a model error.
    mutating func report(_ error: ValidationError) {
        for issue in error.issues { report(issue.path, issue.rule, issue.hint) }
    }

    /// Runs a validating initialiser, recording its issues instead of throwing.
    mutating func parse<T>(_ build: () throws(ValidationError) -> T) -> T? {
        do {
            return try build()
        } catch {
            report(error)
            return nil
        }
    }

    /// Runs a validating initialiser (given no path) whose issues are located at `path`, which is
    /// built only when it fails.
    mutating func parse<T>(at path: @autoclosure () -> String, _ build: () throws(ValidationError) -> T) -> T? {
        do {
            return try build()
        } catch {
            let location = path()
            for issue in error.issues { report(location, issue.rule, issue.hint) }
            return nil
        }
    }

    /// Marks a member as read whole (unless it was opened).
    mutating func take(_ node: FHIRNode, _ name: String) {
        if let index = node.index(of: name) { mark(node.id, index, .taken) }
    }

    /// Marks an item as read whole (unless it was opened).
    mutating func take(_ item: FHIRItem) {
        mark(item.container, item.slot, .taken)
    }

    private mutating func mark(_ container: Int, _ slot: Int, _ state: Slot) {
        if case .opened = self[container, slot] { return }
        self[container, slot] = state
    }

    /// Adds the slots of a newly opened object or array of `count` members or items; returns its id.
    private mutating func addContainer(_ count: Int) -> Int {
        if starts.isEmpty {
            starts.reserveCapacity(64)
            slots.reserveCapacity(256)
        }
        starts.append(slots.count)
        slots.append(contentsOf: repeatElement(.unread, count: count))
        return starts.count - 1
    }

    /// The slot of member or item `index` of container `id`.
    private subscript(id: Int, index: Int) -> Slot {
        get { slots[starts[id] + index] }
        set { slots[starts[id] + index] = newValue }
    }

    /// Opens the document root as an object of FHIR type `type`.
    mutating func openRoot(_ value: JSONValue, at path: String, as type: String) -> FHIRNode? {
        let id = addContainer(1)
        return open(FHIRItem(container: id, slot: 0, parent: .root(""), name: nil, value: value), at: .root(path), as: type)
    }

    /// Opens an item as an object of FHIR type `type`; opening it again returns the same node.
    mutating func open(_ item: FHIRItem, as type: String) -> FHIRNode? {
        open(item, at: nil, as: type)
    }

    private mutating func open(_ item: FHIRItem, at root: FHIRLocation?, as type: String) -> FHIRNode? {
        guard case .object(let members) = item.value else {
            report(item.path, "type", "send a JSON object (a FHIR \(type)) here, not \(item.value.typeName)")
            take(item)
            return nil
        }
        let location = root ?? item.location
        if case .opened(let id) = self[item.container, item.slot] {
            return FHIRNode(id: id, location: location, members: members)
        }
        let id = addContainer(members.count)
        self[item.container, item.slot] = .opened(id)
        let node = FHIRNode(id: id, location: location, members: members)
        if let allowed = FHIRElementNames.elements[type] {
            for index in members.indices {
                let name = members[index].0
                if name == "resourceType" {
                    self[id, index] = .taken
                } else if name == "modifierExtension" {
                    report(node.at(name), "fhir-modifier-extension", "remove the modifier extension: FHIR forbids ignoring one, and the gateway understands none")
                    self[id, index] = .taken
                } else if !allowed.contains(name) && !(name.hasPrefix("_") && allowed.contains(String(name.dropFirst()))) {
                    report(node.at(name), "unknown-field", "FHIR R4 \(type) has no element \"\(name)\"; remove it or send it as an extension")
                    self[id, index] = .taken
                }
            }
        }
        return node
    }

    /// The member `name` of `node` as an item.
    func item(_ node: FHIRNode, _ name: String) -> FHIRItem? {
        guard let index = node.index(of: name) else { return nil }
        return FHIRItem(container: node.id, slot: index, parent: node.location, name: name, value: node.members[index].1)
    }

    /// The object member `name` of `node`, opened as `type`.
    mutating func child(_ node: FHIRNode, _ name: String, as type: String) -> FHIRNode? {
        guard let item = item(node, name) else { return nil }
        return open(item, as: type)
    }

    /// The items of the array member `name`.
    mutating func items(_ node: FHIRNode, _ name: String) -> [FHIRItem] {
        guard let index = node.index(of: name) else { return [] }
        guard case .array(let values) = node.members[index].1 else {
            report(node.at(name), "type", "send \(name) as a JSON array (FHIR repeats it), not \(node.members[index].1.typeName)")
            mark(node.id, index, .taken)
            return []
        }
        let id: Int
        if case .opened(let existing) = self[node.id, index] {
            id = existing
        } else {
            id = addContainer(values.count)
            self[node.id, index] = .opened(id)
            if values.isEmpty {
                report(node.at(name), "non-empty", "leave \(name) out rather than sending an empty array (FHIR forbids empty arrays)")
            }
        }
        let location = node.location.member(name)
        return values.enumerated().map { FHIRItem(container: id, slot: $0.offset, parent: location, name: nil, value: $0.element) }
    }

    /// The objects of the array member `name`, opened as `type`.
    mutating func children(_ node: FHIRNode, _ name: String, as type: String) -> [FHIRNode] {
        items(node, name).compactMap { open($0, as: type) }
    }

    /// The first object of the array member `name`, opened as `type`; later ones stay unread.
    mutating func first(_ node: FHIRNode, _ name: String, as type: String) -> FHIRNode? {
        guard let item = items(node, name).first else { return nil }
        return open(item, as: type)
    }

    /// A string member (FHIR string, code, uri, id, date, dateTime...), checked for type and length.
    mutating func string(_ node: FHIRNode, _ name: String, maxLength: Int = 4096) -> String? {
        guard let item = item(node, name) else { return nil }
        take(item)
        return string(item.value, at: item.path, maxLength: maxLength)
    }

    /// A string value at `path`.
    mutating func string(_ value: JSONValue, at path: @autoclosure () -> String, maxLength: Int = 4096) -> String? {
        guard case .string(let text) = value else {
            report(path(), "type", "send a JSON string here, not \(value.typeName)")
            return nil
        }
        if text.isEmpty {
            report(path(), "non-empty", "send a non-empty string or leave the element out (FHIR forbids empty strings)")
            return nil
        }
        if text.utf8.count > maxLength {
            report(path(), "max-length", "send at most \(maxLength) bytes of text here")
            return nil
        }
        return text
    }

    /// The strings of an array member.
    mutating func strings(_ node: FHIRNode, _ name: String, maxLength: Int = 4096) -> [String] {
        items(node, name).compactMap { item in
            take(item)
            return string(item.value, at: item.path, maxLength: maxLength)
        }
    }

    /// A boolean member.
    mutating func boolean(_ node: FHIRNode, _ name: String) -> Bool? {
        guard let item = item(node, name) else { return nil }
        take(item)
        guard case .bool(let flag) = item.value else {
            report(item.path, "type", "send true or false here, not \(item.value.typeName)")
            return nil
        }
        return flag
    }

    /// A number member's lexeme, exactly as sent.
    mutating func number(_ node: FHIRNode, _ name: String) -> String? {
        guard let item = item(node, name) else { return nil }
        take(item)
        guard case .number(let lexeme) = item.value else {
            report(item.path, "type", "send a JSON number here, not \(item.value.typeName)")
            return nil
        }
        return lexeme
    }

    /// A full `YYYY-MM-DD` date member (FHIR also allows `YYYY` and `YYYY-MM`, which the canonical
    /// model cannot hold).
    mutating func date(_ node: FHIRNode, _ name: String) -> CalendarDate? {
        guard let text = string(node, name, maxLength: 64) else { return nil }
        return parse(at: node.at(name)) { () throws(ValidationError) in try CalendarDate(validating: text) }
    }

    /// An RFC 3339 date-time member (a FHIR instant, or a dateTime with a time and zone), kept as sent.
    mutating func instant(_ node: FHIRNode, _ name: String) -> String? {
        guard let text = string(node, name, maxLength: 64) else { return nil }
        return parse(at: node.at(name)) { () throws(ValidationError) in _ = try Timestamp.parse(text); return text }
    }

    /// Reports a missing element.
    mutating func require(_ present: Bool, _ path: @autoclosure () -> String, _ hint: String) {
        if !present { report(path(), "required", hint) }
    }

    /// Everything under the root that was neither read whole nor opened: the topmost unread
    /// elements, located by FHIRPath.
    func unread(_ root: JSONValue, at path: String) -> [String] {
        guard let first = slots.first, case .opened(let id) = first else { return [path] }
        var result: [String] = []
        var trail: [PathStep] = []
        walk(id, root, &trail, into: &result)
        return result.map { path + $0 }
    }

    /// One step of a path below the root, kept unjoined until something unread is found.
    private enum PathStep {
        case member(String)
        case item(Int)
    }

    private func walk(_ id: Int, _ value: JSONValue, _ trail: inout [PathStep], into result: inout [String]) {
        func visit(_ slot: Int, _ child: JSONValue, _ step: PathStep, _ trail: inout [PathStep]) {
            switch self[id, slot] {
            case .taken:
                return
            case .unread:
                trail.append(step)
                result.append(trail.map { step in
                    switch step {
                    case .member(let name): "." + name
                    case .item(let index): "[" + String(index) + "]"
                    }
                }.joined())
            case .opened(let inner):
                trail.append(step)
                walk(inner, child, &trail, into: &result)
            }
            trail.removeLast()
        }
        // Only what is unread or opened is looked at further; a taken value costs one comparison.
        switch value {
        case .object(let members):
            for index in members.indices where self[id, index] != .taken { visit(index, members[index].1, .member(members[index].0), &trail) }
        case .array(let items):
            for index in items.indices where self[id, index] != .taken { visit(index, items[index], .item(index), &trail) }
        default:
            break
        }
    }
}
