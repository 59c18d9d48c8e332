import Foundation
import Logging
public import HandoverModel
import PostgresNIO

/// Chunked MESH uploads: each chunk's bytes are a row, so any node can take the next chunk and
/// an upload survives a restart; the message exists only once the last chunk has arrived.
extension PostgresStore {
    public func beginMESHUpload(_ upload: MESHUpload, firstChunk: URL, length: Int) async throws {
        let logger = self.logger
        let bytes = try PayloadLocation.file(firstChunk, offset: 0, length: length).bytes()
        try await transaction { connection in
            try await connection.run(
                """
                INSERT INTO mesh_upload (message_id, sender, metadata, total_chunks, received_chunks, created_at)
                VALUES (\(upload.id.description), \(upload.sender.value), \(try StoredMESHMetadata.encode(upload.metadata)),
                    \(Int64(upload.totalChunks)), 1, \(upload.createdAt.storedMilliseconds))
                """,
                logger
            )
            try await Self.storeChunk(upload.id, number: 1, bytes: bytes, connection, logger)
        }
        try? FileManager.default.removeItem(at: firstChunk)
    }

    private static func storeChunk(_ id: MessageID, number: Int, bytes: [UInt8], _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.run(
            """
            INSERT INTO mesh_chunk (message_id, chunk, content) VALUES (\(id.description), \(Int64(number)), \(Data(bytes)))
            ON CONFLICT (message_id, chunk) DO UPDATE SET content = excluded.content
            """,
            logger
        )
    }

    public func meshUpload(_ id: MessageID) async throws -> MESHUpload? {
        try await autocommit { connection in try await Self.upload(id, lock: false, connection, self.logger) }
    }

    private static func upload(_ id: MessageID, lock: Bool, _ connection: PostgresConnection, _ logger: Logger) async throws -> MESHUpload? {
        guard let row = try await connection.first(
            """
            SELECT sender, metadata, total_chunks, received_chunks, created_at, completed_at, accepted_id FROM mesh_upload
            WHERE message_id = \(id.description) \(unescaped: lock ? "FOR UPDATE" : "")
            """,
            logger
        ) else { return nil }
        return MESHUpload(
            id: id, sender: try MailboxID(validating: try row.text(0)), metadata: try StoredMESHMetadata.decode(try row.text(1), content: nil),
            totalChunks: Int(try row.int(2)), receivedChunks: Int(try row.int(3)), createdAt: try row.date(4),
            completedAt: try row.optionalDate(5), acceptedID: try row.optionalText(6).map { try MessageID(validating: $0) }
        )
    }

    public func addMESHChunk(_ id: MessageID, of sender: MailboxID, number: Int, file: URL, length: Int) async throws -> MESHUpload {
        let logger = self.logger
        defer { try? FileManager.default.removeItem(at: file) }
        let bytes = try PayloadLocation.file(file, offset: 0, length: length).bytes()
        return try await transaction { connection in
            // The upload row is locked so two nodes taking chunks of one upload take turns.
            guard var upload = try await Self.upload(id, lock: true, connection, logger), upload.sender == sender else {
                throw StoreError(.notFound, "no upload \(id) by \(sender)")
            }
            guard upload.completedAt == nil else { throw StoreError(.conflict, "upload \(id) is already complete") }
            guard number <= upload.receivedChunks + 1 else {
                throw StoreError(.conflict, "chunk \(number) of \(id) arrived before chunk \(upload.receivedChunks + 1)")
            }
            try await Self.storeChunk(id, number: number, bytes: bytes, connection, logger)
            upload.receivedChunks = max(upload.receivedChunks, number)
            try await connection.run(
                "UPDATE mesh_upload SET received_chunks = \(Int64(upload.receivedChunks)) WHERE message_id = \(id.description)", logger
            )
            return upload
        }
    }

    public func meshChunks(_ id: MessageID) async throws -> [PayloadLocation] {
        try await autocommit { connection in
            try await connection.all("SELECT content FROM mesh_chunk WHERE message_id = \(id.description) ORDER BY chunk", self.logger)
                .map { .inline(try $0.bytes(0)) }
        }
    }

    public func completeMESHUpload(_ id: MessageID, message: NewMessage, metadata: MESHMetadata) async throws -> SubmitOutcome {
        let outcome = try await ledgerTransaction { write -> SubmitOutcome in
            let (record, leaf) = try await Self.insert(message, write)
            try await Self.insertMESH(metadata, for: record.envelope.id, write.connection, write.logger)
            try await write.connection.run(
                "UPDATE mesh_upload SET completed_at = \(message.envelope.createdAt.storedMilliseconds) WHERE message_id = \(id.description)",
                write.logger
            )
            try await write.connection.run("DELETE FROM mesh_chunk WHERE message_id = \(id.description)", write.logger)
            return .accepted(record, leaf)
        }
        Self.removeSpool(metadata.content)
        Self.removeSpool(message.payload)
        return outcome
    }

    public func finishMESHUpload(_ id: MessageID, accepted: MessageID, at time: Date) async throws {
        let logger = self.logger
        try await transaction { connection in
            try await connection.run(
                """
                UPDATE mesh_upload SET completed_at = \(time.storedMilliseconds), accepted_id = \(accepted.description)
                WHERE message_id = \(id.description)
                """,
                logger
            )
            try await connection.run("DELETE FROM mesh_chunk WHERE message_id = \(id.description)", logger)
        }
    }

    public func discardMESHUpload(_ id: MessageID) async throws {
        let logger = self.logger
        try await transaction { connection in
            try await connection.run("DELETE FROM mesh_chunk WHERE message_id = \(id.description)", logger)
            try await connection.run("DELETE FROM mesh_upload WHERE message_id = \(id.description)", logger)
        }
    }
}
