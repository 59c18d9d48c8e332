import Foundation
import HandoverLedger
import HandoverModel
import PostgresNIO

extension PostgresStore {
    /// Messages expired per transaction, so one sweep after a long outage never builds one huge transaction.
    static let expiryBatch = 500

    public func expire(now: Date, reportsExpireAt: Date) async throws -> [MessageRecord] {
        var expired: [MessageRecord] = []
        while true {
            let batch = try await expireBatch(now: now, reportsExpireAt: reportsExpireAt)
            expired += batch
            if batch.count < Self.expiryBatch { return expired }
        }
    }

    /// One batch. Every node sweeps; the log head lock makes the sweeps take turns, and the
    /// second finds the messages already expired.
    private func expireBatch(now: Date, reportsExpireAt: Date) async throws -> [MessageRecord] {
        try await ledgerTransaction { write in
            let rows = try await write.connection.all(
                """
                SELECT \(unescaped: Self.recordColumns) FROM message
                WHERE expires_at <= \(now.storedMilliseconds) AND acknowledged_at IS NULL AND expired_at IS NULL AND withheld_at IS NULL
                ORDER BY expires_at LIMIT \(Self.expiryBatch)
                """,
                write.logger
            )
            let gateway = try MailboxID(validating: NonDeliveryReport.gatewayMailbox)
            var expired: [MessageRecord] = []
            for row in rows {
                var record = try MessageRecord(postgres: row)
                let id = record.envelope.id.description
                try await write.connection.run(
                    """
                    UPDATE message SET expired_at = \(now.storedMilliseconds), payload = NULL, payload_purged = true,
                        payload_salt = NULL, original = NULL
                    WHERE id = \(id)
                    """,
                    write.logger
                )
                try await write.appendEvent(.expired, of: record, actor: gateway.value, at: now)
                try await write.connection.run("UPDATE mesh_message SET content = NULL WHERE message_id = \(id)", write.logger)
                record.expiredAt = now
                record.payloadPurged = true
                expired.append(record)
                // A report that itself expires unread is not reported again.
                guard record.envelope.kind != .nonDeliveryReport else { continue }
                let report = try NonDeliveryReport(expired: record, at: now)
                _ = try await Self.insert(report.message(from: gateway, expiresAt: reportsExpireAt), write)
            }
            return expired
        }
    }
}
