import HandoverModel

/// The code lists the FHIR mapping uses: canonical values are the codes of the project's code
/// systems (`FHIRSystems`), so a value travels unchanged; the displays are for people reading
/// the message.
enum FHIRCodes {
    /// Identifier systems of organisations, by canonical scheme.
    static let organisationSystems: [(scheme: String, system: String)] = [
        ("ods", FHIRSystems.ods), ("gss", FHIRSystems.gss), ("prison-agency", FHIRSystems.prisonAgency),
    ]

    /// How an Organization standing for any body of a kind is named.
    static let organisationKindNames: [String: String] = [
        "local-authority": "local authority", "icb": "integrated care board", "nhs-trust": "NHS trust",
        "prison": "prison", "probation": "probation service", "nhs-england": "NHS England",
    ]

    /// The event code and display of each kind the FHIR partners exchange.
    static let events: [(kind: MessageKind, display: String)] = [
        (.referral, "Referral"),
        (.decisionNotice, "Decision notice"),
        (.continuityOfCareTransfer, "Continuity of care transfer (Care Act 2014 ss.37-38)"),
        (.s117Query, "Section 117 aftercare responsibility query"),
        (.s117Reply, "Section 117 aftercare responsibility reply"),
        (.consentGrant, "Consent to share recorded"),
        (.consentWithdrawal, "Consent to share withdrawn"),
        (.acknowledgement, "Acknowledgement"),
    ]

    static let referralTypes = [
        "chc-checklist", "chc-fast-track", "care-act-s9-assessment", "carers-assessment-s10", "care-act-s76-needs-assessment",
        "safeguarding-concern-s42", "s117-aftercare-planning", "hospital-discharge",
    ]
    static let priorities = ["routine", "urgent", "asap", "stat"]
    static let genders = ["female", "male", "other", "unknown"]
    static let verificationStatuses = ["01", "02", "03", "04", "05", "06", "07", "08"]

    /// The eleven CHC Checklist domains (canonical member, question text).
    static let checklistDomains: [(member: String, text: String)] = [
        ("behaviour", "Behaviour"), ("cognition", "Cognition"), ("psychological", "Psychological and emotional needs"),
        ("communication", "Communication"), ("mobility", "Mobility"), ("nutrition", "Nutrition - food and drink"),
        ("continence", "Continence"), ("skinIntegrity", "Skin integrity"), ("breathing", "Breathing"),
        ("drugTherapies", "Drug therapies and medication: symptom control"),
        ("alteredStatesOfConsciousness", "Altered states of consciousness"),
    ]
    static let checklistLevels = ["A", "B", "C"]
    static let checklistOutcomes = ["positive", "negative"]

    static let decisionOutcomes = ["eligible", "not-eligible", "fnc-only", "joint-package", "fast-track-eligible"]
    static let transferStages = [
        "intention-notified", "genuine-intention-confirmed", "information-pack", "assessment-outcome", "interim-s38", "move-completed",
    ]
    static let transferTriggers = ["adult-moving-s37", "prison-release", "prison-transfer"]
    static let detentionSections = ["3", "37", "37/41", "45A", "47", "47/49", "48", "48/49"]
    static let s117Questions = ["responsible-la", "responsible-icb", "both"]
    static let givenBy = ["person", "lpa-welfare", "welfare-deputy", "best-interests"]
    static let dataCategories = [
        "demographics", "contact", "care-needs", "care-plan", "health-conditions", "medication", "mental-health-legal-status",
        "custody", "safeguarding", "finance",
    ]
    static let acknowledgementOutcomes = ["received", "accepted", "rejected", "error"]

    /// ITK3 response codes for each acknowledgement outcome, with the FHIR response code and the
    /// OperationOutcome severity and issue type.
    static let acknowledgements: [(outcome: String, response: String, itk: String, itkDisplay: String, severity: String, issue: String)] = [
        ("received", "ok", "20013", "Success", "information", "informational"),
        ("accepted", "ok", "30001", "Patient known here", "information", "informational"),
        ("rejected", "fatal-error", "30002", "Patient not known here", "error", "business-rule"),
        ("error", "fatal-error", "20009", "Payload validation failure", "error", "processing"),
    ]
}
