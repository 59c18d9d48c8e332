import Foundation
import GRDB
import HandoverModel

extension MessageRecord {
    /// Reads a record from a row that starts with `SQLiteStore.recordColumns`.
    ///
    /// Columns are read by position: look-up by name lower-cases the name on every access, which
    /// profiles showed on inbox pages of hundreds of rows. The subject stays as its canonical JSON
    /// (`subjectJSON`) and is decoded only when asked for (`subject`).
    init(row: Row) throws {
        let id: String = row[1]
        guard let kind = MessageKind(rawValue: row[4]) else {
            throw StoreError(.storage, "message \(id) has an unknown kind")
        }
        let subjectData: Data? = row[6]
        let conversation: String? = row[5]
        let purpose: String? = row[7]
        let digest: Data = row[16]
        let purged: Int64 = row[17]
        let commitment: Data? = row[18]
        let originalCommitment: Data? = row[21]
        let basis: String? = row[23]
        let withheld: Int64? = row[24]
        let minimised: String? = row[25]
        self.init(
            sequence: row[0],
            envelope: MessageEnvelope(
                id: try MessageID(validating: id),
                sender: try MailboxID(validating: row[2]),
                recipient: try MailboxID(validating: row[3]),
                kind: kind,
                conversationId: try conversation.map { try MessageID(validating: $0) },
                subject: nil,
                purpose: purpose.flatMap(Purpose.init(rawValue:)),
                createdAt: Date(storedMilliseconds: row[9]),
                senderLocalId: row[8],
                lawfulBasis: basis.flatMap(LawfulBasis.init)
            ),
            subjectJSON: subjectData.map { [UInt8]($0) },
            payloadLength: row[15],
            payloadSHA256: [UInt8](digest),
            expiresAt: Date(storedMilliseconds: row[10]),
            deliveredAt: Self.date(row[11]),
            downloadedAt: Self.date(row[12]),
            acknowledgedAt: Self.date(row[13]),
            expiredAt: Self.date(row[14]),
            payloadPurged: purged != 0,
            payloadCommitment: commitment.map { [UInt8]($0) } ?? [],
            signature: row[19],
            droppedFields: (row[20] as String?).map { $0.split(separator: "\n").map(String.init) } ?? [],
            originalCommitment: originalCommitment.map { [UInt8]($0) },
            originalMediaType: row[22],
            withheldAt: Self.date(withheld),
            minimisedFields: minimised.map { $0.split(separator: "\n").map(String.init) } ?? []
        )
    }

    private static func date(_ milliseconds: Int64?) -> Date? {
        milliseconds.map(Date.init(storedMilliseconds:))
    }
}
