/// The member names seen so far in one JSON object, for refusing a duplicate.
///
/// Most objects have a handful of members, and comparing a name with a few others (lengths
/// first) costs far less than hashing it into a set, which profiles showed as a third of the
/// parser's time; past `linearLimit` names a set takes over, so a hostile object of thousands of
/// members still costs linear time, not quadratic.
struct JSONMemberNames {
    /// How many names are compared one by one before a set is used.
    static let linearLimit = 16

    private var few: [String] = []
    private var many: Set<String> = []

    /// Adds `name`; false when the object already has it.
    mutating func insert(_ name: String) -> (inserted: Bool, memberAfterInsert: String) {
        if few.count < Self.linearLimit {
            let length = name.utf8.count
            for seen in few where seen.utf8.count == length && seen == name { return (false, seen) }
            few.append(name)
            return (true, name)
        }
        if many.isEmpty { many = Set(few) }
        return many.insert(name)
    }
}
