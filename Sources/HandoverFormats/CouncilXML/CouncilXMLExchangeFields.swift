import HandoverModel

/// The bodies of the question-and-answer and consent kinds (`contracts/canonical/payloads.md`,
/// element for member).
enum CouncilXMLExchangeFields {
    static let placementQuery: [CouncilXMLField] = [
        CouncilXMLField("QueryId", "queryId", .text(maxBytes: 128)),
        CouncilXMLField("Provider", "provider", .group([.text("Name", "name"), CouncilXMLField("CQCLocationId", "cqcLocationId", .cqcLocation)])),
        CouncilXMLField("CareType", "careType", .code(["residential", "nursing", "supported-living", "extra-care", "shared-lives", "home-care"])),
        CouncilXMLField("PlannedStart", "plannedStart", .date),
        CouncilXMLField("Question", "questions", .code(["existing-contract", "relevant-costs", "safeguarding-concerns", "third-party-top-ups"]), .repeated(max: 4)),
    ]

    static let placementReply: [CouncilXMLField] = [
        CouncilXMLField("ExistingContract", "existingContract", .boolean),
        .text("ContractReference", "contractReference"),
        CouncilXMLField("SpotContractNeeded", "spotContractNeeded", .boolean),
        CouncilXMLField("WeeklyCostPence", "weeklyCostPence", .pence),
        .text("SafeguardingConcerns", "safeguardingConcerns"),
        CouncilXMLField("ThirdPartyTopUpPence", "thirdPartyTopUpPence", .pence),
    ]

    static let s117Query: [CouncilXMLField] = [
        CouncilXMLField("DetentionSection", "detentionSection", .code(["3", "37", "37/41", "45A", "47", "47/49", "48", "48/49"])),
        CouncilXMLField("DetentionStart", "detentionStart", .date),
        CouncilXMLField("DischargeDate", "dischargeDate", .date),
        CouncilXMLField("Question", "question", .code(["responsible-la", "responsible-icb", "both"])),
        CouncilXMLField("DetainingHospital", "detainingHospital", .organisation),
        CouncilXMLField("AddressBeforeDetention", "addressBeforeDetention", .group(CouncilXMLGroups.address)),
        .text("GPPracticeAtDetention", "gpPracticeAtDetention"),
    ]

    static let s117Reply: [CouncilXMLField] = [
        CouncilXMLField("Accepts", "accepts", .boolean),
        CouncilXMLField("ResponsibleAuthority", "responsibleAuthority", .organisation),
        CouncilXMLField("ResponsibleIcb", "responsibleIcb", .organisation),
        CouncilXMLField("FinanciallyResponsibleIcb", "financiallyResponsibleIcb", .organisation),
        .text("Basis", "basis"),
        CouncilXMLField("EffectiveFrom", "effectiveFrom", .date),
        .text("DisputeReason", "disputeReason"),
    ]

    static let consentGrant: [CouncilXMLField] = [
        CouncilXMLField("ConsentId", "consentId", .uuid, .required),
        CouncilXMLField("GivenBy", "givenBy", .code(["person", "lpa-welfare", "welfare-deputy", "best-interests"])),
        .text("GivenByName", "givenByName"),
        CouncilXMLField("DecidedAt", "decidedAt", .instant),
        CouncilXMLField("Purpose", "purposes", .code(Purpose.allCases.map(\.rawValue)), .repeated(max: 20)),
        CouncilXMLField("Recipient", "recipients", .organisationOrKind, .repeated(max: 50)),
        CouncilXMLField("DataCategory", "dataCategories", .code([
            "demographics", "contact", "care-needs", "care-plan", "health-conditions", "medication", "mental-health-legal-status",
            "custody", "safeguarding", "finance",
        ]), .repeated(max: 20)),
        CouncilXMLField("ValidFrom", "validFrom", .date),
        CouncilXMLField("ValidUntil", "validUntil", .date),
        .text("RecordedBy", "recordedBy"),
    ]

    static let consentWithdrawal: [CouncilXMLField] = [
        CouncilXMLField("ConsentId", "consentId", .uuid, .required),
        CouncilXMLField("WithdrawnAt", "withdrawnAt", .instant),
        .text("Reason", "reason"),
        .text("RecordedBy", "recordedBy"),
    ]

    static let acknowledgement: [CouncilXMLField] = [
        CouncilXMLField("Outcome", "outcome", .code(["received", "accepted", "rejected", "error"]), .required),
        .text("OutcomeNote", "note"),
    ]
}
