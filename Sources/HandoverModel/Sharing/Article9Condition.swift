/// The UK GDPR Article 9(2) condition for special category data (health, care needs), written as
/// cited (`9(2)(h)`).
public enum Article9Condition: String, Sendable, Hashable, Codable, CaseIterable {
    /// 9(2)(a): explicit consent.
    case explicitConsent = "9(2)(a)"
    /// 9(2)(b): obligations in social protection law.
    case socialProtection = "9(2)(b)"
    /// 9(2)(c): vital interests, when the person cannot consent.
    case vitalInterests = "9(2)(c)"
    /// 9(2)(g): substantial public interest, such as safeguarding (DPA 2018 Sch.1 para.18).
    case substantialPublicInterest = "9(2)(g)"
    /// 9(2)(h): health or social care; usual for direct care.
    case healthOrSocialCare = "9(2)(h)"
}
