import Foundation
public import HandoverModel
import PostgresNIO

extension PostgresStore {
    public func shares(matching query: ShareQuery, after cursor: Int64?, limit: Int) async throws -> MessagePage {
        let search = ShareSearchSQL(query, after: cursor ?? 0)
        var binds = PostgresBindings()
        for value in search.values {
            switch value {
            case .text(let text): binds.append(text)
            case .integer(let integer): binds.append(integer)
            }
        }
        binds.append(Int64(limit + 1))
        let sql = "SELECT \(Self.recordColumns) FROM message WHERE \(Self.numbered(search.condition)) ORDER BY seq LIMIT $\(binds.count)"
        let fetched = try await autocommit { connection in
            try await connection.all(PostgresQuery(unsafeSQL: sql, binds: binds), self.logger).map(MessageRecord.init(postgres:))
        }
        let records = Array(fetched.prefix(limit))
        return MessagePage(messages: records, next: fetched.count > limit ? records.last?.sequence : nil)
    }

    /// `condition` with its `?` marks numbered `$1`, `$2`, … (no clause has a `?` inside a literal).
    static func numbered(_ condition: String) -> String {
        var count = 0
        var result = ""
        for character in condition {
            if character == "?" {
                count += 1
                result += "$\(count)"
            } else {
                result.append(character)
            }
        }
        return result
    }

    public func share(_ id: MessageID) async throws -> MessageRecord? {
        try await autocommit { connection in
            try await connection.first("SELECT \(unescaped: Self.recordColumns) FROM message WHERE id = \(id.value)", self.logger)
                .map(MessageRecord.init(postgres:))
        }
    }
}
