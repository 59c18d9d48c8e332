import HandoverModel

/// The columns of the council CSV batch export, in the order of its mandatory header, and the
/// canonical payload members each record type carries
/// (`contracts/formats/council-csv/columns.json` publishes the same table).
///
/// One header serves every record type: the envelope and person columns come first and apply to
/// every row; each payload column belongs to one record type and is left empty on the others.
enum CouncilCSVColumns {
    /// The kinds a row may carry, by their canonical names in `record_type`. Placement queries and
    /// replies, and section 117 queries and replies, are flat and come in batches (a placements
    /// register, an s117 register reconciled between a council and its ICB); referrals, transfers
    /// and consents carry nested content (checklist domains, next of kin, recipients) and travel
    /// one at a time as council JSON.
    static let kinds: [MessageKind] = [.placementQuery, .placementReply, .s117Query, .s117Reply]

    /// The envelope and person columns, first in every row.
    static let envelope = CouncilCSVField.allCases.map(\.name)

    /// A payload column: the record type it belongs to, where its value sits in the canonical
    /// payload, and, for a list, what separates the items in the cell.
    struct PayloadColumn: Sendable {
        let name: String
        let kind: MessageKind
        let pointer: String
        let separator: Character?
        /// The column's position in the header, from 0.
        fileprivate(set) var index = 0

        init(_ name: String, _ kind: MessageKind, _ pointer: String, separator: Character? = nil) {
            self.name = name
            self.kind = kind
            self.pointer = pointer
            self.separator = separator
        }
    }

    /// The payload columns, each knowing its position so a row is read without looking names up.
    static let payload: [PayloadColumn] = payloadColumns.enumerated().map { offset, column in
        var positioned = column
        positioned.index = envelope.count + offset
        return positioned
    }

    private static let payloadColumns: [PayloadColumn] = [
        PayloadColumn("query_id", .placementQuery, "/queryId"),
        PayloadColumn("provider_name", .placementQuery, "/provider/name"),
        PayloadColumn("provider_cqc_location_id", .placementQuery, "/provider/cqcLocationId"),
        PayloadColumn("care_type", .placementQuery, "/careType"),
        PayloadColumn("planned_start", .placementQuery, "/plannedStart"),
        PayloadColumn("questions", .placementQuery, "/questions", separator: " "),
        PayloadColumn("existing_contract", .placementReply, "/existingContract"),
        PayloadColumn("contract_reference", .placementReply, "/contractReference"),
        PayloadColumn("spot_contract_needed", .placementReply, "/spotContractNeeded"),
        PayloadColumn("weekly_cost_pence", .placementReply, "/weeklyCostPence"),
        PayloadColumn("safeguarding_concerns", .placementReply, "/safeguardingConcerns"),
        PayloadColumn("third_party_top_up_pence", .placementReply, "/thirdPartyTopUpPence"),
        PayloadColumn("detention_section", .s117Query, "/detentionSection"),
        PayloadColumn("detention_start", .s117Query, "/detentionStart"),
        PayloadColumn("discharge_date", .s117Query, "/dischargeDate"),
        PayloadColumn("question", .s117Query, "/question"),
        PayloadColumn("detaining_hospital_ods", .s117Query, "/detainingHospital"),
        PayloadColumn("address_lines", .s117Query, "/addressBeforeDetention/lines", separator: "\n"),
        PayloadColumn("address_town", .s117Query, "/addressBeforeDetention/town"),
        PayloadColumn("address_county", .s117Query, "/addressBeforeDetention/county"),
        PayloadColumn("address_postcode", .s117Query, "/addressBeforeDetention/postcode"),
        PayloadColumn("gp_practice_at_detention", .s117Query, "/gpPracticeAtDetention"),
        PayloadColumn("accepts", .s117Reply, "/accepts"),
        PayloadColumn("responsible_authority_gss", .s117Reply, "/responsibleAuthority"),
        PayloadColumn("responsible_icb_ods", .s117Reply, "/responsibleIcb"),
        PayloadColumn("financially_responsible_icb_ods", .s117Reply, "/financiallyResponsibleIcb"),
        PayloadColumn("basis", .s117Reply, "/basis"),
        PayloadColumn("effective_from", .s117Reply, "/effectiveFrom"),
        PayloadColumn("dispute_reason", .s117Reply, "/disputeReason"),
    ]

    /// Every column, in header order.
    static let names = envelope + payload.map(\.name)


    /// The payload members a row of `kind` carries, typed as in `CouncilPayloadSpec` with
    /// organisations carried by their code alone; every leaf has a column in `payload`.
    static func carried(_ kind: MessageKind) -> [CouncilMember] {
        switch kind {
        case .placementQuery: carriedQuery
        case .placementReply: carriedReply
        case .s117Query: carriedS117Query
        case .s117Reply: carriedS117Reply
        default: []
        }
    }

    static let carriedQuery: [CouncilMember] = [
        CouncilMember("queryId", .text(128)),
        CouncilMember("provider", .object([
            CouncilMember("name", .text(200), required: true), CouncilMember("cqcLocationId", .identifier(.cqcLocation)),
        ]), required: true),
        CouncilMember("careType", .code(CouncilPayloadSpec.careTypes)),
        CouncilMember("plannedStart", .date),
        CouncilMember("questions", .array(.code(CouncilPayloadSpec.placementQuestions), 4)),
    ]

    static let carriedReply = Array(CouncilPayloadSpec.placementReply.dropLast())

    static let carriedS117Query: [CouncilMember] = [
        CouncilMember("detentionSection", .code(CouncilPayloadSpec.detentionSections), required: true),
        CouncilMember("detentionStart", .date),
        CouncilMember("dischargeDate", .date),
        CouncilMember("question", .code(["responsible-la", "responsible-icb", "both"]), required: true),
        CouncilMember("detainingHospital", .organisationCode(.ods)),
        CouncilMember("addressBeforeDetention", .address),
        CouncilMember("gpPracticeAtDetention", .identifier(.ods)),
    ]

    static let carriedS117Reply: [CouncilMember] = [
        CouncilMember("accepts", .boolean, required: true),
        CouncilMember("responsibleAuthority", .organisationCode(.gss)),
        CouncilMember("responsibleIcb", .organisationCode(.ods)),
        CouncilMember("financiallyResponsibleIcb", .organisationCode(.ods)),
        CouncilMember("basis", .prose),
        CouncilMember("effectiveFrom", .date),
        CouncilMember("disputeReason", .prose),
    ]

    /// The payload column of `kind` at `pointer`.
    static func column(_ kind: MessageKind, _ pointer: String) -> PayloadColumn? {
        payload.first { $0.kind == kind && $0.pointer == pointer }
    }
}

/// The envelope and person columns of council CSV, in header order; a field's raw value is its
/// position, so a row reads its cells without looking names up.
enum CouncilCSVField: Int, CaseIterable, Sendable {
    case recordType
    case messageId
    case correlationId
    case localAuthorityGSS
    case counterpartyCode
    case purpose
    case consentId
    case statute
    case article6
    case article9
    case localPersonId
    case localPersonSystem
    case nhsNumber
    case familyName
    case givenNames
    case dateOfBirth
    case gender

    /// The column's name in the header.
    var name: String { Self.names[rawValue] }

    private static let names = [
        "record_type",
        "message_id",
        "correlation_id",
        "local_authority_gss",
        "counterparty_code",
        "purpose",
        "consent_id",
        "statute",
        "article6",
        "article9",
        "local_person_id",
        "local_person_system",
        "nhs_number",
        "family_name",
        "given_names",
        "date_of_birth",
        "gender",
    ]
}
