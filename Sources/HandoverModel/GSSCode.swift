/// An ONS GSS code (`E06000030` Swindon): a country letter (E, N, S, W) and eight digits,
/// `^[ENSW]\d{8}$`, upper-cased.
///
/// GSS codes are the recommended primary key for councils: they are stable, published by ONS, and
/// their first three characters say what kind of body the code names.
public struct GSSCode: ValidatedString {
    /// The upper-case code.
    public let value: String

    /// Upper-cases and validates `raw`; throws `gss-format` located at `path`.
    public init(validating raw: String, path: String = "") throws(ValidationError) {
        let upper = ASCII.uppercased(raw)
        let bytes = Array(upper.utf8)
        guard let first = bytes.first, Array("ENSW".utf8).contains(first), ASCII.matches(bytes.dropFirst(), "DDDDDDDD") else {
            throw ValidationError(path: path, rule: "gss-format", hint: "send the ONS GSS code: E, N, S or W and eight digits, e.g. E06000030")
        }
        value = upper
    }

    /// Whether the entity type carries adult social care duties: unitary (E06), metropolitan
    /// district (E08), London borough (E09), county (E10) or Welsh unitary (W06). Districts (E07)
    /// do not, so a care referral addressed to one has gone to the wrong council.
    public var hasAdultSocialCare: Bool {
        ["E06", "E08", "E09", "E10", "W06"].contains(String(value.prefix(3)))
    }
}
