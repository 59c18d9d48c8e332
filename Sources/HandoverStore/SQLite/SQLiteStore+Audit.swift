import Foundation
import GRDB
public import HandoverModel

extension SQLiteStore {
    public func shares(matching query: ShareQuery, after cursor: Int64?, limit: Int) async throws -> MessagePage {
        let (sql, arguments) = Self.shareSQL(query, after: cursor ?? 0, limit: limit + 1)
        let fetched = try await database.read { db in
            try Row.fetchAll(try db.cachedStatement(sql: sql), arguments: arguments).map { try MessageRecord(row: $0) }
        }
        let records = Array(fetched.prefix(limit))
        return MessagePage(messages: records, next: fetched.count > limit ? records.last?.sequence : nil)
    }

    public func share(_ id: MessageID) async throws -> MessageRecord? {
        try await database.read { db in
            try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT \(Self.recordColumns) FROM message WHERE id = ?"), arguments: [id.value]
            ).map { try MessageRecord(row: $0) }
        }
    }

    /// The search as SQL: a fixed clause per filter given, every value a bound parameter. The
    /// clauses are chosen by which filters are present, never built from their values.
    static func shareSQL(_ query: ShareQuery, after cursor: Int64, limit: Int) -> (String, StatementArguments) {
        var clauses = ["kind NOT IN ('acknowledgement', 'non-delivery-report')", "seq > ?"]
        var arguments: [(any DatabaseValueConvertible)?] = [cursor]
        if let nhsNumber = query.nhsNumber {
            clauses.append("subject_nhs_number = ?")
            arguments.append(nhsNumber.value)
        }
        if let partner = query.partner {
            clauses.append("(sender = ? OR recipient = ?)")
            arguments += [partner.value, partner.value]
        }
        if let from = query.from {
            clauses.append("created_at >= ?")
            arguments.append(from.storedMilliseconds)
        }
        if let to = query.to {
            clauses.append("created_at < ?")
            arguments.append(to.storedMilliseconds)
        }
        if let purpose = query.purpose {
            clauses.append("purpose = ?")
            arguments.append(purpose.rawValue)
        }
        switch query.basis {
        case nil: break
        case .anyConsent: clauses.append("consent_id IS NOT NULL")
        case .consent(let id):
            clauses.append("consent_id = ?")
            arguments.append(id.value)
        case .anyStatute: clauses.append("lawful_basis LIKE 'statute:%'")
        case .statute(let statute):
            // Statute names are kebab-case from a closed list, so they hold no LIKE wildcard.
            clauses.append("lawful_basis LIKE ?")
            arguments.append("statute:\(statute.rawValue);%")
        }
        if let outcome = query.outcome { clauses.append(outcomeClause(outcome)) }
        arguments.append(limit)
        let sql = "SELECT \(recordColumns) FROM message WHERE \(clauses.joined(separator: " AND ")) ORDER BY seq LIMIT ?"
        return (sql, StatementArguments(arguments))
    }

    /// The furthest point reached, as `MessageRecord.status` reads it.
    private static func outcomeClause(_ outcome: MessageStatus) -> String {
        switch outcome {
        case .expired: "expired_at IS NOT NULL"
        case .acknowledged: "acknowledged_at IS NOT NULL AND expired_at IS NULL"
        case .withheld: "withheld_at IS NOT NULL AND acknowledged_at IS NULL AND expired_at IS NULL"
        case .downloaded: "downloaded_at IS NOT NULL AND acknowledged_at IS NULL AND expired_at IS NULL AND withheld_at IS NULL"
        case .delivered:
            "delivered_at IS NOT NULL AND downloaded_at IS NULL AND acknowledged_at IS NULL AND expired_at IS NULL AND withheld_at IS NULL"
        case .accepted: "delivered_at IS NULL AND downloaded_at IS NULL AND acknowledged_at IS NULL AND expired_at IS NULL AND withheld_at IS NULL"
        }
    }
}
