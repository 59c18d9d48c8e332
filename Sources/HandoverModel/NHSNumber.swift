/// An NHS number: ten digits, the last a modulus-11 check digit (NHS Data Dictionary, "NHS NUMBER").
///
/// Spaces are accepted on input (`943 476 5919`) and removed; repdigits such as `4444444444`
/// pass the modulus-11 check but are never issued, so they are refused explicitly.
public struct NHSNumber: ValidatedString {
    public let value: String

    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let compact = raw.filter { $0 != " " }
        let digits = compact.utf8.map { Int($0) - 0x30 }
        guard digits.count == 10, compact.utf8.allSatisfy(ASCII.isDigit) else {
            throw ValidationError(
                path: path,
                rule: "nhs-number-format",
                hint: "send the 10-digit NHS number without spaces; 943 476 5919 is sent as 9434765919"
            )
        }
        if Set(digits).count == 1 {
            throw ValidationError(path: path, rule: "nhs-number-repdigit", hint: "\(compact) is a repeated digit, never issued; send the person's real NHS number")
        }
        let sum = zip(digits.prefix(9), (2...10).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
        let check = 11 - sum % 11
        guard check != 10, (check == 11 ? 0 : check) == digits[9] else {
            throw ValidationError(
                path: path,
                rule: "nhs-number-check-digit",
                hint: "\(compact) fails the modulus-11 check; check the number for a mistyped digit"
            )
        }
        value = compact
    }
}
