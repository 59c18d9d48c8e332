import Foundation
import Logging
public import HandoverModel
import PostgresNIO

extension PostgresStore {
    public func saveMESHMailbox(_ mailbox: MESHMailbox) async throws {
        let logger = self.logger
        try await transaction { connection in
            // Nodes registering the configured mailboxes at once take turns on the partner's row.
            try await connection.run("SELECT 1 FROM partner WHERE mailbox = \(mailbox.partner.value) FOR UPDATE", logger)
            try await connection.run(
                "DELETE FROM mesh_mailbox WHERE partner = \(mailbox.partner.value) OR mesh_mailbox = \(mailbox.id)", logger
            )
            try await connection.run(
                "INSERT INTO mesh_mailbox (mesh_mailbox, partner, password) VALUES (\(mailbox.id), \(mailbox.partner.value), \(mailbox.password))",
                logger
            )
        }
    }

    public func meshMailbox(_ id: String) async throws -> MESHMailbox? {
        try await autocommit { connection in
            try await connection.first("SELECT mesh_mailbox, partner, password FROM mesh_mailbox WHERE mesh_mailbox = \(id)", self.logger)
                .map(Self.meshMailbox(from:))
        }
    }

    public func meshMailboxes() async throws -> [MESHMailbox] {
        try await autocommit { connection in
            try await connection.all("SELECT mesh_mailbox, partner, password FROM mesh_mailbox ORDER BY mesh_mailbox", self.logger)
                .map(Self.meshMailbox(from:))
        }
    }

    private static func meshMailbox(from row: PostgresRandomAccessRow) throws -> MESHMailbox {
        MESHMailbox(id: try row.text(0), partner: try MailboxID(validating: try row.text(1)), password: try row.text(2))
    }

    /// The claim is one statement, committed before this returns: several nodes share the
    /// database, so no node's memory can stand for the others'.
    public func claimMESHToken(_ token: MESHTokenUse, now: Date) async throws -> StagedWrite? {
        let claimed = try await autocommit { connection in
            // The conflict arm takes the row lock and re-checks, so of two nodes claiming one
            // token at once exactly one gets a row back.
            try await connection.first(
                """
                INSERT INTO mesh_token (mailbox, nonce, nonce_count, expires_at, retryable)
                VALUES (\(token.mailbox), \(token.nonce), \(token.nonceCount), \(token.expiresAt.storedMilliseconds), \(token.retryable))
                ON CONFLICT (mailbox, nonce, nonce_count) DO UPDATE SET expires_at = excluded.expires_at, retryable = excluded.retryable
                    WHERE mesh_token.retryable OR mesh_token.expires_at <= \(now.storedMilliseconds)
                RETURNING 1
                """,
                self.logger
            ) != nil
        }
        return claimed ? .committed : nil
    }

    public func saveMESHToken(_ token: MESHTokenUse) async throws {
        try await autocommit { connection in
            try await connection.run(
                """
                INSERT INTO mesh_token (mailbox, nonce, nonce_count, expires_at, retryable)
                VALUES (\(token.mailbox), \(token.nonce), \(token.nonceCount), \(token.expiresAt.storedMilliseconds), \(token.retryable))
                ON CONFLICT (mailbox, nonce, nonce_count) DO UPDATE SET expires_at = excluded.expires_at, retryable = excluded.retryable
                """,
                self.logger
            )
        }
    }

    public func liveMESHTokens(now: Date) async throws -> [MESHTokenUse] {
        try await autocommit { connection in
            try await connection.all(
                "SELECT mailbox, nonce, nonce_count, expires_at, retryable FROM mesh_token WHERE expires_at > \(now.storedMilliseconds)",
                self.logger
            ).map { row in
                MESHTokenUse(
                    mailbox: try row.text(0), nonce: try row.text(1), nonceCount: try row.text(2), expiresAt: try row.date(3),
                    retryable: try row.bool(4)
                )
            }
        }
    }

    public func pruneMESHTokens(now: Date) async throws {
        try await autocommit { connection in
            try await connection.run("DELETE FROM mesh_token WHERE expires_at <= \(now.storedMilliseconds)", self.logger)
        }
    }

    public func submitMESH(_ message: NewMessage, metadata: MESHMetadata) async throws -> SubmitOutcome {
        let outcome = try await ledgerTransaction { write -> SubmitOutcome in
            if let duplicate = try await Self.earlierSubmission(of: message, write) { return duplicate }
            let (record, leaf) = try await Self.insert(message, write)
            try await Self.insertMESH(metadata, for: record.envelope.id, write.connection, write.logger)
            return .accepted(record, leaf)
        }
        Self.removeSpool(metadata.content)
        Self.removeSpool(message.payload)
        return outcome
    }

    /// Inserts the MESH metadata of a message, with a document's bytes in the row.
    static func insertMESH(_ metadata: MESHMetadata, for id: MessageID, _ connection: PostgresConnection, _ logger: Logger) async throws {
        let content = try metadata.content.map { Data(try $0.bytes()) }
        let lengths = metadata.chunkLengths.isEmpty ? nil : metadata.chunkLengths.map(String.init).joined(separator: ",")
        try await connection.run(
            """
            INSERT INTO mesh_message (message_id, \(unescaped: meshColumns), content)
            VALUES (\(id.description), \(metadata.workflowID), \(metadata.sender), \(metadata.recipient), \(metadata.localID),
                \(metadata.subject), \(metadata.fileName), \(metadata.contentType), \(metadata.checksum), \(metadata.compressed),
                \(metadata.encrypted), \(metadata.partnerID), \(metadata.contentEncoding), \(lengths), \(content))
            """,
            logger
        )
    }

    /// The metadata columns of `mesh_message`, in the order `meshMetadata(row:content:)` reads them.
    static let meshColumns = MessageColumns.mesh

    /// Metadata from a row that starts with `meshColumns`.
    static func meshMetadata(row: PostgresRandomAccessRow, content: PayloadLocation?) throws -> MESHMetadata {
        MESHMetadata(
            workflowID: try row.text(0), sender: try row.text(1), recipient: try row.text(2), localID: try row.optionalText(3),
            subject: try row.optionalText(4), fileName: try row.optionalText(5), contentType: try row.optionalText(6),
            checksum: try row.optionalText(7), compressed: try row.optionalText(8), encrypted: try row.optionalText(9),
            partnerID: try row.optionalText(10), contentEncoding: try row.optionalText(11),
            chunkLengths: try row.optionalText(12).map { $0.split(separator: ",").compactMap { Int($0) } } ?? [],
            content: content
        )
    }

    public func saveMESHMetadata(_ metadata: MESHMetadata, for id: MessageID) async throws {
        let logger = self.logger
        try await transaction { connection in try await Self.insertMESH(metadata, for: id, connection, logger) }
        Self.removeSpool(metadata.content)
    }

    public func meshMetadata(_ id: MessageID) async throws -> MESHMetadata? {
        try await autocommit { connection in
            guard let row = try await connection.first(
                "SELECT \(unescaped: Self.meshColumns), content FROM mesh_message WHERE message_id = \(id.description)", self.logger
            ) else { return nil }
            return try Self.meshMetadata(row: row, content: try row.optionalBytes(13).map { .inline($0) })
        }
    }

    public func meshMetadata(_ ids: [MessageID]) async throws -> [MessageID: MESHMetadata] {
        try await autocommit { connection in
            var found: [MessageID: MESHMetadata] = [:]
            let rows = try await connection.all(
                "SELECT \(unescaped: Self.meshColumns), message_id FROM mesh_message WHERE message_id = ANY(\(ids.map(\.description)))",
                self.logger
            )
            for row in rows { found[try MessageID(validating: try row.text(13))] = try Self.meshMetadata(row: row, content: nil) }
            return found
        }
    }

    public func inboxCount(of recipient: MailboxID) async throws -> Int {
        try await autocommit { connection in
            Int(
                try await connection.first(
                    "SELECT COUNT(*) FROM message WHERE recipient = \(recipient.value) AND acknowledged_at IS NULL AND expired_at IS NULL",
                    self.logger
                )?.int(0) ?? 0
            )
        }
    }
}
