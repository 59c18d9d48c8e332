/// What kind of public body an organisation is.
public enum OrganisationKind: String, Sendable, Hashable, Codable, CaseIterable {
    case localAuthority = "local-authority"
    case icb
    case nhsTrust = "nhs-trust"
    case prison
    case probation
    case nhsEngland = "nhs-england"
}

/// Which register an organisation identifier comes from.
public enum OrganisationIdentifierScheme: String, Sendable, Hashable, Codable, CaseIterable {
    /// ONS GSS codes, for councils.
    case gss
    /// NHS ODS codes, for ICBs, trusts and NHS England.
    case ods
    /// HMPPS agency ids, for prisons.
    case prisonAgency = "prison-agency"
}

/// An organisation's identifier, validated against its scheme's format and normalised.
public struct OrganisationIdentifier: Sendable, Hashable, Codable {
    public let scheme: OrganisationIdentifierScheme
    public let value: String

    /// Validates `value` by `scheme` (GSS, ODS or prison agency id).
    public init(scheme: OrganisationIdentifierScheme, value: String, path: String = "") throws(ValidationError) {
        self.scheme = scheme
        switch scheme {
        case .gss: self.value = try GSSCode(validating: value, path: path + "/value").value
        case .ods: self.value = try ODSCode(validating: value, path: path + "/value").value
        case .prisonAgency: self.value = try PrisonAgencyID(validating: value, path: path + "/value").value
        }
    }

    private enum CodingKeys: String, CodingKey { case scheme, value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            scheme: container.decode(OrganisationIdentifierScheme.self, forKey: .scheme),
            value: container.decode(String.self, forKey: .value),
            path: decoder.codingPath.map { "/" + $0.stringValue }.joined()
        )
    }
}

/// A public body that exchanges messages through the gateway.
public struct Organisation: Sendable, Hashable, Codable {
    public var kind: OrganisationKind
    public var identifier: OrganisationIdentifier
    public var name: String

    /// Creates an organisation.
    public init(kind: OrganisationKind, identifier: OrganisationIdentifier, name: String) {
        self.kind = kind
        self.identifier = identifier
        self.name = name
    }
}
