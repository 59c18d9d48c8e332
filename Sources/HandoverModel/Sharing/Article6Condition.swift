/// The UK GDPR Article 6(1) condition that makes processing lawful, written as cited (`6(1)(e)`).
public enum Article6Condition: String, Sendable, Hashable, Codable, CaseIterable {
    /// 6(1)(a): the person's consent.
    case consent = "6(1)(a)"
    /// 6(1)(c): a legal obligation on the controller, such as a statutory notice under Care Act s.37.
    case legalObligation = "6(1)(c)"
    /// 6(1)(d): the vital interests of the person or someone else.
    case vitalInterests = "6(1)(d)"
    /// 6(1)(e): a task in the public interest or in the exercise of official authority; usual for councils and the NHS.
    case publicTask = "6(1)(e)"
}
