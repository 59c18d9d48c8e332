import Foundation
import HandoverModel
import PostgresNIO

extension MessageRecord {
    /// Reads a record from a row that starts with `MessageColumns.record`, by position, as
    /// `init(row:)` reads a SQLite row.
    init(postgres row: PostgresRandomAccessRow) throws {
        let id = try row.text(1)
        guard let kind = MessageKind(rawValue: try row.text(4)) else {
            throw StoreError(.storage, "message \(id) has an unknown kind")
        }
        let conversation = try row.optionalText(5)
        let basis = try row.optionalText(23)
        self.init(
            sequence: try row.int(0),
            envelope: MessageEnvelope(
                id: try MessageID(validating: id),
                sender: try MailboxID(validating: try row.text(2)),
                recipient: try MailboxID(validating: try row.text(3)),
                kind: kind,
                conversationId: try conversation.map { try MessageID(validating: $0) },
                subject: nil,
                purpose: try row.optionalText(7).flatMap(Purpose.init(rawValue:)),
                createdAt: try row.date(9),
                senderLocalId: try row.optionalText(8),
                lawfulBasis: basis.flatMap(LawfulBasis.init)
            ),
            subjectJSON: try row.optionalBytes(6),
            payloadLength: Int(try row.int(15)),
            payloadSHA256: try row.bytes(16),
            expiresAt: try row.date(10),
            deliveredAt: try row.optionalDate(11),
            downloadedAt: try row.optionalDate(12),
            acknowledgedAt: try row.optionalDate(13),
            expiredAt: try row.optionalDate(14),
            payloadPurged: try row.bool(17),
            payloadCommitment: try row.optionalBytes(18) ?? [],
            signature: try row.optionalText(19),
            droppedFields: try row.optionalText(20).map { $0.split(separator: "\n").map(String.init) } ?? [],
            originalCommitment: try row.optionalBytes(21),
            originalMediaType: try row.optionalText(22),
            withheldAt: try row.optionalDate(24),
            minimisedFields: try row.optionalText(25).map { $0.split(separator: "\n").map(String.init) } ?? []
        )
    }
}
