/// An HMPPS prisoner (NOMS) number: a letter, four digits, two letters (`A1234BC`).
/// Lower case is accepted and upper-cased, as HMPPS services do.
public struct PrisonerNumber: ValidatedString {
    public let value: String

    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let upper = raw.uppercased()
        guard ASCII.matches(upper, "UDDDDUU") else {
            throw ValidationError(path: path, rule: "prisoner-number-format", hint: "send the prisoner number as a letter, four digits and two letters, e.g. A1234BC")
        }
        value = upper
    }
}

/// A probation case reference number (nDelius CRN): a letter and six digits (`X123456`).
public struct CaseReferenceNumber: ValidatedString {
    public let value: String

    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let upper = raw.uppercased()
        guard ASCII.matches(upper, "UDDDDDD") else {
            throw ValidationError(path: path, rule: "crn-format", hint: "send the probation CRN as a letter and six digits, e.g. X123456")
        }
        value = upper
    }
}
