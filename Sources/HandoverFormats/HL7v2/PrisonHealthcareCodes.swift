/// The coded values the prison healthcare messages carry, with their canonical names: one table
/// per HL7 field, read by both the decoder and the encoder so the two cannot drift apart.
///
/// Codes outside a table are refused on the way in (`hl7-code`) rather than passed through,
/// because a referral type or priority the receiving council cannot read is a referral it cannot
/// act on.
enum PrisonHealthcareCodes {
    /// One row: the HL7 code, the canonical value, the display text and the coding system (CE.3).
    struct Code: Sendable {
        let code: String
        let canonical: String
        let display: String
        let system: String
    }

    /// RF1-3, referral type (local codes, system `L`).
    static let referralTypes = [
        Code(code: "CASS", canonical: "care-act-s76-needs-assessment", display: "Care Act s76 needs assessment (prisoner)", system: "L"),
        Code(code: "CAS9", canonical: "care-act-s9-assessment", display: "Care Act s9 needs assessment", system: "L"),
        Code(code: "CAR10", canonical: "carers-assessment-s10", display: "Carer's assessment (Care Act s10)", system: "L"),
        Code(code: "SG42", canonical: "safeguarding-concern-s42", display: "Safeguarding concern (Care Act s42)", system: "L"),
        Code(code: "S117", canonical: "s117-aftercare-planning", display: "Section 117 aftercare planning", system: "L"),
    ]

    /// RF1-2, priority (HL7 table 0280; `U` urgent is a local addition, since 0280 has none).
    static let priorities = [
        Code(code: "R", canonical: "routine", display: "Routine", system: "HL70280"),
        Code(code: "A", canonical: "asap", display: "ASAP", system: "HL70280"),
        Code(code: "S", canonical: "stat", display: "STAT", system: "HL70280"),
        Code(code: "U", canonical: "urgent", display: "Urgent", system: "L"),
    ]

    /// RF1-1, referral status (HL7 table 0283).
    static let statuses = [
        Code(code: "P", canonical: "pending", display: "Pending", system: "HL70283"),
        Code(code: "A", canonical: "accepted", display: "Accepted", system: "HL70283"),
        Code(code: "R", canonical: "rejected", display: "Rejected", system: "HL70283"),
        Code(code: "G", canonical: "expired", display: "Expired", system: "HL70283"),
    ]

    /// MSA-1, acknowledgement code (HL7 table 0008, original mode).
    static let acknowledgements = [
        Code(code: "AA", canonical: "accepted", display: "Application accept", system: "HL70008"),
        Code(code: "AE", canonical: "error", display: "Application error", system: "HL70008"),
        Code(code: "AR", canonical: "rejected", display: "Application reject", system: "HL70008"),
    ]

    /// OBX-3 codes of the ADT messages that have their own payload member; other codes are kept
    /// in `observations`.
    static let observations = [
        Code(code: "RELTYPE", canonical: "releaseType", display: "Release type", system: "L"),
        Code(code: "CARENEED", canonical: "careNeedsInCustody", display: "Care and support needs met in custody (Care Act s76)", system: "L"),
        Code(code: "CONSENT", canonical: "consent", display: "Consent to share with receiving local authority", system: "L"),
    ]

    /// The row for an HL7 code (case-insensitive).
    static func byCode(_ code: String, in table: [Code]) -> Code? {
        table.first { $0.code == code.uppercased() }
    }

    /// The row for a canonical value.
    static func byCanonical(_ value: String, in table: [Code]) -> Code? {
        table.first { $0.canonical == value }
    }

    /// The CE field for a row: `code^display^system`.
    static func field(_ code: Code) -> ER7FieldValue {
        .components([code.code, code.display, code.system])
    }

    /// `a, b, c`: the allowed values for a hint.
    static func list(_ table: [Code], canonical: Bool) -> String {
        table.map { canonical ? $0.canonical : $0.code }.joined(separator: ", ")
    }
}
