import HandoverModel

/// The payload members council JSON carries for each kind: the canonical vocabulary of
/// `contracts/canonical/payloads.md`, member for member, with organisations written the council
/// way. The subject's details (`subjectDetails`) travel in the message's `person`, not here.
///
/// Required members are what a message of the kind means nothing without (a referral's type, a
/// transfer's stage); a canonical message without them cannot be written either.
enum CouncilPayloadSpec {
    /// The members of `kind`'s payload, in the order the canonical payload lists them.
    static func members(of kind: MessageKind) -> [CouncilMember] {
        switch kind {
        case .referral: referral
        case .decisionNotice: decisionNotice
        case .continuityOfCareTransfer: transfer
        case .placementQuery: placementQuery
        case .placementReply: placementReply
        case .s117Query: s117Query
        case .s117Reply: s117Reply
        case .consentGrant: consentGrant
        case .consentWithdrawal: consentWithdrawal
        case .acknowledgement: acknowledgement
        case .nonDeliveryReport: nonDeliveryReport
        // An opaque MESH document has no council JSON message: the table has no type for it.
        case .document: []
        }
    }

    static let notes = CouncilMember("notes", .array(.prose, 100))

    static let referralTypes = [
        "chc-checklist", "chc-fast-track", "care-act-s9-assessment", "carers-assessment-s10", "care-act-s76-needs-assessment",
        "safeguarding-concern-s42", "s117-aftercare-planning", "hospital-discharge",
    ]
    static let checklistDomains = [
        "behaviour", "cognition", "psychological", "communication", "mobility", "nutrition", "continence", "skinIntegrity",
        "breathing", "drugTherapies", "alteredStatesOfConsciousness",
    ]

    static let referral: [CouncilMember] = [
        CouncilMember("referralId", .text(128)),
        CouncilMember("referralType", .code(referralTypes), required: true),
        CouncilMember("priority", .code(["routine", "urgent", "asap", "stat"])),
        CouncilMember("status", .code(["pending", "accepted", "rejected", "expired"])),
        CouncilMember("reason", .prose),
        CouncilMember("referredOn", .date),
        CouncilMember("respondBy", .date),
        CouncilMember("requestedBy", .object([
            CouncilMember("name", .name), CouncilMember("role", .text(200)), CouncilMember("organisation", .organisation),
            CouncilMember("phone", .text(64)), CouncilMember("email", .text(254)), CouncilMember("address", .address),
        ])),
        CouncilMember("requestedOf", .object([CouncilMember("name", .text(200)), CouncilMember("identifier", .organisation)])),
        CouncilMember("checklist", .object([
            CouncilMember("completedOn", .date), CouncilMember("completedBy", .text(200)),
            CouncilMember("domains", .object(checklistDomains.map { CouncilMember($0, .code(["A", "B", "C"])) })),
            CouncilMember("outcome", .code(["positive", "negative"])), CouncilMember("reason", .prose),
        ])),
        CouncilMember("consentRecorded", .boolean),
        CouncilMember("selfReferral", .boolean),
        CouncilMember("prisonId", .identifier(.prisonAgency)),
        CouncilMember("location", .text(200)),
        CouncilMember("bookingId", .text(64)),
        CouncilMember("receptionDate", .date),
        CouncilMember("personalCareNeeds", .array(.object([
            CouncilMember("code", .text(64)), CouncilMember("description", .prose), CouncilMember("recordedOn", .date),
        ]), 100)),
        notes,
    ]

    static let decisionNotice: [CouncilMember] = [
        CouncilMember("outcome", .code(["eligible", "not-eligible", "fnc-only", "joint-package", "fast-track-eligible"]), required: true),
        CouncilMember("decidedOn", .date),
        CouncilMember("referralReceivedOn", .date),
        CouncilMember("leadHealthProfessional", .text(200)),
        CouncilMember("funding", .object([
            CouncilMember("weeklyTotalPence", .pence), CouncilMember("icbShareBasisPoints", .basisPoints),
            CouncilMember("icbPence", .pence), CouncilMember("councilPence", .pence),
        ])),
        CouncilMember("firstReviewDue", .date),
        CouncilMember("rationale", .prose),
        notes,
    ]

    static let transfer: [CouncilMember] = [
        CouncilMember("stage", .code([
            "intention-notified", "genuine-intention-confirmed", "information-pack", "assessment-outcome", "interim-s38", "move-completed",
        ]), required: true),
        CouncilMember("trigger", .code(["adult-moving-s37", "prison-release", "prison-transfer"])),
        CouncilMember("firstAuthority", .organisation),
        CouncilMember("secondAuthority", .organisation),
        CouncilMember("intendedMoveDate", .date),
        CouncilMember("newAddress", .address),
        CouncilMember("carePlanAttached", .boolean),
        CouncilMember("weeklyPersonalBudgetPence", .pence),
        CouncilMember("prisonId", .identifier(.prisonAgency)),
        CouncilMember("location", .text(200)),
        CouncilMember("destinationPrisonId", .identifier(.prisonAgency)),
        CouncilMember("destinationLocation", .text(200)),
        CouncilMember("bookingId", .text(64)),
        CouncilMember("receptionDate", .date),
        CouncilMember("releaseDate", .date),
        CouncilMember("releaseType", .text(64)),
        CouncilMember("careNeedsInCustody", .prose),
        CouncilMember("consent", .prose),
        CouncilMember("dischargeDisposition", .text(64)),
        CouncilMember("recordedAt", .dateTime),
        CouncilMember("plannedAt", .dateTime),
        CouncilMember("occurredAt", .dateTime),
        CouncilMember("recordedBy", .name),
        CouncilMember("observations", .array(.object([
            CouncilMember("code", .text(64)), CouncilMember("display", .text(200)), CouncilMember("value", .prose),
        ]), 100)),
        CouncilMember("nextOfKin", .array(.object([
            CouncilMember("name", .name), CouncilMember("relationship", .coded), CouncilMember("address", .address),
            CouncilMember("phone", .text(64)),
        ]), 10)),
        notes,
    ]

    static let careTypes = ["residential", "nursing", "supported-living", "extra-care", "shared-lives", "home-care"]
    static let placementQuestions = ["existing-contract", "relevant-costs", "safeguarding-concerns", "third-party-top-ups"]

    static let placementQuery: [CouncilMember] = [
        CouncilMember("queryId", .text(128)),
        CouncilMember("provider", .object([
            CouncilMember("name", .text(200), required: true), CouncilMember("cqcLocationId", .identifier(.cqcLocation)),
        ]), required: true),
        CouncilMember("careType", .code(careTypes)),
        CouncilMember("plannedStart", .date),
        CouncilMember("questions", .array(.code(placementQuestions), 4)),
        notes,
    ]

    static let placementReply: [CouncilMember] = [
        CouncilMember("existingContract", .boolean),
        CouncilMember("contractReference", .text(128)),
        CouncilMember("spotContractNeeded", .boolean),
        CouncilMember("weeklyCostPence", .pence),
        CouncilMember("safeguardingConcerns", .prose),
        CouncilMember("thirdPartyTopUpPence", .pence),
        notes,
    ]

    static let detentionSections = ["3", "37", "37/41", "45A", "47", "47/49", "48", "48/49"]

    static let s117Query: [CouncilMember] = [
        CouncilMember("detentionSection", .code(detentionSections), required: true),
        CouncilMember("detentionStart", .date),
        CouncilMember("dischargeDate", .date),
        CouncilMember("question", .code(["responsible-la", "responsible-icb", "both"]), required: true),
        CouncilMember("detainingHospital", .organisation),
        CouncilMember("addressBeforeDetention", .address),
        CouncilMember("gpPracticeAtDetention", .identifier(.ods)),
        notes,
    ]

    static let s117Reply: [CouncilMember] = [
        CouncilMember("accepts", .boolean, required: true),
        CouncilMember("responsibleAuthority", .organisation),
        CouncilMember("responsibleIcb", .organisation),
        CouncilMember("financiallyResponsibleIcb", .organisation),
        CouncilMember("basis", .prose),
        CouncilMember("effectiveFrom", .date),
        CouncilMember("disputeReason", .prose),
        notes,
    ]

    static let dataCategories = [
        "demographics", "contact", "care-needs", "care-plan", "health-conditions", "medication", "mental-health-legal-status",
        "custody", "safeguarding", "finance",
    ]

    static let consentGrant: [CouncilMember] = [
        CouncilMember("consentId", .uuid, required: true),
        CouncilMember("givenBy", .code(["person", "lpa-welfare", "welfare-deputy", "best-interests"])),
        CouncilMember("givenByName", .text(200)),
        CouncilMember("decidedAt", .instant),
        CouncilMember("purposes", .array(.code(Purpose.allCases.map(\.rawValue)), 10)),
        CouncilMember("recipients", .array(.shareRecipient, 50)),
        CouncilMember("dataCategories", .array(.code(dataCategories), 10)),
        CouncilMember("validFrom", .date),
        CouncilMember("validUntil", .date),
        CouncilMember("recordedBy", .text(200)),
        notes,
    ]

    static let consentWithdrawal: [CouncilMember] = [
        CouncilMember("consentId", .uuid, required: true),
        CouncilMember("withdrawnAt", .instant),
        CouncilMember("reason", .prose),
        CouncilMember("recordedBy", .text(200)),
        notes,
    ]

    static let acknowledgement: [CouncilMember] = [
        CouncilMember("outcome", .code(["received", "accepted", "rejected", "error"]), required: true),
        CouncilMember("note", .prose),
    ]

    /// Written by the gateway only; council JSON delivers it and never reads it.
    static let nonDeliveryReport: [CouncilMember] = [
        CouncilMember("acceptedAt", .instant),
        CouncilMember("expiredAt", .instant),
        CouncilMember("originalKind", .code(MessageKind.allCases.map(\.rawValue))),
        CouncilMember("originalMessageId", .uuid),
        CouncilMember("originalSenderLocalId", .text(128)),
        CouncilMember("recipient", .identifier(.mailbox)),
        CouncilMember("reason", .prose),
    ]
}
