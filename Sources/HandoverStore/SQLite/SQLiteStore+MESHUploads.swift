import Foundation
import GRDB
public import HandoverModel

/// Chunked MESH uploads: each chunk is a synced file under `mesh-chunks/` with a row, so an
/// upload survives a restart; the message exists only once the last chunk has arrived.
extension SQLiteStore {
    var chunkDirectory: URL { payloadDirectory.deletingLastPathComponent().appendingPathComponent("mesh-chunks", isDirectory: true) }

    public func beginMESHUpload(_ upload: MESHUpload, firstChunk: URL, length: Int) async throws {
        let directory = chunkDirectory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO mesh_upload (message_id, sender, metadata, total_chunks, received_chunks, created_at)
                    VALUES (?, ?, ?, ?, 1, ?)
                    """,
                arguments: [
                    upload.id.description, upload.sender.value, try StoredMESHMetadata.encode(upload.metadata), upload.totalChunks,
                    upload.createdAt.storedMilliseconds,
                ]
            )
            try Self.storeChunk(upload.id, number: 1, file: firstChunk, length: length, directory: directory, db)
        }
    }

    private static func storeChunk(_ id: MessageID, number: Int, file: URL, length: Int, directory: URL, _ db: Database) throws {
        let name = "\(id.description)-\(number)"
        try PayloadFiles.adopt(file, as: directory.appendingPathComponent(name))
        try db.execute(
            sql: "INSERT OR REPLACE INTO mesh_chunk (message_id, chunk, file, length) VALUES (?, ?, ?, ?)",
            arguments: [id.description, number, name, length]
        )
    }

    public func meshUpload(_ id: MessageID) async throws -> MESHUpload? {
        try await database.read { db in try Self.upload(id, db) }
    }

    private static func upload(_ id: MessageID, _ db: Database) throws -> MESHUpload? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT sender, metadata, total_chunks, received_chunks, created_at, completed_at, accepted_id FROM mesh_upload WHERE message_id = ?",
                arguments: [id.description]
            )
        else { return nil }
        let completed: Int64? = row[5]
        let accepted: String? = row[6]
        return MESHUpload(
            id: id, sender: try MailboxID(validating: row[0]), metadata: try StoredMESHMetadata.decode(row[1], content: nil),
            totalChunks: row[2], receivedChunks: row[3], createdAt: Date(storedMilliseconds: row[4]),
            completedAt: completed.map(Date.init(storedMilliseconds:)),
            acceptedID: try accepted.map { try MessageID(validating: $0) }
        )
    }

    public func addMESHChunk(_ id: MessageID, of sender: MailboxID, number: Int, file: URL, length: Int) async throws -> MESHUpload {
        let directory = chunkDirectory
        do {
            return try await writer.write { db in
                guard var upload = try Self.upload(id, db), upload.sender == sender else {
                    throw StoreError(.notFound, "no upload \(id) by \(sender)")
                }
                guard upload.completedAt == nil else { throw StoreError(.conflict, "upload \(id) is already complete") }
                guard number <= upload.receivedChunks + 1 else {
                    throw StoreError(.conflict, "chunk \(number) of \(id) arrived before chunk \(upload.receivedChunks + 1)")
                }
                try Self.storeChunk(id, number: number, file: file, length: length, directory: directory, db)
                upload.receivedChunks = max(upload.receivedChunks, number)
                try db.execute(
                    sql: "UPDATE mesh_upload SET received_chunks = ? WHERE message_id = ?",
                    arguments: [upload.receivedChunks, id.description]
                )
                return upload
            }
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw error
        }
    }

    public func meshChunks(_ id: MessageID) async throws -> [PayloadLocation] {
        try await chunkFiles(id).map { .file($0.url, offset: 0, length: $0.length) }
    }

    private func chunkFiles(_ id: MessageID) async throws -> [(url: URL, length: Int)] {
        let directory = chunkDirectory
        return try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT file, length FROM mesh_chunk WHERE message_id = ? ORDER BY chunk", arguments: [id.description])
                .map { row in (directory.appendingPathComponent(row[0] as String), row[1] as Int) }
        }
    }

    public func completeMESHUpload(_ id: MessageID, message: NewMessage, metadata: MESHMetadata) async throws -> SubmitOutcome {
        let payloadDirectory = self.payloadDirectory
        let chunks = try await chunkFiles(id)
        let outcome = try await writer.write { db -> SubmitOutcome in
            let (record, leaf) = try Self.insert(message, into: db, payloadDirectory: payloadDirectory)
            try Self.insertMESH(metadata, for: record.envelope.id, db, payloadDirectory: payloadDirectory)
            try db.execute(
                sql: "UPDATE mesh_upload SET completed_at = ? WHERE message_id = ?",
                arguments: [message.envelope.createdAt.storedMilliseconds, id.description]
            )
            try db.execute(sql: "DELETE FROM mesh_chunk WHERE message_id = ?", arguments: [id.description])
            return .accepted(record, leaf)
        }
        for chunk in chunks { try? FileManager.default.removeItem(at: chunk.url) }
        return outcome
    }

    public func finishMESHUpload(_ id: MessageID, accepted: MessageID, at time: Date) async throws {
        let chunks = try await chunkFiles(id)
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE mesh_upload SET completed_at = ?, accepted_id = ? WHERE message_id = ?",
                arguments: [time.storedMilliseconds, accepted.description, id.description]
            )
            try db.execute(sql: "DELETE FROM mesh_chunk WHERE message_id = ?", arguments: [id.description])
        }
        for chunk in chunks { try? FileManager.default.removeItem(at: chunk.url) }
    }

    public func discardMESHUpload(_ id: MessageID) async throws {
        let chunks = try await chunkFiles(id)
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM mesh_chunk WHERE message_id = ?", arguments: [id.description])
            try db.execute(sql: "DELETE FROM mesh_upload WHERE message_id = ?", arguments: [id.description])
        }
        for chunk in chunks { try? FileManager.default.removeItem(at: chunk.url) }
    }
}
