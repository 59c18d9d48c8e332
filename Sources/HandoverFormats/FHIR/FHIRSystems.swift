/// The URIs the FHIR messages use: NHS and ONS identifier systems, HL7 code systems, and the
/// project's own code systems, identifier systems and extensions under `https://handover.example/fhir/`.
enum FHIRSystems {
    static let base = "https://handover.example/fhir/"

    // Identifier systems.
    static let nhsNumber = "https://fhir.nhs.uk/Id/nhs-number"
    static let ods = "https://fhir.nhs.uk/Id/ods-organization-code"
    static let odsSite = "https://fhir.nhs.uk/Id/ods-site-code"
    static let gss = "http://statistics.data.gov.uk/id/statistical-geography"
    static let prisonAgency = base + "Id/prison-agency"
    static let prisonerNumber = base + "Id/prisoner-number"
    static let crn = base + "Id/probation-crn"
    /// A local person id's system is this prefix and the canonical `system`, percent-encoded.
    static let localPerson = base + "Id/local-person/"
    static let senderLocalId = base + "Id/sender-local-id"
    static let referralId = base + "Id/referral-id"
    static let rfc3986 = "urn:ietf:rfc:3986"

    // UK Core.
    static let verificationStatusExtension = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus"
    static let verificationStatus = "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland"
    static let barsReason = "https://fhir.nhs.uk/CodeSystem/message-reason-bars"
    static let itkResponse = "https://fhir.nhs.uk/STU3/CodeSystem/ITK-ResponseCodes-1"

    // HL7.
    static let consentScope = "http://terminology.hl7.org/CodeSystem/consentscope"
    static let actCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
    static let participationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
    static let ucum = "http://unitsofmeasure.org"

    // The project's code systems.
    static let messageEvent = base + "CodeSystem/message-event"
    static let purpose = base + "CodeSystem/purpose"
    static let statute = base + "CodeSystem/statute"
    static let article6 = base + "CodeSystem/uk-gdpr-article-6"
    static let article9 = base + "CodeSystem/uk-gdpr-article-9"
    static let referralType = base + "CodeSystem/referral-type"
    static let checklistLevel = base + "CodeSystem/chc-checklist-level"
    static let checklistOutcome = base + "CodeSystem/chc-checklist-outcome"
    static let decisionOutcome = base + "CodeSystem/chc-decision-outcome"
    static let transferStage = base + "CodeSystem/continuity-of-care-stage"
    static let transferTrigger = base + "CodeSystem/continuity-of-care-trigger"
    static let taskParameter = base + "CodeSystem/task-parameter"
    static let detentionSection = base + "CodeSystem/mha-detention-section"
    static let s117Question = base + "CodeSystem/s117-question"
    static let givenBy = base + "CodeSystem/consent-given-by"
    static let dataCategory = base + "CodeSystem/data-category"
    static let organisationKind = base + "CodeSystem/organisation-kind"
    static let acknowledgementOutcome = base + "CodeSystem/acknowledgement-outcome"
    static let checklistQuestionnaire = base + "Questionnaire/chc-checklist"

    // The project's extensions.
    static let sharingExtension = base + "StructureDefinition/Extension-Handover-Sharing"
    static let extensionBase = base + "StructureDefinition/Extension-Handover-"

    /// Where the gateway's mailboxes are addressed: an `https` URL, as R4 types endpoints `url`.
    static let mailboxEndpoint = "https://handover.example/mailbox/"
}
