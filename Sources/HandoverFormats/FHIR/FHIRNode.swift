/// An object read from a FHIR message, with its FHIRPath-like location
/// (`Bundle.entry[2].resource.identifier[0]`) and the reader's id for it.
struct FHIRNode {
    /// The reader's id of this object, for marking what was read.
    let id: Int
    /// Where it is.
    let location: FHIRLocation
    /// Its members in the order sent.
    let members: [(String, JSONValue)]

    /// The member named `name`.
    subscript(name: String) -> JSONValue? {
        index(of: name).map { members[$0].1 }
    }

    /// The position of member `name`.
    func index(of name: String) -> Int? {
        // By position rather than through a closure, so no member is copied (retained) to compare it.
        var index = 0
        while index < members.count {
            if members[index].0 == name { return index }
            index += 1
        }
        return nil
    }

    /// Where it is, as a FHIRPath.
    var path: String { location.path }

    /// The location of member `name`.
    func at(_ name: String) -> String { location.path(member: name) }
}

/// One value inside an opened object or array, not yet read: where it sits, so that reading it
/// marks its place.
struct FHIRItem {
    /// The id of the object or array holding it.
    let container: Int
    /// Its position there.
    let slot: Int
    /// The location of the object or array holding it.
    let parent: FHIRLocation
    /// Its member name, or nil for an array item.
    let name: String?
    let value: JSONValue

    /// Where it is.
    var location: FHIRLocation {
        if let name { return parent.member(name) }
        return parent.item(slot)
    }

    /// Where it is as a FHIRPath, built only for issues and dropped values.
    var path: String {
        if let name { return parent.path(member: name) }
        return parent.item(slot).path
    }
}
