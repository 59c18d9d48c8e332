import Foundation
import Logging
import PostgresNIO

extension PostgresConnection {
    /// Every row of `query`.
    func all(_ query: PostgresQuery, _ logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await self.query(query, logger: logger) { rows.append(row.makeRandomAccess()) }
        return rows
    }

    /// The first row of `query`, if any.
    func first(_ query: PostgresQuery, _ logger: Logger) async throws -> PostgresRandomAccessRow? {
        try await all(query, logger).first
    }

    /// Runs `query` and reads past its result.
    func run(_ query: PostgresQuery, _ logger: Logger) async throws {
        _ = try await all(query, logger)
    }
}

/// Typed reads of a column by position, the way the SQLite rows are read.
extension PostgresRandomAccessRow {
    func text(_ index: Int) throws -> String { try self[index].decode(String.self) }
    func optionalText(_ index: Int) throws -> String? { try self[index].decode(String?.self) }
    func int(_ index: Int) throws -> Int64 { try self[index].decode(Int64.self) }
    func optionalInt(_ index: Int) throws -> Int64? { try self[index].decode(Int64?.self) }
    func bool(_ index: Int) throws -> Bool { try self[index].decode(Bool.self) }
    func bytes(_ index: Int) throws -> [UInt8] { [UInt8](try self[index].decode(Data.self)) }
    func optionalBytes(_ index: Int) throws -> [UInt8]? { try self[index].decode(Data?.self).map { [UInt8]($0) } }
    func date(_ index: Int) throws -> Date { Date(storedMilliseconds: try int(index)) }
    func optionalDate(_ index: Int) throws -> Date? { try optionalInt(index).map(Date.init(storedMilliseconds:)) }
}
