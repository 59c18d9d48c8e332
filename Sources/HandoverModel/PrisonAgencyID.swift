/// An HMPPS prison (agency) id: three letters and an optional letter or digit (`MDI`, `LEI`,
/// `STC2`), `^[A-Z]{3}[A-Z0-9]?$`, upper-cased.
///
/// It names the establishment, and so (through its location) the council responsible for the care
/// and support needs of the adults held there.
public struct PrisonAgencyID: ValidatedString {
    /// The upper-case agency id.
    public let value: String

    /// Upper-cases and validates `raw`; throws `prison-agency-format` located at `path`.
    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let upper = ASCII.uppercased(raw)
        guard ASCII.matches(upper, "UUU") || ASCII.matches(upper, "UUUA") else {
            throw ValidationError(
                path: path,
                rule: "prison-agency-format",
                hint: "send the prison's agency id: three letters and an optional letter or digit, e.g. LEI"
            )
        }
        value = upper
    }
}
