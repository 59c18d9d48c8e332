/// An NHS ODS organisation or site code: 3 to 6 letters and digits (`QOX` an ICB, `RN3` a trust,
/// `L83043` a GP practice), `^[A-Z0-9]{3,6}$`, upper-cased.
///
/// Only the shape is checked here; whether the code exists is a matter for the ODS register.
public struct ODSCode: ValidatedString {
    /// The upper-case code.
    public let value: String

    /// Upper-cases and validates `raw`; throws `ods-format` located at `path`.
    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let upper = ASCII.uppercased(raw)
        guard (3...6).contains(upper.utf8.count), upper.utf8.allSatisfy({ ASCII.isDigit($0) || ASCII.isUpper($0) }) else {
            throw ValidationError(path: path, rule: "ods-format", hint: "send the ODS code: 3 to 6 letters and digits, e.g. QOX")
        }
        value = upper
    }
}
