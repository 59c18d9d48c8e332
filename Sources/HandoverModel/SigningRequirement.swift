/// Whether a partner's submissions must carry its signature.
public enum SigningRequirement: String, Sendable, Hashable, Codable, CaseIterable {
    /// A signature is checked when present; a submission without one is accepted.
    case optional
    /// A submission without a valid signature by one of the partner's keys is refused.
    case required
}
