public import HandoverModel

/// What each kind of recipient does not need, per purpose (`contracts/policy/minimisation.json`,
/// checked against this table by the tests).
///
/// A rule removes whole payload members by their data category (`PayloadCategories`): a prison
/// receives the care and support plan and what it needs to meet the person's care needs in
/// custody, not their health history or finances. The stored message stays the sender's; the
/// removal happens on delivery and is listed in the share's audit record.
public struct MinimisationPolicy: Sendable {
    /// One rule: recipients of `recipientKind`, for `purposes` (every purpose when nil), do not
    /// receive members of `removes`.
    public struct Rule: Sendable, Hashable {
        /// The kind of organisation receiving.
        public var recipientKind: OrganisationKind
        /// The purposes it applies to; nil for all.
        public var purposes: Set<Purpose>?
        /// The categories removed.
        public var removes: Set<DataCategory>
        /// Why, as the audit record and the recipient's `Handover-Dropped` say it.
        public var reason: String

        /// Creates a rule.
        public init(recipientKind: OrganisationKind, purposes: Set<Purpose>?, removes: Set<DataCategory>, reason: String) {
            self.recipientKind = recipientKind
            self.purposes = purposes
            self.removes = removes
            self.reason = reason
        }

        func applies(to purpose: Purpose, _ kind: OrganisationKind) -> Bool {
            kind == recipientKind && purposes.map { $0.contains(purpose) } ?? true
        }
    }

    /// The rules, in order.
    public var rules: [Rule]
    /// The member table the rules' categories are read through.
    public var categories: PayloadCategories

    /// Creates a policy.
    public init(rules: [Rule], categories: PayloadCategories = .standard) {
        self.rules = rules
        self.categories = categories
    }

    /// Whether any rule applies, so the payload need only be read when one does.
    public func hasRules(for purpose: Purpose?, recipient: OrganisationKind) -> Bool {
        guard let purpose else { return false }
        return rules.contains { $0.applies(to: purpose, recipient) }
    }

    /// The members of a payload to remove for this recipient, in payload order.
    /// - Parameter members: the payload's top-level member names.
    public func removals(kind: MessageKind, purpose: Purpose?, recipient: OrganisationKind, members: [String]) -> [RemovedField] {
        guard let purpose else { return [] }
        let applicable = rules.filter { $0.applies(to: purpose, recipient) }
        guard !applicable.isEmpty else { return [] }
        return members.compactMap { member in
            guard let category = categories.category(of: member, in: kind),
                let rule = applicable.first(where: { $0.removes.contains(category) })
            else { return nil }
            return RemovedField(pointer: "/payload/" + JSONPointer.escape(member), category: category, reason: rule.reason)
        }
    }

    /// The published policy.
    public static let standard = MinimisationPolicy(rules: [
        Rule(
            recipientKind: .prison, purposes: nil, removes: [.healthConditions, .finance],
            reason: "a prison receives the care and support plan, not the health history or finances"
        ),
        Rule(
            recipientKind: .probation, purposes: nil, removes: [.healthConditions, .medication, .finance],
            reason: "probation receives what risk and supervision need, not health or financial details"
        ),
        Rule(
            recipientKind: .localAuthority, purposes: [.placementCommissioning], removes: [.healthConditions],
            reason: "a host council answering a placement query needs the care needs, not the health history"
        ),
    ])
}

/// A payload member removed for a recipient, as the share's audit record lists it.
public struct RemovedField: Sendable, Hashable, CustomStringConvertible {
    /// Its JSON Pointer in the canonical message, e.g. `/payload/checklist`.
    public var pointer: String
    /// The category that made it go.
    public var category: DataCategory
    /// The rule's reason.
    public var reason: String

    /// Creates an entry.
    public init(pointer: String, category: DataCategory, reason: String) {
        self.pointer = pointer
        self.category = category
        self.reason = reason
    }

    /// `pointer: removed (category): reason`, the form the audit record and `Handover-Dropped` show.
    public var description: String { "\(pointer): removed (\(category.rawValue)): \(reason)" }

    /// The pointer back from `description`.
    public static func pointer(of description: String) -> String {
        String(description.prefix { $0 != ":" })
    }
}
