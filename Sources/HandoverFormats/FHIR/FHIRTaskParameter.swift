/// One `Task.input` or `Task.output` of the Task-based kinds and the payload member it carries.
///
/// Each is typed by a code of `.../CodeSystem/task-parameter` (`type.coding[0]`) and holds one
/// `value[x]`: a table-driven mapping keeps the decision notice, the transfer and the s117 query
/// and reply symmetric in both directions.
struct FHIRTaskParameter {
    /// The FHIR type of the value and how it maps.
    enum Value {
        /// `valueDate`, a full date.
        case date
        /// `valueString`, kept exactly (also date-times in a partner's own precision).
        case text
        case boolean
        /// `valueMoney` in GBP, canonical integer pence.
        case money
        /// `valueQuantity` in UCUM `%`, canonical basis points.
        case percent
        /// `valueCoding` in a project code system with these codes.
        case coding(system: String, codes: [String])
        /// `valueReference` to an Organization.
        case organisation
        /// `valueAddress`.
        case address
        /// `valueIdentifier` with the ODS system, canonical text.
        case odsCode

        /// The `value[x]` element name.
        var element: String {
            switch self {
            case .date: "valueDate"
            case .text: "valueString"
            case .boolean: "valueBoolean"
            case .money: "valueMoney"
            case .percent: "valueQuantity"
            case .coding: "valueCoding"
            case .organisation: "valueReference"
            case .address: "valueAddress"
            case .odsCode: "valueIdentifier"
            }
        }
    }

    /// The payload member, as a JSON Pointer of one or two names (`/funding/icbPence`).
    let pointer: String
    /// The task-parameter code.
    let code: String
    let value: Value

    init(_ pointer: String, _ code: String, _ value: Value) {
        self.pointer = pointer
        self.code = code
        self.value = value
    }

    /// Decision notice outputs (the outcome is `Task.businessStatus`).
    static let decision: [FHIRTaskParameter] = [
        FHIRTaskParameter("/decidedOn", "decided-on", .date),
        FHIRTaskParameter("/referralReceivedOn", "referral-received-on", .date),
        FHIRTaskParameter("/leadHealthProfessional", "lead-health-professional", .text),
        FHIRTaskParameter("/funding/weeklyTotalPence", "weekly-total", .money),
        FHIRTaskParameter("/funding/icbShareBasisPoints", "icb-share", .percent),
        FHIRTaskParameter("/funding/icbPence", "icb-amount", .money),
        FHIRTaskParameter("/funding/councilPence", "council-amount", .money),
        FHIRTaskParameter("/firstReviewDue", "first-review-due", .date),
        FHIRTaskParameter("/rationale", "rationale", .text),
    ]

    /// Continuity-of-care transfer inputs (the stage is `Task.businessStatus`, the trigger `Task.reasonCode`).
    static let transfer: [FHIRTaskParameter] = [
        FHIRTaskParameter("/firstAuthority", "first-authority", .organisation),
        FHIRTaskParameter("/secondAuthority", "second-authority", .organisation),
        FHIRTaskParameter("/intendedMoveDate", "intended-move-date", .date),
        FHIRTaskParameter("/newAddress", "new-address", .address),
        FHIRTaskParameter("/carePlanAttached", "care-plan-attached", .boolean),
        FHIRTaskParameter("/weeklyPersonalBudgetPence", "weekly-personal-budget", .money),
        FHIRTaskParameter("/prisonId", "prison-id", .text),
        FHIRTaskParameter("/location", "location", .text),
        FHIRTaskParameter("/destinationPrisonId", "destination-prison-id", .text),
        FHIRTaskParameter("/destinationLocation", "destination-location", .text),
        FHIRTaskParameter("/bookingId", "booking-id", .text),
        FHIRTaskParameter("/receptionDate", "reception-date", .text),
        FHIRTaskParameter("/releaseDate", "release-date", .text),
        FHIRTaskParameter("/releaseType", "release-type", .text),
        FHIRTaskParameter("/careNeedsInCustody", "care-needs-in-custody", .text),
        FHIRTaskParameter("/consent", "consent-in-custody", .text),
        FHIRTaskParameter("/dischargeDisposition", "discharge-disposition", .text),
        FHIRTaskParameter("/recordedAt", "recorded-at", .text),
        FHIRTaskParameter("/plannedAt", "planned-at", .text),
        FHIRTaskParameter("/occurredAt", "occurred-at", .text),
    ]

    /// Section 117 query inputs.
    static let s117Query: [FHIRTaskParameter] = [
        FHIRTaskParameter("/detentionSection", "detention-section", .coding(system: FHIRSystems.detentionSection, codes: FHIRCodes.detentionSections)),
        FHIRTaskParameter("/detentionStart", "detention-start", .date),
        FHIRTaskParameter("/dischargeDate", "discharge-date", .date),
        FHIRTaskParameter("/question", "question", .coding(system: FHIRSystems.s117Question, codes: FHIRCodes.s117Questions)),
        FHIRTaskParameter("/detainingHospital", "detaining-hospital", .organisation),
        FHIRTaskParameter("/addressBeforeDetention", "address-before-detention", .address),
        FHIRTaskParameter("/gpPracticeAtDetention", "gp-practice-at-detention", .odsCode),
    ]

    /// Section 117 reply outputs.
    static let s117Reply: [FHIRTaskParameter] = [
        FHIRTaskParameter("/accepts", "accepts", .boolean),
        FHIRTaskParameter("/responsibleAuthority", "responsible-authority", .organisation),
        FHIRTaskParameter("/responsibleIcb", "responsible-icb", .organisation),
        FHIRTaskParameter("/financiallyResponsibleIcb", "financially-responsible-icb", .organisation),
        FHIRTaskParameter("/basis", "basis", .text),
        FHIRTaskParameter("/effectiveFrom", "effective-from", .date),
        FHIRTaskParameter("/disputeReason", "dispute-reason", .text),
    ]
}
