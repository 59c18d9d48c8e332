/// The statutory power or duty a share relies on when it is not made on consent; kebab-case on the
/// wire (`care-act-2014-s42`).
///
/// Each statute allows some purposes only: a safeguarding enquiry (Care Act s.42) is no basis for
/// arranging a placement. `purposes` is that table, published in `contracts/policy/`.
public enum Statute: String, Sendable, Hashable, Codable, CaseIterable {
    /// Care Act 2014 s.6: co-operating generally with relevant partners (NHS bodies, prisons, probation).
    case careAct2014s6 = "care-act-2014-s6"
    /// Care Act 2014 s.7: co-operating in specific cases, when one body asks another for help.
    case careAct2014s7 = "care-act-2014-s7"
    /// Care Act 2014 ss.37-38: continuity of care when an adult moves to another area.
    case careAct2014s37 = "care-act-2014-s37"
    /// Care Act 2014 s.42: a safeguarding enquiry about an adult at risk of abuse or neglect.
    case careAct2014s42 = "care-act-2014-s42"
    /// Care Act 2014 s.76: adults in prison and approved premises (assessment, continuity on release).
    case careAct2014s76 = "care-act-2014-s76"
    /// Mental Health Act 1983 s.117: aftercare after detention.
    case mentalHealthAct1983s117 = "mental-health-act-1983-s117"
    /// The NHS Standing Rules Regulations 2012, regulation 21: NHS Continuing Healthcare.
    case nhsStandingRules2012reg21 = "nhs-standing-rules-2012-reg21"
    /// Health and Social Care Act 2012 s.251B: the duty to share information for a person's direct care.
    case healthAndSocialCareAct2012s251B = "health-and-social-care-act-2012-s251b"

    /// The purposes this statute is a basis for.
    public var purposes: Set<Purpose> {
        switch self {
        case .careAct2014s6, .careAct2014s7:
            [.directCare, .careActAssessment, .chcAssessment, .continuityOfCare, .placementCommissioning, .s117Aftercare]
        case .careAct2014s37: [.continuityOfCare]
        case .careAct2014s42: [.safeguarding]
        case .careAct2014s76: [.careActAssessment, .continuityOfCare]
        case .mentalHealthAct1983s117: [.s117Aftercare]
        case .nhsStandingRules2012reg21: [.chcAssessment]
        case .healthAndSocialCareAct2012s251B: [.directCare, .careActAssessment, .chcAssessment, .continuityOfCare]
        }
    }

    /// How people cite it, e.g. "Care Act 2014 s.42".
    public var citation: String {
        switch self {
        case .careAct2014s6: "Care Act 2014 s.6"
        case .careAct2014s7: "Care Act 2014 s.7"
        case .careAct2014s37: "Care Act 2014 s.37"
        case .careAct2014s42: "Care Act 2014 s.42"
        case .careAct2014s76: "Care Act 2014 s.76"
        case .mentalHealthAct1983s117: "Mental Health Act 1983 s.117"
        case .nhsStandingRules2012reg21: "NHS Standing Rules Regulations 2012 reg.21"
        case .healthAndSocialCareAct2012s251B: "Health and Social Care Act 2012 s.251B"
        }
    }
}
