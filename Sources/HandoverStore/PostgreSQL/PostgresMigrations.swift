import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL schema, as an ordered list of named migrations recorded in `schema_migration`.
/// Append; never edit a shipped one.
///
/// The columns follow the SQLite schema with PostgreSQL types (`bytea`, `boolean`, times as
/// integer milliseconds), except that every payload, MESH document and chunk is in its row:
/// the nodes sharing a database share no folder.
enum PostgresMigrations {
    /// A migration: its name and its statements, one per entry (the extended query protocol
    /// takes one statement at a time).
    struct Migration {
        var name: String
        var statements: [String]
    }

    /// The key of the advisory lock held while migrating, so that nodes starting together
    /// migrate one after the other (the second then finds nothing left to do).
    static let lockKey: Int64 = 0x4841_4E44_4F56_4552  // "HANDOVER"

    static let all: [Migration] = [
        Migration(name: "v1-partners-messages-and-ledger", statements: PostgresSchema.messagesAndLedger),
        Migration(name: "v2-mesh", statements: PostgresSchema.mesh),
        Migration(name: "v3-consent-and-information-governance", statements: PostgresSchema.consentAndGovernance),
    ]

    /// Applies every migration not yet recorded, in one transaction under the advisory lock.
    static func migrate(_ store: PostgresStore) async throws {
        let logger = store.logger
        try await store.transaction { connection in
            try await connection.run("SELECT pg_advisory_xact_lock(\(lockKey))", logger)
            try await connection.run(
                "CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)", logger
            )
            let applied = Set(try await connection.all("SELECT name FROM schema_migration", logger).map { try $0.text(0) })
            for migration in all where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.run(PostgresQuery(unsafeSQL: statement), logger)
                }
                try await connection.run(
                    "INSERT INTO schema_migration (name, applied_at) VALUES (\(migration.name), \(Date().storedMilliseconds))", logger
                )
                logger.info("applied PostgreSQL migration", metadata: ["migration": "\(migration.name)"])
            }
        }
    }
}
