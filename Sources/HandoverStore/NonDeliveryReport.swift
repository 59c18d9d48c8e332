import Crypto
import Foundation
import HandoverLedger
import HandoverModel

/// The report a sender receives in its own inbox when a message it sent expired unacknowledged.
///
/// Its `conversationId` is the expired message's id, so the sender's system can link the two.
struct NonDeliveryReport: Encodable {
    /// The mailbox reports come from; no partner can register it.
    static let gatewayMailbox = "handover"

    let originalMessageId: String
    let originalKind: String
    let originalSenderLocalId: String?
    let recipient: String
    let acceptedAt: String
    let expiredAt: String
    let reason: String

    private let original: MessageEnvelope
    private let time: Date

    private enum CodingKeys: String, CodingKey {
        case originalMessageId, originalKind, originalSenderLocalId, recipient, acceptedAt, expiredAt, reason
    }

    init(expired record: MessageRecord, at time: Date) throws {
        original = record.envelope
        self.time = time
        originalMessageId = record.envelope.id.description
        originalKind = record.envelope.kind.rawValue
        originalSenderLocalId = record.envelope.senderLocalId
        recipient = record.envelope.recipient.value
        acceptedAt = Timestamp.format(record.envelope.createdAt)
        expiredAt = Timestamp.format(time)
        let status = record.downloadedAt == nil ? "was never downloaded" : "was downloaded but never acknowledged"
        reason = "the recipient \(record.envelope.recipient) did not acknowledge the message before it expired; it \(status)"
    }

    func message(from gateway: MailboxID, expiresAt: Date) throws -> NewMessage {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let payload = [UInt8](try encoder.encode(self))
        let digest = [UInt8](SHA256.hash(data: payload))
        let (salt, commitment) = PayloadCommitment.make(payload: payload)
        return NewMessage(
            envelope: MessageEnvelope(
                id: MessageID(),
                sender: gateway,
                recipient: original.sender,
                kind: .nonDeliveryReport,
                conversationId: original.id,
                subject: nil,
                purpose: nil,
                createdAt: time,
                senderLocalId: nil
            ),
            subjectJSON: nil,
            payload: .inline(payload),
            payloadSHA256: digest,
            idempotencyKey: nil,
            requestSHA256: digest,
            expiresAt: expiresAt,
            payloadSalt: salt,
            payloadCommitment: commitment
        )
    }
}
