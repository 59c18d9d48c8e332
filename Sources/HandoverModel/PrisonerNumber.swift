/// An HMPPS prisoner (NOMS) number: a letter, four digits, two letters (`A1234BC`),
/// `^[A-Z]\d{4}[A-Z]{2}$`.
///
/// Lower case is accepted and upper-cased before checking, as HMPPS services do, so `a1234bc`
/// and `A1234BC` are the same person.
public struct PrisonerNumber: ValidatedString {
    /// The upper-case prisoner number.
    public let value: String

    /// Upper-cases and validates `raw`; throws `prisoner-number-format` located at `path`.
    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let upper = ASCII.uppercased(raw)
        guard ASCII.matches(upper, "UDDDDUU") else {
            throw ValidationError(
                path: path,
                rule: "prisoner-number-format",
                hint: "send the prisoner number as a letter, four digits and two letters, e.g. A1234BC"
            )
        }
        value = upper
    }
}
