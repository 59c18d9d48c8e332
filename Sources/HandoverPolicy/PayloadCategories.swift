public import HandoverModel

/// Which category of personal data each payload member carries, per kind
/// (`contracts/policy/data-categories.json`, checked against this table by the tests).
///
/// The same table decides what a consent must cover and what minimisation removes, so the two can
/// never disagree about a field. Members not listed (references, dates of the process, the
/// names of professionals) carry no category of the subject's data; a `handover-json` partner's
/// own extra members are not classified either.
public struct PayloadCategories: Sendable {
    /// Member name to category, for members any kind may carry.
    public var common: [String: DataCategory]
    /// Member name to category, per kind.
    public var byKind: [MessageKind: [String: DataCategory]]

    /// Creates a table.
    public init(common: [String: DataCategory], byKind: [MessageKind: [String: DataCategory]]) {
        self.common = common
        self.byKind = byKind
    }

    /// The category of top-level payload member `member` in a message of `kind`, if it has one.
    public func category(of member: String, in kind: MessageKind) -> DataCategory? {
        byKind[kind]?[member] ?? common[member]
    }

    /// The published table.
    public static let standard = PayloadCategories(
        common: ["subjectDetails": .demographics, "notes": .careNeeds],
        byKind: [
            .referral: [
                "reason": .careNeeds, "checklist": .healthConditions, "personalCareNeeds": .careNeeds,
                "prisonId": .custody, "location": .custody, "bookingId": .custody, "receptionDate": .custody,
            ],
            .decisionNotice: [
                "outcome": .healthConditions, "rationale": .healthConditions, "funding": .finance,
            ],
            .continuityOfCareTransfer: [
                "newAddress": .contact, "nextOfKin": .contact, "carePlanAttached": .carePlan,
                "weeklyPersonalBudgetPence": .finance, "careNeedsInCustody": .careNeeds, "observations": .healthConditions,
                "prisonId": .custody, "location": .custody, "destinationPrisonId": .custody, "destinationLocation": .custody,
                "bookingId": .custody, "receptionDate": .custody, "releaseDate": .custody, "releaseType": .custody,
                "dischargeDisposition": .custody,
            ],
            .placementQuery: ["careType": .careNeeds],
            .placementReply: ["weeklyCostPence": .finance, "thirdPartyTopUpPence": .finance],
            .s117Query: [
                "detentionSection": .mentalHealthLegalStatus, "detentionStart": .mentalHealthLegalStatus,
                "dischargeDate": .mentalHealthLegalStatus, "detainingHospital": .mentalHealthLegalStatus,
                "addressBeforeDetention": .contact, "gpPracticeAtDetention": .healthConditions,
            ],
            .s117Reply: ["basis": .mentalHealthLegalStatus, "disputeReason": .mentalHealthLegalStatus],
        ]
    )
}
