import HandoverModel

/// The checks on one scalar value, shared by the decoder (on an element's text) and the encoder
/// (on a canonical value before writing it), so that what the encoder writes is exactly what the
/// decoder, and the published XSD, accept.
///
/// Each returns the canonical JSON value, normalised where the model normalises (an upper-cased
/// agency id, a lower-case UUID, `1` read as `true`, leading zeros of pence removed).
enum CouncilXMLValues {
    /// Checks `raw` as `type`; `raw` is the element's text, already trimmed unless `type` is text.
    static func check(_ raw: String, _ type: CouncilXMLType, path: String) throws(ValidationError) -> JSONValue {
        let maxBytes = type.maxBytes
        switch type.kind {
        case .text:
            guard !raw.isEmpty else { throw ValidationError(path: path, rule: "non-empty", hint: "send text here or leave the element out") }
            guard raw.utf8.count <= maxBytes else { throw ValidationError(path: path, rule: "max-length", hint: "send at most \(maxBytes) bytes of text here") }
            return .string(raw)
        case .code:
            guard type.values.contains(raw) else { throw ValidationError(path: path, rule: "enum", hint: "send one of: \(type.values.joined(separator: ", "))") }
            return .string(raw)
        case .date:
            return .string(try CalendarDate(validating: raw, path: path).description)
        case .dateTime:
            _ = try HL7Timestamp(iso: raw, path: path)
            return .string(raw)
        case .instant:
            let bytes = raw.utf8
            guard bytes.count > 19, bytes[bytes.index(bytes.startIndex, offsetBy: 10)] == UInt8(ascii: "T"), bytes.last != UInt8(ascii: "z") else {
                throw ValidationError(path: path, rule: "date-time-format", hint: "send an RFC 3339 date-time with a zone, e.g. 2026-11-23T10:15:00Z")
            }
            _ = try Timestamp.parse(raw, path: path)
            return .string(raw)
        case .boolean:
            switch raw {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default: throw ValidationError(path: path, rule: "type", hint: "send true or false")
            }
        case .pence:
            let digits = raw.utf8
            guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw ValidationError(path: path, rule: "type", hint: "send a whole number of pence without sign or decimal point, e.g. 124050")
            }
            let trimmed = raw.drop { $0 == "0" }
            return .number(trimmed.isEmpty ? "0" : String(trimmed))
        case .uuid:
            return .string(try ConsentID(validating: raw, path: path).value)
        case .prisonAgency:
            return .string(try PrisonAgencyID(validating: raw, path: path).value)
        case .cqcLocation:
            let bytes = raw.utf8
            guard bytes.count >= 11, bytes.count <= 13, bytes.starts(with: "1-".utf8),
                bytes.dropFirst(2).allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
            else {
                throw ValidationError(path: path, rule: "cqc-location-format", hint: "send the CQC location id: 1- and 9 to 11 digits, e.g. 1-123039495")
            }
            return .string(raw)
        case .organisation, .organisationOrKind, .group:
            throw ValidationError(path: path, rule: "type", hint: "send child elements here, not text")
        }
    }

    /// Whether the type's text is whitespace-collapsed (XSD tokens, dates, numbers) rather than
    /// kept as sent.
    static func isTrimmed(_ type: CouncilXMLType) -> Bool {
        type.kind != .text
    }

    /// The text to check for a canonical scalar, or nil when the JSON type cannot be this type.
    static func raw(_ value: JSONValue, _ type: CouncilXMLType) -> String? {
        switch (type.kind, value) {
        case (.boolean, .bool(let flag)): flag ? "true" : "false"
        case (.pence, .number(let lexeme)): lexeme
        case (.boolean, _), (.pence, _): nil
        case (_, .string(let text)): text
        default: nil
        }
    }

    /// A canonical scalar as the text to write, or nil when it is not a valid value of `type`.
    static func written(_ value: JSONValue, _ type: CouncilXMLType) -> String? {
        guard let raw = raw(value, type), XMLWriter.canCarry(raw),
            let checked = try? check(raw, type, path: "")
        else { return nil }
        switch checked {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let lexeme): return lexeme
        default: return nil
        }
    }

    /// What a type is, for a dropped value's reason.
    static func describe(_ type: CouncilXMLType) -> String {
        switch type.kind {
        case .text: "text of 1 to \(type.maxBytes) bytes without control characters"
        case .code: "one of \(type.values.joined(separator: ", "))"
        case .date: "a date YYYY-MM-DD"
        case .dateTime: "a date or date-time YYYY-MM-DD[THH:MM[:SS[.SSSS]]][+HH:MM]"
        case .instant: "an RFC 3339 date-time with a zone"
        case .boolean: "a JSON boolean"
        case .pence: "a whole non-negative number of pence"
        case .uuid: "a UUID"
        case .prisonAgency: "an HMPPS agency id"
        case .cqcLocation: "a CQC location id"
        case .organisation: "an organisation {scheme, value, name}"
        case .organisationOrKind: "an organisation {scheme, value, name} or {kind}"
        case .group: "an object"
        }
    }
}
