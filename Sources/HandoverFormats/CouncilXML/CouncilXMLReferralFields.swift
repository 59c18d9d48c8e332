/// The bodies of the two kinds about an adult's care moving: a referral and a continuity-of-care
/// transfer (`contracts/canonical/payloads.md`, element for member).
enum CouncilXMLReferralFields {
    static let personalCareNeed: [CouncilXMLField] = [
        .text("Code", "code"), .text("Description", "description"), CouncilXMLField("RecordedOn", "recordedOn", .date),
    ]

    static let checklistDomains: [CouncilXMLField] = [
        ("Behaviour", "behaviour"), ("Cognition", "cognition"), ("Psychological", "psychological"),
        ("Communication", "communication"), ("Mobility", "mobility"), ("Nutrition", "nutrition"), ("Continence", "continence"),
        ("SkinIntegrity", "skinIntegrity"), ("Breathing", "breathing"), ("DrugTherapies", "drugTherapies"),
        ("AlteredStatesOfConsciousness", "alteredStatesOfConsciousness"),
    ].map { CouncilXMLField($0.0, $0.1, .code(["A", "B", "C"])) }

    static let referral: [CouncilXMLField] = [
        CouncilXMLField("ReferralId", "referralId", .text(maxBytes: 128)),
        CouncilXMLField("ReferralType", "referralType", .code([
            "chc-checklist", "chc-fast-track", "care-act-s9-assessment", "carers-assessment-s10", "care-act-s76-needs-assessment",
            "safeguarding-concern-s42", "s117-aftercare-planning", "hospital-discharge",
        ])),
        CouncilXMLField("Priority", "priority", .code(["routine", "urgent", "asap", "stat"])),
        CouncilXMLField("Status", "status", .code(["pending", "accepted", "rejected", "expired"])),
        .text("Reason", "reason"),
        CouncilXMLField("ReferredOn", "referredOn", .date),
        CouncilXMLField("RespondBy", "respondBy", .date),
        CouncilXMLField("RequestedBy", "requestedBy", .group([
            CouncilXMLField("Name", "name", .group(CouncilXMLGroups.name)),
            .text("Role", "role"),
            CouncilXMLField("Organisation", "organisation", .organisation),
            .text("Phone", "phone"),
            .text("Email", "email"),
            CouncilXMLField("Address", "address", .group(CouncilXMLGroups.address)),
        ])),
        CouncilXMLField("RequestedOf", "requestedOf", .group([
            .text("Name", "name"),
            CouncilXMLField("Identifier", "identifier", .organisation),
        ])),
        CouncilXMLField("Checklist", "checklist", .group([
            CouncilXMLField("CompletedOn", "completedOn", .date),
            .text("CompletedBy", "completedBy"),
            CouncilXMLField("Domains", "domains", .group(checklistDomains)),
            CouncilXMLField("Outcome", "outcome", .code(["positive", "negative"])),
            .text("Reason", "reason"),
        ])),
        CouncilXMLField("ConsentRecorded", "consentRecorded", .boolean),
        CouncilXMLField("SelfReferral", "selfReferral", .boolean),
        CouncilXMLField("PrisonId", "prisonId", .prisonAgency),
        .text("Location", "location"),
        .text("BookingId", "bookingId"),
        CouncilXMLField("ReceptionDate", "receptionDate", .dateTime),
        CouncilXMLField("PersonalCareNeed", "personalCareNeeds", .group(personalCareNeed), .repeated(max: 50)),
    ]

    static let transfer: [CouncilXMLField] = [
        CouncilXMLField("Stage", "stage", .code([
            "intention-notified", "genuine-intention-confirmed", "information-pack", "assessment-outcome", "interim-s38", "move-completed",
        ]), .required),
        CouncilXMLField("Trigger", "trigger", .code(["adult-moving-s37", "prison-release", "prison-transfer"])),
        CouncilXMLField("FirstAuthority", "firstAuthority", .organisation),
        CouncilXMLField("SecondAuthority", "secondAuthority", .organisation),
        CouncilXMLField("IntendedMoveDate", "intendedMoveDate", .date),
        CouncilXMLField("NewAddress", "newAddress", .group(CouncilXMLGroups.address)),
        CouncilXMLField("CarePlanAttached", "carePlanAttached", .boolean),
        CouncilXMLField("WeeklyPersonalBudgetPence", "weeklyPersonalBudgetPence", .pence),
        CouncilXMLField("PrisonId", "prisonId", .prisonAgency),
        .text("Location", "location"),
        CouncilXMLField("DestinationPrisonId", "destinationPrisonId", .prisonAgency),
        .text("DestinationLocation", "destinationLocation"),
        .text("BookingId", "bookingId"),
        CouncilXMLField("ReceptionDate", "receptionDate", .dateTime),
        CouncilXMLField("ReleaseDate", "releaseDate", .dateTime),
        .text("ReleaseType", "releaseType"),
        .text("CareNeedsInCustody", "careNeedsInCustody"),
        .text("Consent", "consent"),
        .text("DischargeDisposition", "dischargeDisposition"),
        CouncilXMLField("RecordedAt", "recordedAt", .dateTime),
        CouncilXMLField("PlannedAt", "plannedAt", .dateTime),
        CouncilXMLField("OccurredAt", "occurredAt", .dateTime),
        CouncilXMLField("RecordedBy", "recordedBy", .group(CouncilXMLGroups.name)),
        CouncilXMLField("Observation", "observations", .group([.text("Code", "code"), .text("Display", "display"), .text("Value", "value")]), .repeated(max: 100)),
        CouncilXMLField("NextOfKin", "nextOfKin", .group([
            CouncilXMLField("Name", "name", .group(CouncilXMLGroups.name)),
            CouncilXMLField("Relationship", "relationship", .group([.text("Code", "code"), .text("Display", "display")])),
            CouncilXMLField("Address", "address", .group(CouncilXMLGroups.address)),
            .text("Phone", "phone"),
        ]), .repeated(max: 10)),
    ]
}
