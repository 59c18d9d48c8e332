/// Why personal information is shared; every message about a person names one, kebab-case on the
/// wire.
///
/// UK GDPR requires each share to have a stated purpose, and information-governance staff ask for
/// every share of a person's data by purpose, so it is a closed list rather than free text.
public enum Purpose: String, Sendable, Hashable, Codable, CaseIterable {
    /// Providing or arranging the person's care.
    case directCare = "direct-care"
    /// A Care Act 2014 needs assessment by a council.
    case careActAssessment = "care-act-assessment"
    /// An NHS Continuing Healthcare checklist or full assessment.
    case chcAssessment = "chc-assessment"
    /// Continuity of care when an adult moves between areas or leaves prison (Care Act ss.37-38).
    case continuityOfCare = "continuity-of-care"
    /// Arranging an out-of-area placement with a provider.
    case placementCommissioning = "placement-commissioning"
    /// Section 117 Mental Health Act aftercare.
    case s117Aftercare = "s117-aftercare"
    /// Protecting an adult at risk of abuse or neglect (Care Act s.42).
    case safeguarding
}
