public import Foundation
import GRDB
import HandoverModel

/// The embedded store: one SQLite file in WAL mode with `synchronous = FULL`, plus a folder of
/// payload files for bodies too large to keep in a row.
///
/// Writes go through a `GroupCommitWriter`, so a write returns only once it is on disk, while
/// many concurrent writes share one fsync. Reads run concurrently on WAL snapshots.
public final class SQLiteStore: Store {
    let database: DatabasePool
    let writer: GroupCommitWriter
    /// Every MESH token use recorded, for claims without a read.
    let tokens: MESHTokenTable
    /// Where large payloads are kept, one file per message.
    public let payloadDirectory: URL

    /// Opens (creating if needed) the store in `directory`: `handover.sqlite` and `payloads/`.
    public init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        payloadDirectory = directory.appendingPathComponent("payloads", isDirectory: true)
        try FileManager.default.createDirectory(at: payloadDirectory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        database = try DatabasePool(
            path: directory.appendingPathComponent("handover.sqlite").path,
            configuration: configuration
        )
        // DatabasePool sets synchronous = NORMAL after prepareDatabase runs, so FULL is set here,
        // on the single writer connection, once the pool is open.
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try SQLiteMigrations.migrator.migrate(database)
        writer = GroupCommitWriter(database: database)
        tokens = MESHTokenTable(try database.read { db in try Self.tokenUses(after: Date(), in: db) })
    }

    /// The `synchronous` setting of the writer connection (2 is FULL); exposed so tests can check it.
    public func synchronousMode() throws -> Int {
        try database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }
}
