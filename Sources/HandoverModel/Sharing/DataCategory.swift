/// A category of personal data a share carries, and a consent covers; kebab-case on the wire.
///
/// Consent is given for categories, not for fields, so a partner's system can show the person
/// what they agree to share. The payload members of each kind map to one category each
/// (`contracts/policy/data-categories.json`).
public enum DataCategory: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Name, date of birth, identifiers, gender.
    case demographics
    /// Address, telephone, email, next of kin.
    case contact
    /// Assessed care and support needs.
    case careNeeds = "care-needs"
    /// The care and support plan, including its personal budget.
    case carePlan = "care-plan"
    /// Diagnoses and health history, a CHC checklist.
    case healthConditions = "health-conditions"
    /// Medicines.
    case medication
    /// Detention and aftercare status under the Mental Health Act.
    case mentalHealthLegalStatus = "mental-health-legal-status"
    /// Custody: prison, booking, reception and release dates.
    case custody
    /// Safeguarding concerns and enquiries.
    case safeguarding
    /// Funding, costs and financial assessments.
    case finance

    public static func < (lhs: DataCategory, rhs: DataCategory) -> Bool { lhs.rawValue < rhs.rawValue }
}
