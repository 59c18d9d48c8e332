import Crypto
import Foundation
import GRDB
import HandoverLedger
public import HandoverModel

extension SQLiteStore {
    /// Every column but the payload itself, so listings never read payload bytes.
    static let recordColumns = MessageColumns.record

    public func submit(_ message: NewMessage) async throws -> SubmitOutcome {
        let payloadDirectory = self.payloadDirectory
        let outcome = try await writer.write { db -> SubmitOutcome in
            try Self.submit(message, into: db, payloadDirectory: payloadDirectory)
        }
        if case .duplicate = outcome, case .file(let spool, _, _) = message.payload {
            try? FileManager.default.removeItem(at: spool)
        }
        return outcome
    }

    public func submit(batch messages: [NewMessage]) async throws -> [SubmitOutcome] {
        let payloadDirectory = self.payloadDirectory
        return try await writer.write { db -> [SubmitOutcome] in
            try messages.map { try Self.submit($0, into: db, payloadDirectory: payloadDirectory) }
        }
    }

    /// One submission inside the caller's transaction: the earlier message under the same
    /// idempotency key, a refusal of a replayed signature, or a new message with its leaf.
    private static func submit(_ message: NewMessage, into db: Database, payloadDirectory: URL) throws -> SubmitOutcome {
        if let key = message.idempotencyKey,
            let row = try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT \(Self.recordColumns), request_sha256 FROM message WHERE sender = ? AND idempotency_key = ?"),
                arguments: [message.envelope.sender.value, key]
            )
        {
            let digest: Data = row["request_sha256"]
            let existing = try MessageRecord(row: row)
            guard digest == Data(message.requestSHA256) else {
                throw StoreError(
                    .idempotencyMismatch,
                    "the key \"\(key)\" was already used for message \(existing.envelope.id) with a different body"
                )
            }
            guard let leaf = try Self.submittedLeaf(of: existing.envelope.id, db) else {
                throw StoreError(
                    .conflict,
                    "message \(existing.envelope.id) under the key \"\(key)\" was accepted before the log existed and has no receipt; send with a new key"
                )
            }
            return .duplicate(existing, leaf)
        }
        if let signature = message.signature,
            let earlier = try String.fetchOne(
                try db.cachedStatement(sql: "SELECT id FROM message WHERE sender = ? AND signature_sha256 = ?"),
                arguments: [message.envelope.sender.value, Data(SHA256.hash(data: Data(signature.utf8)))]
            )
        {
            throw StoreError(
                .replayedSignature,
                "this signature was already used for message \(earlier); sign each submission afresh"
            )
        }
        try Self.checkConsentInForce(message.envelope, db)
        let (record, leaf) = try Self.insert(message, into: db, payloadDirectory: payloadDirectory)
        if let change = message.consentChange { try Self.apply(change, of: record, db) }
        return .accepted(record, leaf)
    }

    static func insert(_ message: NewMessage, into db: Database, payloadDirectory: URL) throws -> (MessageRecord, LedgerLeaf) {
        let envelope = message.envelope
        var inline: Data?
        var file: String?
        var offset = 0
        let length: Int
        switch message.payload {
        case .inline(let bytes):
            inline = Data(bytes)
            length = bytes.count
        case .file(let spool, let start, let count):
            let name = envelope.id.description
            try PayloadFiles.adopt(spool, as: payloadDirectory.appendingPathComponent(name))
            file = name
            offset = start
            length = count
        }
        let subjectJSON = message.subjectJSON.map { Data($0) }
        try db.cachedStatement(
            sql: """
                INSERT INTO message (id, sender, recipient, kind, conversation_id, subject_json, subject_nhs_number,
                    purpose, sender_local_id, idempotency_key, request_sha256, created_at, expires_at, payload,
                    payload_file, payload_offset, payload_length, payload_sha256, payload_salt, payload_commitment,
                    signature, signature_sha256, dropped_fields, original, original_media_type, original_commitment,
                    lawful_basis, consent_id, minimised_fields)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            envelope.id.description, envelope.sender.value, envelope.recipient.value, envelope.kind.rawValue,
            envelope.conversationId?.description, subjectJSON, envelope.subject?.nhsNumber?.value,
            envelope.purpose?.rawValue, envelope.senderLocalId, message.idempotencyKey, Data(message.requestSHA256),
            envelope.createdAt.storedMilliseconds, message.expiresAt.storedMilliseconds, inline, file, offset, length,
            Data(message.payloadSHA256), Data(message.payloadSalt), Data(message.payloadCommitment), message.signature,
            message.signature.map { Data(SHA256.hash(data: Data($0.utf8))) },
            message.droppedFields.isEmpty ? nil : message.droppedFields.joined(separator: "\n"),
            message.original.map { Data($0.bytes) }, message.original?.mediaType, message.original.map { Data($0.commitment) },
            envelope.lawfulBasis?.description, envelope.lawfulBasis?.consentID?.value,
            message.minimisedFields.isEmpty ? nil : message.minimisedFields.joined(separator: "\n"),
        ])
        let record = MessageRecord(accepted: message, sequence: db.lastInsertedRowID, payloadLength: length)
        let leaf = try appendEvent(.submitted, of: record, actor: envelope.sender, at: envelope.createdAt, db)
        return (record, leaf)
    }

    public func inbox(of recipient: MailboxID, after cursor: Int64?, limit: Int, now: Date) async throws -> MessagePage {
        let fetched = try await database.read { db in
            try Row.fetchAll(
                try db.cachedStatement(sql: """
                    SELECT \(Self.recordColumns) FROM message
                    WHERE recipient = ? AND acknowledged_at IS NULL AND expired_at IS NULL AND withheld_at IS NULL AND seq > ?
                    ORDER BY seq LIMIT ?
                    """),
                arguments: [recipient.value, cursor ?? 0, limit + 1]
            ).map { try MessageRecord(row: $0) }
        }
        var records = Array(fetched.prefix(limit))
        let undelivered = records.indices.filter { records[$0].deliveredAt == nil }
        if !undelivered.isEmpty {
            let delivering = undelivered.map { records[$0] }
            try await writer.write { db in
                for record in delivering {
                    try db.cachedStatement(
                        sql: "UPDATE message SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL"
                    ).execute(arguments: [now.storedMilliseconds, record.envelope.id.description])
                    if db.changesCount > 0 { try Self.appendEvent(.delivered, of: record, actor: recipient, at: now, db) }
                }
            }
            for index in undelivered { records[index].deliveredAt = now }
        }
        return MessagePage(messages: records, next: fetched.count > limit ? records.last?.sequence : nil)
    }

    public func outbox(of sender: MailboxID, after cursor: Int64?, limit: Int) async throws -> MessagePage {
        let fetched = try await database.read { db in
            try Row.fetchAll(
                try db.cachedStatement(sql: "SELECT \(Self.recordColumns) FROM message WHERE sender = ? AND seq > ? ORDER BY seq LIMIT ?"),
                arguments: [sender.value, cursor ?? 0, limit + 1]
            ).map { try MessageRecord(row: $0) }
        }
        let records = Array(fetched.prefix(limit))
        return MessagePage(messages: records, next: fetched.count > limit ? records.last?.sequence : nil)
    }

    public func message(_ id: MessageID, visibleTo party: MailboxID) async throws -> MessageRecord? {
        try await database.read { db in
            try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT \(Self.recordColumns) FROM message WHERE id = ? AND (sender = ? OR recipient = ?)"),
                arguments: [id.description, party.value, party.value]
            ).map { try MessageRecord(row: $0) }
        }
    }

    public func original(of id: MessageID, visibleTo party: MailboxID) async throws -> (MessageRecord, OriginalBody?)? {
        let payloadDirectory = self.payloadDirectory
        let found = try await database.read { db -> (MessageRecord, Data?, PayloadLocation?)? in
            guard
                let row = try Row.fetchOne(
                    try db.cachedStatement(sql: """
                        SELECT \(Self.recordColumns), payload, payload_file, payload_offset, original FROM message
                        WHERE id = ? AND (sender = ? OR recipient = ?)
                        """),
                    arguments: [id.description, party.value, party.value]
                )
            else { return nil }
            let record = try MessageRecord(row: row)
            // Positions follow recordColumns (26 columns): payload, payload_file, payload_offset, original.
            let payload: PayloadLocation?
            if let file: String = row[27] {
                payload = .file(payloadDirectory.appendingPathComponent(file), offset: row[28], length: record.payloadLength)
            } else {
                payload = (row[26] as Data?).map { .inline([UInt8]($0)) }
            }
            return (record, row[29], payload)
        }
        guard let (record, original, payload) = found else { return nil }
        if let mediaType = record.originalMediaType, let commitment = record.originalCommitment {
            return (record, original.map { OriginalBody(bytes: [UInt8]($0), mediaType: mediaType, commitment: commitment) })
        }
        return (record, try payload.map { OriginalBody(bytes: try $0.bytes(), mediaType: "application/json", commitment: record.payloadCommitment) })
    }

    public func download(_ id: MessageID, by recipient: MailboxID, now: Date) async throws -> (MessageRecord, PayloadLocation) {
        let payloadDirectory = self.payloadDirectory
        return try await writer.write { db in try Self.download(id, by: recipient, now: now, payloadDirectory: payloadDirectory, db) }
    }

    /// Marks a message downloaded (the first time) and logs the download, inside the caller's transaction.
    static func download(
        _ id: MessageID, by recipient: MailboxID, now: Date, payloadDirectory: URL, _ db: Database
    ) throws -> (MessageRecord, PayloadLocation) {
        guard
            let row = try Row.fetchOne(
                try db.cachedStatement(sql: """
                    SELECT \(Self.recordColumns), payload, payload_file, payload_offset FROM message
                    WHERE id = ? AND recipient = ?
                    """),
                arguments: [id.description, recipient.value]
            )
        else { throw StoreError(.notFound, "no message \(id) in the inbox of \(recipient)") }
        var record = try MessageRecord(row: row)
        try record.requireDownloadable()
        let location: PayloadLocation
        // Positions follow recordColumns (26 columns): payload, payload_file, payload_offset.
        if let file: String = row[27] {
            location = .file(
                payloadDirectory.appendingPathComponent(file),
                offset: row[28],
                length: record.payloadLength
            )
        } else {
            let bytes: Data = row[26] ?? Data()
            location = .inline([UInt8](bytes))
        }
        if record.downloadedAt == nil {
            try db.cachedStatement(sql: "UPDATE message SET downloaded_at = ? WHERE id = ?")
                .execute(arguments: [now.storedMilliseconds, id.description])
            record.downloadedAt = now
        }
        try appendEvent(.downloaded, of: record, actor: recipient, at: now, db)
        return (record, location)
    }

    public func acknowledge(_ id: MessageID, by recipient: MailboxID, now: Date) async throws -> MessageRecord {
        try await writer.write { db in
            guard
                let row = try Row.fetchOne(
                    try db.cachedStatement(sql: "SELECT \(Self.recordColumns) FROM message WHERE id = ? AND recipient = ?"),
                    arguments: [id.description, recipient.value]
                )
            else { throw StoreError(.notFound, "no message \(id) in the inbox of \(recipient)") }
            var record = try MessageRecord(row: row)
            if record.acknowledgedAt != nil { return record }
            if let expiredAt = record.expiredAt {
                throw StoreError(.gone, "message \(id) expired unacknowledged at \(Timestamp.format(expiredAt))")
            }
            guard record.downloadedAt != nil else {
                throw StoreError(.conflict, "message \(id) has not been downloaded; download it before acknowledging")
            }
            try db.cachedStatement(sql: "UPDATE message SET acknowledged_at = ? WHERE id = ?")
                .execute(arguments: [now.storedMilliseconds, id.description])
            try Self.appendEvent(.acknowledged, of: record, actor: recipient, at: now, db)
            record.acknowledgedAt = now
            return record
        }
    }
}
