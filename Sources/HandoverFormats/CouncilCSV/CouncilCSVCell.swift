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
            let parts = separator == "\n" ? cell.split(whereSeparator: \.isNewline) : cell.split(separator: separator ?? " ")
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
