import HandoverFormats
import HandoverModel

/// Generated canonical payloads, one function per kind, with every member of
/// `contracts/canonical/payloads.md` sometimes present and sometimes not.
enum CouncilPayloads {
    static func payload(_ kind: MessageKind, _ g: inout CouncilMessageGenerator) -> JSONValue {
        switch kind {
        case .referral: referral(&g)
        case .decisionNotice: decision(&g)
        case .continuityOfCareTransfer: transfer(&g)
        case .placementQuery:
            g.object([
                ("queryId", g.opt { .string("Q-" + $0.text()) }),
                ("provider", g.object([("name", g.prose()), ("cqcLocationId", g.opt { .string($0.pick(["1-123039495", "1-00000000012"])) })])),
                ("careType", g.opt { $0.code(["residential", "nursing", "supported-living", "extra-care", "shared-lives", "home-care"]) }),
                ("plannedStart", g.opt { $0.date() }),
                ("questions", g.opt { .array($0.some(["existing-contract", "relevant-costs", "safeguarding-concerns", "third-party-top-ups"]).map(JSONValue.string)) }),
                ("notes", g.notes()),
            ])
        case .placementReply:
            g.object([
                ("existingContract", g.opt { $0.flag() }), ("contractReference", g.opt { $0.prose() }), ("spotContractNeeded", g.opt { $0.flag() }),
                ("weeklyCostPence", g.opt { $0.pence() }), ("safeguardingConcerns", g.opt { $0.prose() }), ("thirdPartyTopUpPence", g.opt { $0.pence() }),
                ("notes", g.notes()),
            ])
        case .s117Query:
            g.object([
                ("detentionSection", g.code(["3", "37", "37/41", "45A", "47", "47/49", "48", "48/49"])), ("detentionStart", g.opt { $0.date() }),
                ("dischargeDate", g.opt { $0.date() }), ("question", g.code(["responsible-la", "responsible-icb", "both"])),
                ("detainingHospital", g.opt { $0.organisation(["ods"]) }), ("addressBeforeDetention", g.opt { $0.address() }),
                ("gpPracticeAtDetention", g.opt { .string($0.pick(["L83043", "J81012"])) }), ("notes", g.notes()),
            ])
        case .s117Reply:
            g.object([
                ("accepts", g.flag()), ("responsibleAuthority", g.opt { $0.organisation(["gss"]) }), ("responsibleIcb", g.opt { $0.organisation(["ods"]) }),
                ("financiallyResponsibleIcb", g.opt { $0.organisation(["ods"]) }), ("basis", g.opt { $0.prose() }), ("effectiveFrom", g.opt { $0.date() }),
                ("disputeReason", g.opt { $0.prose() }), ("notes", g.notes()),
            ])
        case .consentGrant:
            g.object([
                ("consentId", g.uuid()), ("givenBy", g.opt { $0.code(["person", "lpa-welfare", "welfare-deputy", "best-interests"]) }),
                ("givenByName", g.opt { $0.prose() }), ("decidedAt", g.opt { $0.instant() }),
                ("purposes", g.opt { .array($0.some(Purpose.allCases.map(\.rawValue)).map(JSONValue.string)) }),
                ("recipients", g.opt { g in .array((0..<2).map { _ in g.maybe() ? g.organisation() : .object([("kind", g.code(OrganisationKind.allCases.map(\.rawValue)))]) }) }),
                ("dataCategories", g.opt { .array($0.some(["demographics", "care-needs", "finance", "custody"]).map(JSONValue.string)) }),
                ("validFrom", g.opt { $0.date() }), ("validUntil", g.opt { $0.date() }), ("recordedBy", g.opt { $0.prose() }), ("notes", g.notes()),
            ])
        case .consentWithdrawal:
            g.object([
                ("consentId", g.uuid()), ("withdrawnAt", g.opt { $0.instant() }), ("reason", g.opt { $0.prose() }),
                ("recordedBy", g.opt { $0.prose() }), ("notes", g.notes()),
            ])
        case .acknowledgement, .nonDeliveryReport, .document:
            g.object([("outcome", g.code(["received", "accepted", "rejected", "error"])), ("note", g.opt { $0.prose() })])
        }
    }

    static func referral(_ g: inout CouncilMessageGenerator) -> JSONValue {
        let domains = ["behaviour", "cognition", "psychological", "communication", "mobility", "nutrition", "continence", "skinIntegrity", "breathing", "drugTherapies", "alteredStatesOfConsciousness"]
        return g.object([
            ("referralId", g.opt { .string("R-" + $0.text()) }),
            ("referralType", g.code(["chc-checklist", "chc-fast-track", "care-act-s9-assessment", "carers-assessment-s10", "care-act-s76-needs-assessment", "safeguarding-concern-s42", "s117-aftercare-planning", "hospital-discharge"])),
            ("priority", g.opt { $0.code(["routine", "urgent", "asap", "stat"]) }), ("status", g.opt { $0.code(["pending", "accepted", "rejected", "expired"]) }),
            ("reason", g.opt { $0.prose() }), ("referredOn", g.opt { $0.date() }), ("respondBy", g.opt { $0.date() }),
            ("requestedBy", g.opt { g in g.object([
                ("name", g.opt { $0.name() }), ("role", g.opt { $0.prose() }), ("organisation", g.opt { $0.organisation() }),
                ("phone", g.opt { _ in .string("01793 000000") }), ("email", g.opt { _ in .string("asc@example.gov.uk") }), ("address", g.opt { $0.address() }),
            ]) }),
            ("requestedOf", g.opt { g in g.object([("name", g.opt { $0.prose() }), ("identifier", g.opt { $0.organisation() })]) }),
            ("checklist", g.opt { g in g.object([
                ("completedOn", g.opt { $0.date() }), ("completedBy", g.opt { $0.prose() }),
                ("domains", g.opt { g in g.object(domains.map { ($0, g.opt { $0.code(["A", "B", "C"]) }) }) }),
                ("outcome", g.opt { $0.code(["positive", "negative"]) }), ("reason", g.opt { $0.prose() }),
            ]) }),
            ("consentRecorded", g.opt { $0.flag() }), ("selfReferral", g.opt { $0.flag() }), ("prisonId", g.opt { .string($0.pick(["LEI", "MDI", "STC2"])) }),
            ("location", g.opt { $0.prose() }), ("bookingId", g.opt { _ in .string("1234567") }), ("receptionDate", g.opt { $0.date() }),
            ("personalCareNeeds", g.opt { g in .array([g.object([("code", g.opt { _ in .string("DISAB") }), ("description", g.opt { $0.prose() }), ("recordedOn", g.opt { $0.date() })])]) }),
            ("notes", g.notes()),
        ])
    }

    static func decision(_ g: inout CouncilMessageGenerator) -> JSONValue {
        let total = Int.random(in: 0...200_000, using: &g.random)
        let share = Int.random(in: 0...10_000, using: &g.random)
        let icb = Int(Pence(Int64(total)).share(basisPoints: share).value)
        return g.object([
            ("outcome", g.code(["eligible", "not-eligible", "fnc-only", "joint-package", "fast-track-eligible"])), ("decidedOn", g.opt { $0.date() }),
            ("referralReceivedOn", g.opt { $0.date() }), ("leadHealthProfessional", g.opt { $0.prose() }),
            ("funding", g.opt { g in g.object([
                ("weeklyTotalPence", .number(String(total))), ("icbShareBasisPoints", g.opt { _ in .number(String(share)) }),
                ("icbPence", .number(String(icb))), ("councilPence", .number(String(total - icb))),
            ]) }),
            ("firstReviewDue", g.opt { $0.date() }), ("rationale", g.opt { $0.prose() }), ("notes", g.notes()),
        ])
    }

    static func transfer(_ g: inout CouncilMessageGenerator) -> JSONValue {
        let times = ["2025-05-12", "2025-05-12T09:00", "2025-05-12T09:00:00", "2025-05-12T09:00:00.25", "2025-05-12T09:00:00+01:00", "2025-05-12T09:00:00Z"]
        return g.object([
            ("stage", g.code(["intention-notified", "genuine-intention-confirmed", "information-pack", "assessment-outcome", "interim-s38", "move-completed"])),
            ("trigger", g.opt { $0.code(["adult-moving-s37", "prison-release", "prison-transfer"]) }), ("firstAuthority", g.opt { $0.organisation(["gss"]) }),
            ("secondAuthority", g.opt { $0.organisation(["gss"]) }), ("intendedMoveDate", g.opt { $0.date() }), ("newAddress", g.opt { $0.address() }),
            ("carePlanAttached", g.opt { $0.flag() }), ("weeklyPersonalBudgetPence", g.opt { $0.pence() }), ("prisonId", g.opt { _ in .string("LEI") }),
            ("location", g.opt { $0.prose() }), ("destinationPrisonId", g.opt { _ in .string("MDI") }), ("destinationLocation", g.opt { $0.prose() }),
            ("bookingId", g.opt { _ in .string("7654321") }), ("receptionDate", g.opt { $0.date() }), ("releaseDate", g.opt { $0.date() }),
            ("releaseType", g.opt { _ in .string("conditional-release") }), ("careNeedsInCustody", g.opt { $0.prose() }), ("consent", g.opt { $0.prose() }),
            ("dischargeDisposition", g.opt { _ in .string("01") }), ("recordedAt", g.opt { .string($0.pick(times)) }), ("plannedAt", g.opt { .string($0.pick(times)) }),
            ("occurredAt", g.opt { .string($0.pick(times)) }), ("recordedBy", g.opt { $0.name() }),
            ("observations", g.opt { g in .array([g.object([("code", g.opt { _ in .string("RELTYPE") }), ("display", g.opt { $0.prose() }), ("value", g.opt { $0.prose() })])]) }),
            ("nextOfKin", g.opt { g in .array([g.object([
                ("name", g.opt { $0.name() }), ("relationship", g.opt { g in g.object([("code", g.opt { _ in .string("SIS") }), ("display", g.opt { $0.prose() })]) }),
                ("address", g.opt { $0.address() }), ("phone", g.opt { _ in .string("07700 900000") }),
            ])]) }),
            ("notes", g.notes()),
        ])
    }
}
