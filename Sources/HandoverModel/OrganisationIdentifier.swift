/// An organisation's identifier, validated against its scheme's format and normalised
/// (upper case); on the wire `{"scheme":"gss","value":"E06000030"}`.
///
/// Validation reuses `GSSCode`, `ODSCode` and `PrisonAgencyID`, so an organisation cannot be
/// registered or addressed with an identifier those types would refuse.
public struct OrganisationIdentifier: Sendable, Hashable, Codable {
    /// The register the value comes from.
    public let scheme: OrganisationIdentifierScheme
    /// The normalised identifier.
    public let value: String

    /// Validates `value` by `scheme`; a failure is reported at `path` + `/value` with that
    /// scheme's rule (`gss-format`, `ods-format` or `prison-agency-format`).
    public init(scheme: OrganisationIdentifierScheme, value: String, path: String = "") throws(ValidationError) {
        self.scheme = scheme
        switch scheme {
        case .gss: self.value = try GSSCode(validating: value, path: path + "/value").value
        case .ods: self.value = try ODSCode(validating: value, path: path + "/value").value
        case .prisonAgency: self.value = try PrisonAgencyID(validating: value, path: path + "/value").value
        }
    }

    private enum CodingKeys: String, CodingKey { case scheme, value }

    /// Decodes `{"scheme": ..., "value": ...}` and validates the value by its scheme.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            scheme: container.decode(OrganisationIdentifierScheme.self, forKey: .scheme),
            value: container.decode(String.self, forKey: .value),
            path: JSONPointer.path(decoder.codingPath)
        )
    }

    /// Encodes `{"scheme": ..., "value": ...}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scheme, forKey: .scheme)
        try container.encode(value, forKey: .value)
    }
}
