import Foundation
import HandoverModel
import HandoverStore
import Hummingbird

/// Reads a share search from query parameters, refusing every malformed or unknown one by name
/// (`contracts/openapi.yaml`, `GET /v1/ig/shares`). Values are parsed into typed filters, so
/// nothing a caller sends reaches the store as text.
struct ShareQueryParser {
    static let names = ["nhsNumber", "partner", "from", "to", "purpose", "basis", "outcome", "cursor", "limit", "format"]

    var query = ShareQuery()
    var cursor: Int64?
    var limit = 100
    var issues: [ValidationIssue] = []

    /// Parses `parameters` (name to value); `maxLimit` bounds `limit`.
    init(_ parameters: [(String, String)], maxLimit: Int) {
        for (name, raw) in parameters {
            let value = raw.trimmingCharacters(in: .whitespaces)
            if value.isEmpty { continue }
            switch name {
            case "nhsNumber":
                query.nhsNumber = parse(name) { () throws(ValidationError) in try NHSNumber(validating: value.replacingOccurrences(of: " ", with: ""), path: name) }
            case "partner":
                query.partner = parse(name) { () throws(ValidationError) in try MailboxID(validating: value, path: name) }
            case "from": query.from = instant(value, name, endOfDay: false)
            case "to": query.to = instant(value, name, endOfDay: true)
            case "purpose":
                query.purpose = Purpose(rawValue: value)
                if query.purpose == nil { report(name, "enum", "send one of \(Purpose.allCases.map(\.rawValue).joined(separator: ", "))") }
            case "basis": query.basis = basis(value, name)
            case "outcome":
                query.outcome = MessageStatus(rawValue: value)
                if query.outcome == nil { report(name, "enum", "send one of \(MessageStatus.allCases.map(\.rawValue).joined(separator: ", "))") }
            case "cursor":
                cursor = PageCursor.decode(value)
                if cursor == nil { report(name, "cursor", "send the 'next' value of the previous page unchanged") }
            case "limit":
                if let number = Int(value), (1...maxLimit).contains(number) { limit = number } else {
                    report(name, "range", "send a whole number from 1 to \(maxLimit)")
                }
            case "format": break
            default:
                report(name, "unknown-parameter", "the search takes only \(Self.names.joined(separator: ", "))")
            }
        }
        if let from = query.from, let to = query.to, to <= from {
            report("to", "date-order", "send a 'to' after 'from'")
        }
    }

    /// The parameters of a request, in order, names not decoded beyond percent-escapes.
    static func parameters(_ request: Request) -> [(String, String)] {
        request.uri.queryParameters.map { (String($0.key), String($0.value)) }
    }

    private mutating func report(_ path: String, _ rule: String, _ hint: String) {
        issues.append(ValidationIssue(path: path, rule: rule, hint: hint))
    }

    private mutating func parse<T>(_ name: String, _ build: () throws(ValidationError) -> T) -> T? {
        do { return try build() } catch {
            issues += error.issues.map { ValidationIssue(path: name, rule: $0.rule, hint: $0.hint) }
            return nil
        }
    }

    /// A date (`2026-11-23`, the whole UTC day) or an RFC 3339 instant.
    private mutating func instant(_ value: String, _ name: String, endOfDay: Bool) -> Date? {
        if value.utf8.count == 10, let day = try? CalendarDate(validating: value) {
            let midnight = (try? Timestamp.parse("\(day)T00:00:00Z")) ?? Date(timeIntervalSince1970: 0)
            return endOfDay ? midnight.addingTimeInterval(86_400) : midnight
        }
        do { return try Timestamp.parse(value, path: name) } catch {
            report(name, "date-format", "send a date (2026-11-23) or an RFC 3339 instant (2026-11-23T10:15:00Z)")
            return nil
        }
    }

    /// `consent`, `statute`, a statute (`care-act-2014-s42`) or a consent id.
    private mutating func basis(_ value: String, _ name: String) -> ShareQuery.Basis? {
        if value == "consent" { return .anyConsent }
        if value == "statute" { return .anyStatute }
        if let statute = Statute(rawValue: value) { return .statute(statute) }
        if let id = try? ConsentID(validating: value) { return .consent(id) }
        report(name, "enum", "send consent, statute, a statute (\(Statute.allCases.map(\.rawValue).joined(separator: ", "))) or a consent id")
        return nil
    }
}
