/// Who gave a consent; kebab-case on the wire (`contracts/canonical/payloads.md`).
///
/// A third party may consent for an adult who lacks capacity only as an attorney under a Lasting
/// Power of Attorney for Health and Welfare or as a Court of Protection welfare deputy; otherwise
/// a best-interests decision is recorded with the name of its decision maker.
public enum ConsentGiver: String, Sendable, Hashable, Codable, CaseIterable {
    /// The person themselves.
    case person
    /// An attorney under a Lasting Power of Attorney for Health and Welfare.
    case lpaWelfare = "lpa-welfare"
    /// A welfare deputy appointed by the Court of Protection.
    case welfareDeputy = "welfare-deputy"
    /// A best-interests decision (Mental Capacity Act 2005 s.4) for an adult who lacks capacity.
    case bestInterests = "best-interests"

    /// Whether a name must be recorded beside it: the attorney, the deputy or the decision maker.
    public var needsName: Bool { self != .person }
}
