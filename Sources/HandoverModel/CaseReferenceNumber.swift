/// A probation case reference number (nDelius CRN): a letter and six digits (`X123456`),
/// `^[A-Z]\d{6}$`.
///
/// Upper-cased before checking, like the prisoner number it often travels with, so a CRN typed in
/// lower case still matches the probation record.
public struct CaseReferenceNumber: ValidatedString {
    /// The upper-case CRN.
    public let value: String

    /// Upper-cases and validates `raw`; throws `crn-format` located at `path`.
    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let upper = ASCII.uppercased(raw)
        guard ASCII.matches(upper, "UDDDDDD") else {
            throw ValidationError(path: path, rule: "crn-format", hint: "send the probation CRN as a letter and six digits, e.g. X123456")
        }
        value = upper
    }
}
