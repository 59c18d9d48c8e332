import HandoverModel

/// The checks of single council values written as text, shared by council JSON (string members)
/// and council CSV (every cell), so that both formats accept and refuse exactly the same values
/// with the same rules.
enum CouncilScalars {
    /// `text` checked as `value`, in its canonical form: identifiers upper-cased, UUIDs lower-cased,
    /// everything else exactly as sent.
    /// - Throws: the value's rule (`date-calendar`, `enum`, `ods-format`, ...) located at `path`.
    static func string(_ text: String, as value: CouncilValue, at path: String) throws(ValidationError) -> String {
        switch value.shape {
        case .text:
            let limit = value.limit
            guard text.utf8.count <= limit else {
                throw ValidationError(path: path, rule: "max-length", hint: "send at most \(limit) bytes of text here")
            }
            return text
        case .date:
            _ = try CalendarDate(validating: text, path: path)
            return text
        case .dateTime:
            _ = try HL7Timestamp(iso: text, path: path)
            return text
        case .instant:
            _ = try Timestamp.parse(text, path: path)
            return text
        case .code:
            let allowed = value.codes
            guard allowed.contains(text) else {
                throw ValidationError(path: path, rule: "enum", hint: "send one of: \(allowed.joined(separator: ", "))")
            }
            return text
        case .uuid:
            return try MessageID(validating: text, path: path).value
        case .identifier:
            return try Self.identifier(text, value.identifier, at: path)
        case .organisationCode:
            return try CouncilOrganisation.identifier(value.scheme, text, at: path).value
        case .boolean, .pence, .basisPoints, .organisation, .shareRecipient, .object, .array:
            throw ValidationError(path: path, rule: "type", hint: "send \(describe(value)) here")
        }
    }

    private static func identifier(_ text: String, _ identifier: CouncilIdentifier, at path: String) throws(ValidationError) -> String {
        switch identifier {
        case .prisonAgency: return try PrisonAgencyID(validating: text, path: path).value
        case .ods: return try ODSCode(validating: text, path: path).value
        case .mailbox: return try MailboxID(validating: text, path: path).value
        case .cqcLocation:
            let bytes = Array(text.utf8)
            guard bytes.count >= 11, bytes.count <= 13, bytes[0] == UInt8(ascii: "1"), bytes[1] == UInt8(ascii: "-"),
                bytes[2...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
            else {
                throw ValidationError(path: path, rule: "cqc-location-format", hint: "send the CQC location id: 1- and 9 to 11 digits, e.g. 1-123039495")
            }
            return text
        }
    }

    /// Whether `lexeme` is whole pence as this format writes it: decimal digits without sign or
    /// leading zeros, at most 15 of them (ten thousand million pounds), so it fits `Int64` and a
    /// spreadsheet shows it exactly.
    static func isPence(_ lexeme: String) -> Bool {
        let bytes = lexeme.utf8
        guard let first = bytes.first, bytes.count <= 15, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return first != UInt8(ascii: "0") || bytes.count == 1
    }

    /// The basis points in `lexeme` when it is an integer from 0 to 10,000 without sign or leading zeros.
    static func basisPoints(_ lexeme: String) -> Int? {
        guard isPence(lexeme), lexeme.utf8.count <= 5, let value = Int(lexeme), value <= 10_000 else { return nil }
        return value
    }

    /// The hint for a pence value of the wrong shape.
    static let penceHint = "send whole pence as a non-negative integer without a decimal point, e.g. 121500 for £1,215.00"
    /// The hint for a basis-point share of the wrong shape.
    static let basisPointsHint = "send the share in basis points as an integer from 0 to 10000, e.g. 4000 for 40 %"

    /// What a value of this type looks like, for `type` hints.
    static func describe(_ value: CouncilValue) -> String {
        switch value.shape {
        case .text: "a JSON string"
        case .date: "a date string YYYY-MM-DD"
        case .dateTime: "a date-time string such as 2025-05-12T09:00:00+01:00"
        case .instant: "an RFC 3339 date-time string such as 2026-11-23T10:15:00Z"
        case .boolean: "true or false"
        case .pence: "whole pence as a JSON integer"
        case .basisPoints: "basis points as a JSON integer"
        case .code: "a code string"
        case .uuid: "a UUID string"
        case .identifier: "an identifier string"
        case .organisation, .organisationCode: "an organisation object such as {\"gssCode\": \"E06000054\"}"
        case .shareRecipient: "an organisation object or {\"kind\": \"icb\"}"
        case .object: "a JSON object"
        case .array: "a JSON array"
        }
    }
}
