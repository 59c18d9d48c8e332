/// What makes a share of personal data lawful: a recorded consent, or a statutory basis with its
/// UK GDPR conditions.
///
/// On the wire (`lawfulBasis`) it is `{"consentId": "…"}` or
/// `{"statute": "care-act-2014-s42", "article6": "6(1)(e)", "article9": "9(2)(g)"}`. Whether the
/// consent exists and covers the share, and whether the statute fits the purpose, is decided by
/// the gateway's policy when the message is submitted and again when it is delivered.
public enum LawfulBasis: Sendable, Hashable {
    /// The person's consent, recorded in the registry before the share.
    case consent(ConsentID)
    /// A statutory power or duty, used where consent cannot or need not be had.
    case statutory(StatutoryBasis)

    /// The consent relied on, if any.
    public var consentID: ConsentID? {
        if case .consent(let id) = self { id } else { nil }
    }
}

/// A statutory basis: the statute and the UK GDPR Article 6 and Article 9 conditions.
public struct StatutoryBasis: Sendable, Hashable {
    /// The power or duty.
    public var statute: Statute
    /// The Article 6(1) condition.
    public var article6: Article6Condition
    /// The Article 9(2) condition for the health and care data the message carries.
    public var article9: Article9Condition

    /// Creates a basis.
    public init(statute: Statute, article6: Article6Condition, article9: Article9Condition) {
        self.statute = statute
        self.article6 = article6
        self.article9 = article9
    }

    /// Article 6 conditions that a statutory basis may cite: not consent, which needs a consent record.
    public static let article6Conditions: [Article6Condition] = [.legalObligation, .vitalInterests, .publicTask]
    /// Article 9 conditions that a statutory basis may cite: not explicit consent.
    public static let article9Conditions: [Article9Condition] = [.socialProtection, .vitalInterests, .substantialPublicInterest, .healthOrSocialCare]
}

extension LawfulBasis: LosslessStringConvertible {
    /// The compact text form the store and the log's leaves record: `consent:<consent id>` or
    /// `statute:<statute>;<article 6>;<article 9>` (`statute:care-act-2014-s42;6(1)(e);9(2)(g)`).
    public var description: String {
        switch self {
        case .consent(let id): "consent:\(id.value)"
        case .statutory(let basis): "statute:\(basis.statute.rawValue);\(basis.article6.rawValue);\(basis.article9.rawValue)"
        }
    }

    /// Parses the text form; nil for anything else.
    public init?(_ description: String) {
        if description.hasPrefix("consent:") {
            guard let id = try? ConsentID(validating: String(description.dropFirst("consent:".count))) else { return nil }
            self = .consent(id)
            return
        }
        guard description.hasPrefix("statute:") else { return nil }
        let parts = description.dropFirst("statute:".count).split(separator: ";", omittingEmptySubsequences: false)
        guard parts.count == 3, let statute = Statute(rawValue: String(parts[0])),
            let article6 = Article6Condition(rawValue: String(parts[1])),
            let article9 = Article9Condition(rawValue: String(parts[2]))
        else { return nil }
        self = .statutory(StatutoryBasis(statute: statute, article6: article6, article9: article9))
    }
}
