/// Which register an organisation identifier comes from; kebab-case on the wire.
///
/// Each scheme has its own format, so the scheme travels with the value and the value is checked
/// against it.
public enum OrganisationIdentifierScheme: String, Sendable, Hashable, Codable, CaseIterable {
    /// ONS GSS codes (`E06000030`), for councils.
    case gss
    /// NHS ODS codes (`QOX`), for ICBs, trusts and NHS England.
    case ods
    /// HMPPS agency ids (`LEI`), for prisons.
    case prisonAgency = "prison-agency"
}
