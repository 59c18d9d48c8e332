/// The members and items of the objects and arrays being parsed, on one stack shared by every
/// nesting level.
///
/// A finished object or array is moved off the stack into an array of exactly its size, with one
/// allocation, rather than growing an array of its own by doubling; and a member name is checked
/// for duplicates against its siblings where they lie on the stack, rather than in a list or set
/// allocated per object. Profiles of the codecs had both among the largest costs of parsing.
///
/// The storage is managed by hand so that moving values off the stack costs neither a retain
/// nor a release; every access is checked against the count.
struct JSONBuildStack: ~Copyable {
    private var members: Storage<(String, JSONValue)>
    private var items: Storage<JSONValue>
    /// Objects with more members than this are checked for duplicates through a set.
    private static let linearNames = 16

    init() {
        members = Storage(capacity: 32)
        items = Storage(capacity: 16)
    }

    /// Where the members of an object starting now begin.
    var memberBase: Int { members.count }
    /// Where the items of an array starting now begin.
    var itemBase: Int { items.count }

    mutating func push(_ name: String, _ value: JSONValue) {
        members.push((name, value))
    }

    mutating func push(_ item: JSONValue) {
        items.push(item)
    }

    /// Whether `name` is not yet among the members pushed since `base`. Once an object has many
    /// members, `many` holds their names so that the check stays linear in the object's size.
    func isNew(_ name: String, since base: Int, many: inout Set<String>?) -> Bool {
        if many != nil { return many?.insert(name).inserted ?? false }
        let found = members.firstIndex(since: base) { $0.0 == name }
        guard found == nil else { return false }
        if members.count - base >= Self.linearNames {
            var names = Set<String>(minimumCapacity: 2 * Self.linearNames)
            members.forEach(since: base) { names.insert($0.0) }
            names.insert(name)
            many = names
        }
        return true
    }

    /// Moves the members pushed since `base` into an array of their own.
    mutating func popMembers(since base: Int) -> [(String, JSONValue)] {
        members.pop(since: base)
    }

    /// Moves the items pushed since `base` into an array of their own.
    mutating func popItems(since base: Int) -> [JSONValue] {
        items.pop(since: base)
    }

    /// Discards the members pushed since `base` (an object parsed without being built).
    mutating func dropMembers(since base: Int) {
        members.drop(since: base)
    }

    /// A growable stack of values in memory of its own.
    private struct Storage<Element>: ~Copyable {
        private var base: UnsafeMutablePointer<Element>
        private var capacity: Int
        private(set) var count = 0

        init(capacity: Int) {
            base = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
            self.capacity = capacity
        }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }

        mutating func push(_ element: Element) {
            if count == capacity {
                let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
                grown.moveInitialize(from: base, count: count)
                base.deallocate()
                base = grown
                capacity *= 2
            }
            (base + count).initialize(to: element)
            count += 1
        }

        func firstIndex(since start: Int, where matches: (borrowing Element) -> Bool) -> Int? {
            precondition(start >= 0 && start <= count, "stack position out of range")
            var index = start
            while index < count {
                if matches(base[index]) { return index }
                index += 1
            }
            return nil
        }

        func forEach(since start: Int, _ body: (borrowing Element) -> Void) {
            precondition(start >= 0 && start <= count, "stack position out of range")
            for index in start..<count { body(base[index]) }
        }

        /// Moves the elements from `start` up into a new array, shrinking the stack to `start`.
        mutating func pop(since start: Int) -> [Element] {
            precondition(start >= 0 && start <= count, "stack position out of range")
            // Reserved and appended rather than built with `init(unsafeUninitializedCapacity:)`,
            // which reaches an unspecialised allocation that looks up type metadata per call.
            var result: [Element] = []
            result.reserveCapacity(count - start)
            for index in start..<count { result.append((base + index).move()) }
            count = start
            return result
        }

        mutating func drop(since start: Int) {
            precondition(start >= 0 && start <= count, "stack position out of range")
            (base + start).deinitialize(count: count - start)
            count = start
        }
    }
}
