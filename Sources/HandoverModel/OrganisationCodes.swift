/// An ONS GSS code (`E06000030` Swindon): a country letter and eight digits.
public struct GSSCode: ValidatedString {
    public let value: String

    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let upper = raw.uppercased()
        guard let first = upper.first, "ENSW".contains(first), ASCII.matches(String(upper.dropFirst()), "DDDDDDDD") else {
            throw ValidationError(path: path, rule: "gss-format", hint: "send the ONS GSS code: E, N, S or W and eight digits, e.g. E06000030")
        }
        value = upper
    }

    /// Whether the entity type carries adult social care duties: unitary (E06), metropolitan
    /// district (E08), London borough (E09), county (E10) or Welsh unitary (W06); districts (E07) do not.
    public var hasAdultSocialCare: Bool {
        ["E06", "E08", "E09", "E10", "W06"].contains(String(value.prefix(3)))
    }
}

/// An NHS ODS organisation or site code: 3 to 6 upper-case letters and digits (`QOX`, `RN3`).
public struct ODSCode: ValidatedString {
    public let value: String

    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let upper = raw.uppercased()
        guard (3...6).contains(upper.utf8.count), upper.utf8.allSatisfy({ ASCII.isDigit($0) || ASCII.isUpper($0) }) else {
            throw ValidationError(path: path, rule: "ods-format", hint: "send the ODS code: 3 to 6 letters and digits, e.g. QOX")
        }
        value = upper
    }
}

/// An HMPPS prison (agency) id: three letters and an optional letter or digit (`LEI`, `STC2`).
public struct PrisonAgencyID: ValidatedString {
    public let value: String

    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let upper = raw.uppercased()
        guard ASCII.matches(upper, "UUU") || ASCII.matches(upper, "UUUA") else {
            throw ValidationError(path: path, rule: "prison-agency-format", hint: "send the prison's agency id: three letters and an optional letter or digit, e.g. LEI")
        }
        value = upper
    }
}
