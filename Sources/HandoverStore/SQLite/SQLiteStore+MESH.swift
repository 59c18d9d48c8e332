import Foundation
import GRDB
public import HandoverModel

extension SQLiteStore {
    public func saveMESHMailbox(_ mailbox: MESHMailbox) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM mesh_mailbox WHERE partner = ? OR mesh_mailbox = ?", arguments: [mailbox.partner.value, mailbox.id])
            try db.execute(
                sql: "INSERT INTO mesh_mailbox (mesh_mailbox, partner, password) VALUES (?, ?, ?)",
                arguments: [mailbox.id, mailbox.partner.value, mailbox.password]
            )
        }
    }

    public func meshMailbox(_ id: String) async throws -> MESHMailbox? {
        try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT mesh_mailbox, partner, password FROM mesh_mailbox WHERE mesh_mailbox = ?", arguments: [id])
                .map(Self.meshMailbox(from:))
        }
    }

    public func meshMailboxes() async throws -> [MESHMailbox] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT mesh_mailbox, partner, password FROM mesh_mailbox ORDER BY mesh_mailbox")
                .map(Self.meshMailbox(from:))
        }
    }

    private static func meshMailbox(from row: Row) throws -> MESHMailbox {
        MESHMailbox(id: row[0], partner: try MailboxID(validating: row[1]), password: row[2])
    }

    public func saveMESHToken(_ token: MESHTokenUse) async throws {
        try await writer.write { db in try Self.insert(token, into: db) }
        tokens.record(token)
    }

    /// One gateway process owns an SQLite store, so its token table is every claim there is:
    /// the claim is taken there at once and its row is written with the request's own commit.
    public func claimMESHToken(_ token: MESHTokenUse, now: Date) async throws -> StagedWrite? {
        guard tokens.claim(token, now: now) else { return nil }
        return writer.stage { db in try Self.insert(token, into: db) }
    }

    private static func insert(_ token: MESHTokenUse, into db: Database) throws {
        try db.cachedStatement(
            sql: "INSERT OR REPLACE INTO mesh_token (mailbox, nonce, nonce_count, expires_at, retryable) VALUES (?, ?, ?, ?, ?)"
        ).execute(arguments: [token.mailbox, token.nonce, token.nonceCount, token.expiresAt.storedMilliseconds, token.retryable ? 1 : 0])
    }

    public func liveMESHTokens(now: Date) async throws -> [MESHTokenUse] {
        try await database.read { db in try Self.tokenUses(after: now, in: db) }
    }

    /// The token uses recorded with a window ending after `time`.
    static func tokenUses(after time: Date, in db: Database) throws -> [MESHTokenUse] {
        try Row.fetchAll(
            db, sql: "SELECT mailbox, nonce, nonce_count, expires_at, retryable FROM mesh_token WHERE expires_at > ?",
            arguments: [time.storedMilliseconds]
        ).map { row in
            let retryable: Int64 = row[4]
            return MESHTokenUse(
                mailbox: row[0], nonce: row[1], nonceCount: row[2], expiresAt: Date(storedMilliseconds: row[3]), retryable: retryable != 0
            )
        }
    }

    public func pruneMESHTokens(now: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM mesh_token WHERE expires_at <= ?", arguments: [now.storedMilliseconds])
        }
        tokens.prune(now: now)
    }

    public func submitMESH(_ message: NewMessage, metadata: MESHMetadata) async throws -> SubmitOutcome {
        let payloadDirectory = self.payloadDirectory
        let outcome = try await writer.write { db -> SubmitOutcome in
            if let duplicate = try Self.earlierSubmission(of: message, db) { return duplicate }
            let (record, leaf) = try Self.insert(message, into: db, payloadDirectory: payloadDirectory)
            try Self.insertMESH(metadata, for: record.envelope.id, db, payloadDirectory: payloadDirectory)
            return .accepted(record, leaf)
        }
        if case .duplicate = outcome {
            if case .file(let spool, _, _) = metadata.content { try? FileManager.default.removeItem(at: spool) }
            if case .file(let spool, _, _) = message.payload { try? FileManager.default.removeItem(at: spool) }
        }
        return outcome
    }

    /// The message accepted before under `message`'s idempotency key, if any.
    static func earlierSubmission(of message: NewMessage, _ db: Database) throws -> SubmitOutcome? {
        guard let key = message.idempotencyKey,
            let row = try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT \(recordColumns), request_sha256 FROM message WHERE sender = ? AND idempotency_key = ?"),
                arguments: [message.envelope.sender.value, key]
            )
        else { return nil }
        let digest: Data = row["request_sha256"]
        let existing = try MessageRecord(row: row)
        guard digest == Data(message.requestSHA256) else {
            throw StoreError(.idempotencyMismatch, "the key \"\(key)\" was already used for message \(existing.envelope.id) with a different body")
        }
        guard let leaf = try submittedLeaf(of: existing.envelope.id, db) else {
            throw StoreError(.conflict, "message \(existing.envelope.id) has no receipt; send with a new local id")
        }
        return .duplicate(existing, leaf)
    }

    /// Inserts the MESH metadata of a message just inserted, adopting a content spool file.
    static func insertMESH(_ metadata: MESHMetadata, for id: MessageID, _ db: Database, payloadDirectory: URL) throws {
        var inline: Data?
        var file: String?
        var length = 0
        switch metadata.content {
        case .inline(let bytes)?:
            inline = Data(bytes)
            length = bytes.count
        case .file(let spool, _, let count)?:
            let name = "\(id.description).mesh"
            try PayloadFiles.adopt(spool, as: payloadDirectory.appendingPathComponent(name))
            file = name
            length = count
        case nil:
            break
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO mesh_message (message_id, \(meshColumns), content, content_file, content_length)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            id.description, metadata.workflowID, metadata.sender, metadata.recipient, metadata.localID, metadata.subject,
            metadata.fileName, metadata.contentType, metadata.checksum, metadata.compressed, metadata.encrypted,
            metadata.partnerID, metadata.contentEncoding,
            metadata.chunkLengths.isEmpty ? nil : metadata.chunkLengths.map(String.init).joined(separator: ","),
            inline, file, length,
        ])
    }

    /// The metadata columns of `mesh_message`, in the order `meshMetadata(row:content:)` reads them.
    static let meshColumns = MessageColumns.mesh

    /// Metadata from a row that starts with `meshColumns`.
    static func meshMetadata(row: Row, content: PayloadLocation?) -> MESHMetadata {
        let lengths: String? = row[12]
        return MESHMetadata(
            workflowID: row[0], sender: row[1], recipient: row[2], localID: row[3], subject: row[4], fileName: row[5],
            contentType: row[6], checksum: row[7], compressed: row[8], encrypted: row[9], partnerID: row[10],
            contentEncoding: row[11], chunkLengths: lengths.map { $0.split(separator: ",").compactMap { Int($0) } } ?? [],
            content: content
        )
    }

    /// Deletes a document's content with its expired message; returns the file to remove after commit.
    static func purgeMESHContent(_ id: MessageID, payloadDirectory: URL, _ db: Database) throws -> URL? {
        let file = try String.fetchOne(db, sql: "SELECT content_file FROM mesh_message WHERE message_id = ?", arguments: [id.description])
        try db.execute(sql: "UPDATE mesh_message SET content = NULL, content_file = NULL WHERE message_id = ?", arguments: [id.description])
        return file.map { payloadDirectory.appendingPathComponent($0) }
    }

    public func saveMESHMetadata(_ metadata: MESHMetadata, for id: MessageID) async throws {
        let payloadDirectory = self.payloadDirectory
        try await writer.write { db in
            try Self.insertMESH(metadata, for: id, db, payloadDirectory: payloadDirectory)
        }
    }

    public func meshMetadata(_ id: MessageID) async throws -> MESHMetadata? {
        let payloadDirectory = self.payloadDirectory
        return try await database.read { db in try Self.meshMetadata(id, payloadDirectory: payloadDirectory, db) }
    }

    /// A download of the message with its MESH metadata, read in the download's own transaction:
    /// one round trip to the writer instead of a second one to a reader.
    public func downloadMESH(_ id: MessageID, by recipient: MailboxID, now: Date) async throws -> (MessageRecord, PayloadLocation, MESHMetadata?) {
        let payloadDirectory = self.payloadDirectory
        return try await writer.write { db in
            let (record, location) = try Self.download(id, by: recipient, now: now, payloadDirectory: payloadDirectory, db)
            return (record, location, try Self.meshMetadata(id, payloadDirectory: payloadDirectory, db))
        }
    }

    /// The MESH metadata of a message, with its stored content, if it has any.
    static func meshMetadata(_ id: MessageID, payloadDirectory: URL, _ db: Database) throws -> MESHMetadata? {
        guard
            let row = try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT \(meshColumns), content, content_file, content_length FROM mesh_message WHERE message_id = ?"),
                arguments: [id.description]
            )
        else { return nil }
        var content: PayloadLocation?
        if let file: String = row[14] {
            content = .file(payloadDirectory.appendingPathComponent(file), offset: 0, length: row[15])
        } else if let bytes: Data = row[13] {
            content = .inline([UInt8](bytes))
        }
        return meshMetadata(row: row, content: content)
    }

    public func meshMetadata(_ ids: [MessageID]) async throws -> [MessageID: MESHMetadata] {
        try await database.read { db in
            var found: [MessageID: MESHMetadata] = [:]
            for start in stride(from: 0, to: ids.count, by: 500) {
                let slice = ids[start..<min(ids.count, start + 500)]
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                let rows = try Row.fetchAll(
                    db, sql: "SELECT \(Self.meshColumns), message_id FROM mesh_message WHERE message_id IN (\(marks))",
                    arguments: StatementArguments(slice.map(\.description))
                )
                for row in rows {
                    found[try MessageID(validating: row[13])] = Self.meshMetadata(row: row, content: nil)
                }
            }
            return found
        }
    }

    public func inboxCount(of recipient: MailboxID) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(
                try db.cachedStatement(sql: "SELECT COUNT(*) FROM message WHERE recipient = ? AND acknowledged_at IS NULL AND expired_at IS NULL"),
                arguments: [recipient.value]
            ) ?? 0
        }
    }
}
