import Foundation
import GRDB
import HandoverLedger
import HandoverModel

extension SQLiteStore {
    /// Messages expired per group, so one sweep after a long outage never builds one huge transaction.
    static let expiryBatch = 500

    public func expire(now: Date, reportsExpireAt: Date) async throws -> [MessageRecord] {
        var expired: [MessageRecord] = []
        while true {
            let (batch, files) = try await expireBatch(now: now, reportsExpireAt: reportsExpireAt)
            for file in files { try? FileManager.default.removeItem(at: file) }
            expired += batch
            if batch.count < Self.expiryBatch { return expired }
        }
    }

    private func expireBatch(now: Date, reportsExpireAt: Date) async throws -> ([MessageRecord], [URL]) {
        let payloadDirectory = self.payloadDirectory
        return try await writer.write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.recordColumns), payload_file FROM message
                    WHERE expires_at <= ? AND acknowledged_at IS NULL AND expired_at IS NULL AND withheld_at IS NULL
                    ORDER BY expires_at LIMIT ?
                    """,
                arguments: [now.storedMilliseconds, Self.expiryBatch]
            )
            let gateway = try MailboxID(validating: NonDeliveryReport.gatewayMailbox)
            var expired: [MessageRecord] = []
            var files: [URL] = []
            for row in rows {
                var record = try MessageRecord(row: row)
                let id = record.envelope.id
                try db.execute(
                    sql: """
                        UPDATE message SET expired_at = ?, payload = NULL, payload_file = NULL, payload_purged = 1,
                            payload_salt = NULL, original = NULL
                        WHERE id = ?
                        """,
                    arguments: [now.storedMilliseconds, id.description]
                )
                try Self.appendEvent(.expired, of: record, actor: gateway, at: now, db)
                if let file: String = row["payload_file"] { files.append(payloadDirectory.appendingPathComponent(file)) }
                if let content = try Self.purgeMESHContent(id, payloadDirectory: payloadDirectory, db) { files.append(content) }
                record.expiredAt = now
                record.payloadPurged = true
                expired.append(record)
                // A report that itself expires unread is not reported again.
                guard record.envelope.kind != .nonDeliveryReport else { continue }
                let report = try NonDeliveryReport(expired: record, at: now)
                _ = try Self.insert(report.message(from: gateway, expiresAt: reportsExpireAt), into: db, payloadDirectory: payloadDirectory)
            }
            return (expired, files)
        }
    }
}
