/// An NHS number: ten digits, the last a modulus-11 check digit (NHS Data Dictionary, "NHS NUMBER").
///
/// The NHS number is the person key that data sharing between councils, the NHS and prisons is
/// expected to use, so a mistyped one must be caught at the door rather than mis-match a record:
///
/// - spaces are accepted on input (`943 476 5919`) and removed; the stored form is `9434765919`;
/// - digits 1-9 are weighted 10 down to 2 and summed; the check is `11 - sum % 11`, where 11 means
///   0 and 10 means the number can never be valid; it must equal digit 10;
/// - repdigits such as `4444444444` pass the check but are never issued, so they are refused
///   explicitly.
public struct NHSNumber: ValidatedString {
    /// The ten digits, without spaces.
    public let value: String

    /// Validates `raw` (spaces allowed) and stores it without spaces.
    ///
    /// Throws `nhs-number-format` (not ten ASCII digits), `nhs-number-repdigit` or
    /// `nhs-number-check-digit`, located at `path`.
    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let compact = raw.utf8.contains(UInt8(ascii: " ")) ? String(raw.filter { $0 != " " }) : raw
        let bytes = Array(compact.utf8)
        guard bytes.count == 10, bytes.allSatisfy(ASCII.isDigit) else {
            throw ValidationError(
                path: path,
                rule: "nhs-number-format",
                hint: "send the 10-digit NHS number without spaces; 943 476 5919 is sent as 9434765919"
            )
        }
        let digits = bytes.map { Int($0 - UInt8(ascii: "0")) }
        if digits.allSatisfy({ $0 == digits[0] }) {
            throw ValidationError(
                path: path,
                rule: "nhs-number-repdigit",
                hint: "a number of one repeated digit is never issued; send the person's real NHS number"
            )
        }
        guard Self.checkDigit(digits[0..<9]) == digits[9] else {
            throw ValidationError(
                path: path,
                rule: "nhs-number-check-digit",
                hint: "the last digit does not match the modulus-11 check of the first nine; check the number for a mistyped or swapped digit"
            )
        }
        value = compact
    }

    /// The check digit for the first nine digits, or nil when it computes to 10 (never valid).
    static func checkDigit(_ first9: ArraySlice<Int>) -> Int? {
        var sum = 0
        for (offset, digit) in first9.enumerated() { sum += digit * (10 - offset) }
        switch 11 - sum % 11 {
        case 11: return 0
        case 10: return nil
        case let check: return check
        }
    }

    /// The number grouped 3-3-4 for people to read (`943 476 5919`), as the NHS displays it.
    public var formatted: String {
        let digits = Array(value)
        return String(digits[0..<3]) + " " + String(digits[3..<6]) + " " + String(digits[6..<10])
    }
}
