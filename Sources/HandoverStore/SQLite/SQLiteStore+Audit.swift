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

    /// The search as SQLite runs it (`ShareSearchSQL`), with the page size as the last value.
    static func shareSQL(_ query: ShareQuery, after cursor: Int64, limit: Int) -> (String, StatementArguments) {
        let search = ShareSearchSQL(query, after: cursor)
        var arguments: [(any DatabaseValueConvertible)?] = search.values.map { value in
            switch value {
            case .text(let text): text
            case .integer(let integer): integer
            }
        }
        arguments.append(limit)
        let sql = "SELECT \(recordColumns) FROM message WHERE \(search.condition) ORDER BY seq LIMIT ?"
        return (sql, StatementArguments(arguments))
    }
}
