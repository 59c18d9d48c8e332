import Foundation
import HandoverLedger
public import HandoverModel
import Logging
import NIOCore
import PostgresNIO

extension PostgresLedgerWrite {
    /// Appends the leaf for `kind` happening to `record` at `time`, in this transaction.
    @discardableResult
    func appendEvent(_ kind: LogEventKind, of record: MessageRecord, actor: String, at time: Date) async throws -> LedgerLeaf {
        try await appendLeaf(try HandoverLedger.LogEvent.message(kind, of: record, actor: actor, at: time), messageID: record.envelope.id)
    }

    /// Takes the next index for the leaf of `kind` happening to `record`, for a statement of the
    /// caller's that inserts it together with the change it records (one round trip for both).
    func reserveLeaf(_ kind: LogEventKind, of record: MessageRecord, actor: String, at time: Date) throws -> LedgerLeaf {
        let leaf = LedgerLeaf(index: UInt64(nextIndex), event: try HandoverLedger.LogEvent.message(kind, of: record, actor: actor, at: time))
        nextIndex += 1
        return leaf
    }

    /// Appends `event` as the next leaf; the index comes from the locked log head.
    func appendLeaf(_ event: HandoverLedger.LogEvent, messageID: MessageID?, consentID: ConsentID? = nil) async throws -> LedgerLeaf {
        let leaf = LedgerLeaf(index: UInt64(nextIndex), event: event)
        try await connection.run(
            """
            INSERT INTO log_leaf (leaf_index, message_id, consent_id, kind, leaf, leaf_hash)
            VALUES (\(nextIndex), \(messageID?.description), \(consentID?.value), \(event.kind.rawValue), \(Data(leaf.bytes)), \(Data(leaf.hash)))
            """,
            logger
        )
        nextIndex += 1
        return leaf
    }
}

extension PostgresLedgerWrite {
    /// Appends the leaf for `kind` happening to each of `records` at `time`, in order, in one
    /// statement: an inbox page marks many messages delivered at once.
    func appendEvents(_ kind: LogEventKind, of records: [MessageRecord], actor: String, at time: Date) async throws {
        guard !records.isEmpty else { return }
        var leaves: [LedgerLeaf] = []
        for record in records {
            let event = try HandoverLedger.LogEvent.message(kind, of: record, actor: actor, at: time)
            leaves.append(LedgerLeaf(index: UInt64(nextIndex) + UInt64(leaves.count), event: event))
        }
        try await connection.run(
            """
            INSERT INTO log_leaf (leaf_index, message_id, kind, leaf, leaf_hash)
            SELECT * FROM unnest(\(leaves.map { Int64($0.index) })::bigint[], \(records.map(\.envelope.id.description))::text[],
                \(Array(repeating: kind.rawValue, count: records.count))::text[], \(leaves.map { ByteBuffer(bytes: $0.bytes) })::bytea[],
                \(leaves.map { ByteBuffer(bytes: $0.hash) })::bytea[])
            """,
            logger
        )
        nextIndex += Int64(leaves.count)
    }
}

extension PostgresStore {
    static func leaf(from row: PostgresRandomAccessRow) throws -> LedgerLeaf {
        LedgerLeaf(index: UInt64(try row.int(0)), bytes: try row.bytes(1), hash: try row.bytes(2))
    }

    static func submittedLeaf(of id: MessageID, _ connection: PostgresConnection, _ logger: Logger) async throws -> LedgerLeaf? {
        try await connection.first(
            "SELECT leaf_index, leaf, leaf_hash FROM log_leaf WHERE message_id = \(id.description) AND kind = 'submitted'", logger
        ).map(Self.leaf(from:))
    }

    public func recordRejection(_ rejection: Rejection) async throws -> LedgerLeaf {
        try await ledgerTransaction { write in
            let leaf = try await write.appendLeaf(try HandoverLedger.LogEvent.rejection(rejection), messageID: rejection.messageID)
            try await write.connection.run(
                "INSERT INTO log_rejection (leaf_index, reason) VALUES (\(Int64(leaf.index)), \(rejection.reason))", write.logger
            )
            return leaf
        }
    }

    public func leafCount() async throws -> UInt64 {
        try await autocommit { connection in
            UInt64(try await connection.first("SELECT next_index FROM log_head", self.logger)?.int(0) ?? 0)
        }
    }

    public func leaves(from start: UInt64, limit: Int) async throws -> [LedgerLeaf] {
        try await autocommit { connection in
            try await connection.all(
                "SELECT leaf_index, leaf, leaf_hash FROM log_leaf WHERE leaf_index >= \(Int64(clamping: start)) ORDER BY leaf_index LIMIT \(limit)",
                self.logger
            ).map(Self.leaf(from:))
        }
    }

    public func leaves(of id: MessageID) async throws -> [LedgerLeaf] {
        try await autocommit { connection in
            try await connection.all(
                "SELECT leaf_index, leaf, leaf_hash FROM log_leaf WHERE message_id = \(id.description) ORDER BY leaf_index", self.logger
            ).map(Self.leaf(from:))
        }
    }

    public func rejectionReason(leaf index: UInt64) async throws -> String? {
        try await autocommit { connection in
            try await connection.first("SELECT reason FROM log_rejection WHERE leaf_index = \(Int64(clamping: index))", self.logger)?.text(0)
        }
    }

    public func saveCheckpoint(_ checkpoint: StoredCheckpoint) async throws {
        try await autocommit { connection in
            try await connection.run(
                """
                INSERT INTO log_checkpoint (tree_size, root_hash, note, issued_at)
                VALUES (\(Int64(checkpoint.treeSize)), \(Data(checkpoint.rootHash)), \(checkpoint.note), \(checkpoint.issuedAt.storedMilliseconds))
                ON CONFLICT DO NOTHING
                """,
                self.logger
            )
        }
    }

    public func checkpoints() async throws -> [StoredCheckpoint] {
        try await autocommit { connection in
            try await connection.all("SELECT tree_size, root_hash, note, issued_at FROM log_checkpoint ORDER BY tree_size", self.logger)
                .map(Self.checkpoint(from:))
        }
    }

    public func latestCheckpoint() async throws -> StoredCheckpoint? {
        try await autocommit { connection in
            try await connection.first(
                "SELECT tree_size, root_hash, note, issued_at FROM log_checkpoint ORDER BY tree_size DESC LIMIT 1", self.logger
            ).map(Self.checkpoint(from:))
        }
    }

    private static func checkpoint(from row: PostgresRandomAccessRow) throws -> StoredCheckpoint {
        StoredCheckpoint(treeSize: UInt64(try row.int(0)), rootHash: try row.bytes(1), note: try row.text(2), issuedAt: try row.date(3))
    }

    public func evidence(of id: MessageID) async throws -> MessageEvidence? {
        try await autocommit { connection in
            try await connection.first(
                "SELECT \(unescaped: Self.recordColumns), payload, payload_salt, original FROM message WHERE id = \(id.description)", self.logger
            ).map(Self.evidence(from:))
        }
    }

    public func evidence(after sequence: Int64, limit: Int) async throws -> [MessageEvidence] {
        try await autocommit { connection in
            try await connection.all(
                """
                SELECT \(unescaped: Self.recordColumns), payload, payload_salt, original FROM message
                WHERE seq > \(sequence) ORDER BY seq LIMIT \(limit)
                """,
                self.logger
            ).map(Self.evidence(from:))
        }
    }

    /// Evidence from a row of `recordColumns` followed by payload, payload_salt and original.
    private static func evidence(from row: PostgresRandomAccessRow) throws -> MessageEvidence {
        let record = try MessageRecord(postgres: row)
        let width = recordColumnCount
        // NULL means purged; an empty payload is an empty bytea.
        return MessageEvidence(
            record: record, salt: try row.optionalBytes(width + 1), payload: try row.optionalBytes(width).map { .inline($0) },
            original: try row.optionalBytes(width + 2)
        )
    }
}
