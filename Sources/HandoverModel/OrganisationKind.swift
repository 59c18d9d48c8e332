/// What kind of public body an organisation is; kebab-case on the wire.
///
/// The kind decides which identifier scheme names the body and which exchanges it takes part in
/// (only a council receives a prison arrival referral, only an ICB decides CHC eligibility).
public enum OrganisationKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A council with adult social care duties, named by its GSS code.
    case localAuthority = "local-authority"
    /// An Integrated Care Board (a CCG until 1 July 2022), named by its ODS code (`QOX`).
    case icb
    /// An NHS trust, such as a mental health trust, named by its ODS code (`RN3`).
    case nhsTrust = "nhs-trust"
    /// A prison or its healthcare provider, named by its HMPPS agency id (`LEI`).
    case prison
    /// The Probation Service, which knows a person by their CRN.
    case probation
    /// NHS England, which commissions healthcare (and s117 aftercare) for people in prison.
    case nhsEngland = "nhs-england"
}
