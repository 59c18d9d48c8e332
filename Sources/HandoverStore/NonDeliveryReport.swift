import Foundation
import HandoverModel

/// The report a sender receives in its own inbox when a message it sent expired unacknowledged.
struct NonDeliveryReport: SenderReport {
    /// The mailbox reports come from; no partner can register it.
    static let gatewayMailbox = "handover"

    let originalMessageId: String
    let originalKind: String
    let originalSenderLocalId: String?
    let recipient: String
    let acceptedAt: String
    let expiredAt: String
    let reason: String

    let original: MessageEnvelope
    let time: Date

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
}
