import HandoverModel

/// A payload member that rows of one kind carry, with the column holding it (a leaf) or the
/// members inside it (an object). The tree is worked out once per kind, so reading a row builds
/// no pointer text and looks no column up by name.
struct CouncilCSVCarriedMember: Sendable {
    let member: CouncilMember
    /// The column of a leaf; nil for an object, and for a leaf no column holds.
    let column: CouncilCSVColumns.PayloadColumn?
    /// The members of an object.
    let members: [CouncilCSVCarriedMember]

    /// The carried members of each kind in `CouncilCSVColumns.kinds`, in the same order.
    private static let byKind: [[CouncilCSVCarriedMember]] = CouncilCSVColumns.kinds.map { kind in
        tree(CouncilCSVColumns.carried(kind), kind: kind, prefix: "")
    }

    /// The members a row of `kind` carries, in canonical member order.
    static func members(of kind: MessageKind) -> [CouncilCSVCarriedMember] {
        CouncilCSVColumns.kinds.firstIndex(of: kind).map { byKind[$0] } ?? []
    }

    private static func tree(_ members: [CouncilMember], kind: MessageKind, prefix: String) -> [CouncilCSVCarriedMember] {
        members.map { member in
            let pointer = prefix + "/" + member.name
            if member.value.shape == .object {
                return CouncilCSVCarriedMember(member: member, column: nil, members: tree(member.value.members, kind: kind, prefix: pointer))
            }
            return CouncilCSVCarriedMember(member: member, column: CouncilCSVColumns.column(kind, pointer), members: [])
        }
    }
}
