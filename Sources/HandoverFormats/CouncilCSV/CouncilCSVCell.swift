import HandoverModel

/// One CSV cell and the canonical value it holds, both ways, by the value's `CouncilValue` type.
///
/// Booleans are `Y` or `N`; pence are digits; an organisation column holds its code; a list is
/// its items joined by the column's separator (a space between codes, a line break between
/// address lines, which spreadsheets show as one multi-line cell). Everything else is the text.
enum CouncilCSVCell {
    /// The canonical value of a non-empty cell.
    static func read(_ cell: String, as type: CouncilValue, separator: Character?, at path: String) throws(ValidationError) -> JSONValue {
        switch type.shape {
        case .boolean:
            switch cell {
            case "Y": return .bool(true)
            case "N": return .bool(false)
            default: throw ValidationError(path: path, rule: "enum", hint: "send Y or N")
            }
        case .pence:
            guard CouncilScalars.isPence(cell) else { throw ValidationError(path: path, rule: "pence-integer", hint: CouncilScalars.penceHint) }
            return .number(cell)
        case .basisPoints:
            guard CouncilScalars.basisPoints(cell) != nil else { throw ValidationError(path: path, rule: "basis-points", hint: CouncilScalars.basisPointsHint) }
            return .number(cell)
        case .organisationCode:
            let code = try CouncilScalars.string(cell, as: type, at: path)
            return .object([("scheme", .string(type.scheme.rawValue)), ("value", .string(code))])
        case .array:
            let (item, limit) = (type.item, type.limit)
            let parts = separator == "\n" ? Self.splitLines(cell) : Self.split(cell, separator: separator ?? " ")
            guard parts.count <= limit else { throw ValidationError(path: path, rule: "max-items", hint: "send at most \(limit) items in this cell") }
            var items: [JSONValue] = []
            var issues: [ValidationIssue] = []
            for part in parts {
                do throws(ValidationError) {
                    items.append(try read(String(part), as: item, separator: nil, at: path))
                } catch {
                    issues += error.issues
                }
            }
            guard issues.isEmpty else { throw ValidationError(issues) }
            return .array(items)
        case .text, .date, .dateTime, .instant, .code, .uuid, .identifier:
            return .string(try CouncilScalars.string(cell, as: type, at: path))
        case .organisation, .shareRecipient, .object:
            throw ValidationError(path: path, rule: "type", hint: "this column holds one value")
        }
    }

    /// `text` split at `separator` (an ASCII character), empty parts left out. An ASCII text is
    /// split by bytes; any other by characters, where a combining mark after the separator
    /// makes a character of its own that is not the separator.
    static func split(_ text: String, separator: Character) -> [Substring] {
        guard let byte = separator.asciiValue, text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(separator: separator) }
        return splitASCII(text) { $0 == byte }
    }

    /// `text` split at line breaks, empty lines left out (CR LF is one break).
    static func splitLines(_ text: String) -> [Substring] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(whereSeparator: \.isNewline) }
        // The ASCII newlines: LF, VT, FF and CR.
        return splitASCII(text) { $0 >= 0x0A && $0 <= 0x0D }
    }

    private static func splitASCII(_ text: String, _ isSeparator: (UInt8) -> Bool) -> [Substring] {
        var parts: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if isSeparator(utf8[index]) {
                if start != index { parts.append(text[start..<index]) }
                index = utf8.index(after: index)
                start = index
            } else {
                index = utf8.index(after: index)
            }
        }
        if start != index { parts.append(text[start..<index]) }
        return parts
    }

    /// The cell for a value `CouncilPayloadWriter` wrote for a carried member.
    static func write(_ value: JSONValue, separator: Character?) -> String {
        switch value {
        case .string(let text): text
        case .bool(let flag): flag ? "Y" : "N"
        case .number(let lexeme): lexeme
        case .array(let items): items.map { write($0, separator: nil) }.joined(separator: String(separator ?? " "))
        case .null, .object: ""
        }
    }
}
