import Foundation
import GRDB
import HandoverLedger
public import HandoverModel

extension SQLiteStore {
    /// Appends the leaf for `kind` happening to `record` at `time`, inside the caller's transaction,
    /// so the event and the state change it records commit (or roll back) together.
    @discardableResult
    static func appendEvent(
        _ kind: LogEventKind, of record: MessageRecord, actor: MailboxID, at time: Date, _ db: Database
    ) throws -> LedgerLeaf {
        let event = try LogEvent.message(kind, of: record, actor: actor.value, at: time)
        return try appendLeaf(event, messageID: record.envelope.id, db)
    }

    /// Appends `event` as the next leaf. Indices come from the table inside the single writer's
    /// transaction, so they are dense and in commit order.
    static func appendLeaf(_ event: LogEvent, messageID: MessageID?, _ db: Database) throws -> LedgerLeaf {
        let next = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM log_leaf")) ?? 0
        let leaf = LedgerLeaf(index: UInt64(next), event: event)
        try db.cachedStatement(
            sql: "INSERT INTO log_leaf (leaf_index, message_id, kind, leaf, leaf_hash) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [next, messageID?.description, event.kind.rawValue, Data(leaf.bytes), Data(leaf.hash)])
        return leaf
    }

    static func submittedLeaf(of id: MessageID, _ db: Database) throws -> LedgerLeaf? {
        try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT leaf_index, leaf, leaf_hash FROM log_leaf WHERE message_id = ? AND kind = 'submitted'"),
            arguments: [id.description]
        ).map(Self.leaf(from:))
    }

    private static func leaf(from row: Row) -> LedgerLeaf {
        let index: Int64 = row[0]
        let bytes: Data = row[1]
        let hash: Data = row[2]
        return LedgerLeaf(index: UInt64(index), bytes: [UInt8](bytes), hash: [UInt8](hash))
    }

    public func recordRejection(_ rejection: Rejection) async throws -> LedgerLeaf {
        try await writer.write { db in
            let event = try LogEvent.rejection(rejection)
            let leaf = try Self.appendLeaf(event, messageID: rejection.messageID, db)
            try db.cachedStatement(sql: "INSERT INTO log_rejection (leaf_index, reason) VALUES (?, ?)")
                .execute(arguments: [Int64(leaf.index), rejection.reason])
            return leaf
        }
    }

    public func leafCount() async throws -> UInt64 {
        try await database.read { db in
            UInt64(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(leaf_index) + 1, 0) FROM log_leaf") ?? 0)
        }
    }

    public func leaves(from start: UInt64, limit: Int) async throws -> [LedgerLeaf] {
        try await database.read { db in
            try Row.fetchAll(
                try db.cachedStatement(sql: "SELECT leaf_index, leaf, leaf_hash FROM log_leaf WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?"),
                arguments: [Int64(clamping: start), limit]
            ).map(Self.leaf(from:))
        }
    }

    public func leaves(of id: MessageID) async throws -> [LedgerLeaf] {
        try await database.read { db in
            try Row.fetchAll(
                try db.cachedStatement(sql: "SELECT leaf_index, leaf, leaf_hash FROM log_leaf WHERE message_id = ? ORDER BY leaf_index"),
                arguments: [id.description]
            ).map(Self.leaf(from:))
        }
    }

    public func rejectionReason(leaf index: UInt64) async throws -> String? {
        try await database.read { db in
            try String.fetchOne(db, sql: "SELECT reason FROM log_rejection WHERE leaf_index = ?", arguments: [Int64(clamping: index)])
        }
    }

    public func saveCheckpoint(_ checkpoint: StoredCheckpoint) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO log_checkpoint (tree_size, root_hash, note, issued_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [Int64(checkpoint.treeSize), Data(checkpoint.rootHash), checkpoint.note, checkpoint.issuedAt.storedMilliseconds]
            )
        }
    }

    public func checkpoints() async throws -> [StoredCheckpoint] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT tree_size, root_hash, note, issued_at FROM log_checkpoint ORDER BY tree_size")
                .map(Self.checkpoint(from:))
        }
    }

    public func latestCheckpoint() async throws -> StoredCheckpoint? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT tree_size, root_hash, note, issued_at FROM log_checkpoint ORDER BY tree_size DESC LIMIT 1")
                .map(Self.checkpoint(from:))
        }
    }

    private static func checkpoint(from row: Row) -> StoredCheckpoint {
        let size: Int64 = row[0]
        let root: Data = row[1]
        let issued: Int64 = row[3]
        return StoredCheckpoint(treeSize: UInt64(size), rootHash: [UInt8](root), note: row[2], issuedAt: Date(storedMilliseconds: issued))
    }

    public func evidence(of id: MessageID) async throws -> MessageEvidence? {
        let payloadDirectory = self.payloadDirectory
        return try await database.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT \(Self.recordColumns), payload, payload_file, payload_offset, payload_salt, original FROM message WHERE id = ?",
                    arguments: [id.description]
                )
            else { return nil }
            return try Self.evidence(from: row, payloadDirectory: payloadDirectory)
        }
    }

    public func evidence(after sequence: Int64, limit: Int) async throws -> [MessageEvidence] {
        let payloadDirectory = self.payloadDirectory
        return try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.recordColumns), payload, payload_file, payload_offset, payload_salt, original FROM message
                    WHERE seq > ? ORDER BY seq LIMIT ?
                    """,
                arguments: [sequence, limit]
            ).map { try Self.evidence(from: $0, payloadDirectory: payloadDirectory) }
        }
    }

    private static func evidence(from row: Row, payloadDirectory: URL) throws -> MessageEvidence {
        let record = try MessageRecord(row: row)
        let salt: Data? = row["payload_salt"]
        var payload: PayloadLocation?
        if let file: String = row["payload_file"] {
            payload = .file(payloadDirectory.appendingPathComponent(file), offset: row["payload_offset"], length: record.payloadLength)
        } else if let bytes: Data = row["payload"] {
            // An empty payload is an empty blob; NULL means purged, or removed behind the gateway's back.
            payload = .inline([UInt8](bytes))
        }
        let original: Data? = row["original"]
        return MessageEvidence(record: record, salt: salt.map { [UInt8]($0) }, payload: payload, original: original.map { [UInt8]($0) })
    }
}
