import Crypto
import Foundation
import HandoverLedger
public import HandoverModel
import PostgresNIO

extension PostgresStore {
    static let recordColumns = MessageColumns.record
    static let recordColumnCount = MessageColumns.recordCount

    public func submit(_ message: NewMessage) async throws -> SubmitOutcome {
        let outcome = try await ledgerTransaction { write in try await Self.submit(message, write) }
        Self.removeSpool(message.payload)
        return outcome
    }

    public func submit(batch messages: [NewMessage]) async throws -> [SubmitOutcome] {
        let outcomes = try await ledgerTransaction { write in
            var outcomes: [SubmitOutcome] = []
            for message in messages { outcomes.append(try await Self.submit(message, write)) }
            return outcomes
        }
        for message in messages { Self.removeSpool(message.payload) }
        return outcomes
    }

    /// Deletes a spool file once its bytes are committed in a row (or were not needed).
    static func removeSpool(_ payload: PayloadLocation?) {
        if case .file(let spool, _, _) = payload { try? FileManager.default.removeItem(at: spool) }
    }

    /// One submission inside the caller's transaction: the earlier message under the same
    /// idempotency key, a refusal of a replayed signature, or a new message with its leaf.
    private static func submit(_ message: NewMessage, _ write: PostgresLedgerWrite) async throws -> SubmitOutcome {
        if let duplicate = try await earlierSubmission(of: message, write) { return duplicate }
        if let signature = message.signature,
            let earlier = try await write.connection.first(
                """
                SELECT id FROM message WHERE sender = \(message.envelope.sender.value)
                    AND signature_sha256 = \(Data(SHA256.hash(data: Data(signature.utf8))))
                """,
                write.logger
            )
        {
            throw StoreError(
                .replayedSignature,
                "this signature was already used for message \(try earlier.text(0)); sign each submission afresh"
            )
        }
        try await checkConsentInForce(message.envelope, write)
        let (record, leaf) = try await insert(message, write)
        if let change = message.consentChange { try await apply(change, of: record, write) }
        return .accepted(record, leaf)
    }

    /// The message accepted before under `message`'s idempotency key, if any.
    static func earlierSubmission(of message: NewMessage, _ write: PostgresLedgerWrite) async throws -> SubmitOutcome? {
        guard let key = message.idempotencyKey,
            let row = try await write.connection.first(
                """
                SELECT \(unescaped: recordColumns), request_sha256 FROM message
                WHERE sender = \(message.envelope.sender.value) AND idempotency_key = \(key)
                """,
                write.logger
            )
        else { return nil }
        let existing = try MessageRecord(postgres: row)
        guard try row.bytes(recordColumnCount) == message.requestSHA256 else {
            throw StoreError(
                .idempotencyMismatch,
                "the key \"\(key)\" was already used for message \(existing.envelope.id) with a different body"
            )
        }
        guard let leaf = try await submittedLeaf(of: existing.envelope.id, write.connection, write.logger) else {
            throw StoreError(.conflict, "message \(existing.envelope.id) under the key \"\(key)\" has no receipt; send with a new key")
        }
        return .duplicate(existing, leaf)
    }

    /// Inserts a new message with its payload bytes in the row, and appends its `submitted` leaf.
    static func insert(_ message: NewMessage, _ write: PostgresLedgerWrite) async throws -> (MessageRecord, LedgerLeaf) {
        let envelope = message.envelope
        let payload = try message.payload.bytes()
        let signatureDigest = message.signature.map { Data(SHA256.hash(data: Data($0.utf8))) }
        let dropped = message.droppedFields.isEmpty ? nil : message.droppedFields.joined(separator: "\n")
        let minimised = message.minimisedFields.isEmpty ? nil : message.minimisedFields.joined(separator: "\n")
        var record = MessageRecord(accepted: message, sequence: 0, payloadLength: payload.count)
        // The message and its `submitted` leaf in one statement: one round trip fewer per submission.
        let event = try HandoverLedger.LogEvent.message(.submitted, of: record, actor: envelope.sender.value, at: envelope.createdAt)
        let leaf = LedgerLeaf(index: UInt64(write.nextIndex), event: event)
        guard
            let row = try await write.connection.first(
                """
                WITH inserted AS (
                INSERT INTO message (id, sender, recipient, kind, conversation_id, subject_json, subject_nhs_number,
                    purpose, sender_local_id, idempotency_key, request_sha256, created_at, expires_at, payload,
                    payload_length, payload_sha256, payload_salt, payload_commitment, signature, signature_sha256,
                    dropped_fields, original, original_media_type, original_commitment, lawful_basis, consent_id,
                    minimised_fields)
                VALUES (\(envelope.id.description), \(envelope.sender.value), \(envelope.recipient.value), \(envelope.kind.rawValue),
                    \(envelope.conversationId?.description), \(message.subjectJSON.map { Data($0) }), \(envelope.subject?.nhsNumber?.value),
                    \(envelope.purpose?.rawValue), \(envelope.senderLocalId), \(message.idempotencyKey), \(Data(message.requestSHA256)),
                    \(envelope.createdAt.storedMilliseconds), \(message.expiresAt.storedMilliseconds), \(Data(payload)),
                    \(Int64(payload.count)), \(Data(message.payloadSHA256)), \(Data(message.payloadSalt)), \(Data(message.payloadCommitment)),
                    \(message.signature), \(signatureDigest), \(dropped), \(message.original.map { Data($0.bytes) }),
                    \(message.original?.mediaType), \(message.original.map { Data($0.commitment) }), \(envelope.lawfulBasis?.description),
                    \(envelope.lawfulBasis?.consentID?.value), \(minimised))
                RETURNING seq
                ), leaf AS (
                INSERT INTO log_leaf (leaf_index, message_id, kind, leaf, leaf_hash)
                VALUES (\(write.nextIndex), \(envelope.id.description), \(event.kind.rawValue), \(Data(leaf.bytes)), \(Data(leaf.hash)))
                )
                SELECT seq FROM inserted
                """,
                write.logger
            )
        else { throw StoreError(.storage, "the insert of message \(envelope.id) returned no sequence number") }
        write.nextIndex += 1
        record.sequence = try row.int(0)
        return (record, leaf)
    }

    public func inbox(of recipient: MailboxID, after cursor: Int64?, limit: Int, now: Date) async throws -> MessagePage {
        let fetched = try await autocommit { connection in
            try await connection.all(
                """
                SELECT \(unescaped: Self.recordColumns) FROM message
                WHERE recipient = \(recipient.value) AND acknowledged_at IS NULL AND expired_at IS NULL AND withheld_at IS NULL
                    AND seq > \(cursor ?? 0)
                ORDER BY seq LIMIT \(limit + 1)
                """,
                self.logger
            ).map(MessageRecord.init(postgres:))
        }
        var records = Array(fetched.prefix(limit))
        let undelivered = records.indices.filter { records[$0].deliveredAt == nil }
        if !undelivered.isEmpty {
            let delivering = undelivered.map { records[$0] }
            try await ledgerTransaction { write in
                // Only the rows this transaction marks get a `delivered` leaf: when two nodes list
                // the same inbox at once, the second finds them marked and appends nothing.
                let marked = Set(
                    try await write.connection.all(
                        """
                        UPDATE message SET delivered_at = \(now.storedMilliseconds)
                        WHERE id = ANY(\(delivering.map(\.envelope.id.description))) AND delivered_at IS NULL
                        RETURNING id
                        """,
                        write.logger
                    ).map { try $0.text(0) }
                )
                let newlyDelivered = delivering.filter { marked.contains($0.envelope.id.description) }
                try await write.appendEvents(.delivered, of: newlyDelivered, actor: recipient.value, at: now)
            }
            for index in undelivered { records[index].deliveredAt = now }
        }
        return MessagePage(messages: records, next: fetched.count > limit ? records.last?.sequence : nil)
    }

    public func outbox(of sender: MailboxID, after cursor: Int64?, limit: Int) async throws -> MessagePage {
        let fetched = try await autocommit { connection in
            try await connection.all(
                """
                SELECT \(unescaped: Self.recordColumns) FROM message WHERE sender = \(sender.value) AND seq > \(cursor ?? 0)
                ORDER BY seq LIMIT \(limit + 1)
                """,
                self.logger
            ).map(MessageRecord.init(postgres:))
        }
        let records = Array(fetched.prefix(limit))
        return MessagePage(messages: records, next: fetched.count > limit ? records.last?.sequence : nil)
    }

    public func message(_ id: MessageID, visibleTo party: MailboxID) async throws -> MessageRecord? {
        try await autocommit { connection in
            try await connection.first(
                """
                SELECT \(unescaped: Self.recordColumns) FROM message
                WHERE id = \(id.description) AND (sender = \(party.value) OR recipient = \(party.value))
                """,
                self.logger
            ).map(MessageRecord.init(postgres:))
        }
    }

    public func original(of id: MessageID, visibleTo party: MailboxID) async throws -> (MessageRecord, OriginalBody?)? {
        let found = try await autocommit { connection -> (MessageRecord, [UInt8]?, [UInt8]?)? in
            guard
                let row = try await connection.first(
                    """
                    SELECT \(unescaped: Self.recordColumns), payload, original FROM message
                    WHERE id = \(id.description) AND (sender = \(party.value) OR recipient = \(party.value))
                    """,
                    self.logger
                )
            else { return nil }
            return (try MessageRecord(postgres: row), try row.optionalBytes(Self.recordColumnCount), try row.optionalBytes(Self.recordColumnCount + 1))
        }
        guard let (record, payload, original) = found else { return nil }
        if let mediaType = record.originalMediaType, let commitment = record.originalCommitment {
            return (record, original.map { OriginalBody(bytes: $0, mediaType: mediaType, commitment: commitment) })
        }
        return (record, payload.map { OriginalBody(bytes: $0, mediaType: "application/json", commitment: record.payloadCommitment) })
    }

    public func download(_ id: MessageID, by recipient: MailboxID, now: Date) async throws -> (MessageRecord, PayloadLocation) {
        try await ledgerTransaction { write in
            guard
                let row = try await write.connection.first(
                    """
                    SELECT \(unescaped: Self.recordColumns), payload FROM message
                    WHERE id = \(id.description) AND recipient = \(recipient.value)
                    """,
                    write.logger
                )
            else { throw StoreError(.notFound, "no message \(id) in the inbox of \(recipient)") }
            var record = try MessageRecord(postgres: row)
            try record.requireDownloadable()
            let location = PayloadLocation.inline(try row.optionalBytes(Self.recordColumnCount) ?? [])
            if record.downloadedAt == nil { record.downloadedAt = now }
            // A repeated download is logged again; the first download's time stays.
            let leaf = try write.reserveLeaf(.downloaded, of: record, actor: recipient.value, at: now)
            try await write.connection.run(
                """
                WITH marked AS (
                    UPDATE message SET downloaded_at = COALESCE(downloaded_at, \(now.storedMilliseconds)) WHERE id = \(id.description)
                )
                INSERT INTO log_leaf (leaf_index, message_id, kind, leaf, leaf_hash)
                VALUES (\(Int64(leaf.index)), \(id.description), 'downloaded', \(Data(leaf.bytes)), \(Data(leaf.hash)))
                """,
                write.logger
            )
            return (record, location)
        }
    }

    public func acknowledge(_ id: MessageID, by recipient: MailboxID, now: Date) async throws -> MessageRecord {
        try await ledgerTransaction { write in
            guard
                let row = try await write.connection.first(
                    "SELECT \(unescaped: Self.recordColumns) FROM message WHERE id = \(id.description) AND recipient = \(recipient.value)",
                    write.logger
                )
            else { throw StoreError(.notFound, "no message \(id) in the inbox of \(recipient)") }
            var record = try MessageRecord(postgres: row)
            if record.acknowledgedAt != nil { return record }
            if let expiredAt = record.expiredAt {
                throw StoreError(.gone, "message \(id) expired unacknowledged at \(Timestamp.format(expiredAt))")
            }
            guard record.downloadedAt != nil else {
                throw StoreError(.conflict, "message \(id) has not been downloaded; download it before acknowledging")
            }
            let leaf = try write.reserveLeaf(.acknowledged, of: record, actor: recipient.value, at: now)
            try await write.connection.run(
                """
                WITH marked AS (UPDATE message SET acknowledged_at = \(now.storedMilliseconds) WHERE id = \(id.description))
                INSERT INTO log_leaf (leaf_index, message_id, kind, leaf, leaf_hash)
                VALUES (\(Int64(leaf.index)), \(id.description), 'acknowledged', \(Data(leaf.bytes)), \(Data(leaf.hash)))
                """,
                write.logger
            )
            record.acknowledgedAt = now
            return record
        }
    }
}
