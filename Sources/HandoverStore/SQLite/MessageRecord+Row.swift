import Foundation
import GRDB
import HandoverModel

extension MessageRecord {
    /// Reads a record from a row holding `SQLiteStore.recordColumns`.
    init(row: Row) throws {
        guard let kind = MessageKind(rawValue: row["kind"]) else {
            throw StoreError(.storage, "message \(String(describing: row["id"])) has an unknown kind")
        }
        let subjectData: Data? = row["subject_json"]
        let subjectJSON = subjectData.map { [UInt8]($0) }
        let subject = try subjectData.map { try JSONDecoder().decode(Person.self, from: $0) }
        let conversation: String? = row["conversation_id"]
        let purpose: String? = row["purpose"]
        let digest: Data = row["payload_sha256"]
        self.init(
            sequence: row["seq"],
            envelope: MessageEnvelope(
                id: try MessageID(validating: row["id"]),
                sender: try MailboxID(validating: row["sender"]),
                recipient: try MailboxID(validating: row["recipient"]),
                kind: kind,
                conversationId: try conversation.map { try MessageID(validating: $0) },
                subject: subject,
                purpose: purpose.flatMap(Purpose.init(rawValue:)),
                createdAt: Date(storedMilliseconds: row["created_at"]),
                senderLocalId: row["sender_local_id"]
            ),
            subjectJSON: subjectJSON,
            payloadLength: row["payload_length"],
            payloadSHA256: [UInt8](digest),
            expiresAt: Date(storedMilliseconds: row["expires_at"]),
            deliveredAt: Self.date(row["delivered_at"]),
            downloadedAt: Self.date(row["downloaded_at"]),
            acknowledgedAt: Self.date(row["acknowledged_at"]),
            expiredAt: Self.date(row["expired_at"]),
            payloadPurged: row["payload_purged"] as Int64 != 0
        )
    }

    private static func date(_ milliseconds: Int64?) -> Date? {
        milliseconds.map(Date.init(storedMilliseconds:))
    }
}
