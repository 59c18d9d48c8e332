/// A person's name: a family name and any given names, in order.
///
/// Kept as parts rather than one string so each partner's format (FHIR `HumanName`, HL7 v2 `XPN`,
/// council exports) can be written without guessing where one name ends.
public struct PersonName: Sendable, Hashable, Codable {
    /// The family name (surname), e.g. "O'Brien".
    public var family: String
    /// The given names, first name first; may be empty.
    public var given: [String]

    /// Creates a name.
    public init(family: String, given: [String]) {
        self.family = family
        self.given = given
    }

    private enum CodingKeys: String, CodingKey { case family, given }

    /// Decodes `{"family": ..., "given": [...]}`; a missing `given` is read as none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        family = try container.decode(String.self, forKey: .family)
        given = try container.decodeIfPresent([String].self, forKey: .given) ?? []
    }

    /// Encodes `{"family": ..., "given": [...]}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(family, forKey: .family)
        try container.encode(given, forKey: .given)
    }
}
