import Foundation
import HandoverModel

/// The report a sender receives in its own inbox when a message it sent is withheld from its
/// recipient because the consent it relied on was withdrawn before the recipient downloaded it.
///
/// It carries `withheldAt` and `consentId` where a non-delivery report has `expiredAt`.
struct WithholdingReport: SenderReport {
    let originalMessageId: String
    let originalKind: String
    let originalSenderLocalId: String?
    let recipient: String
    let acceptedAt: String
    let withheldAt: String
    let consentId: String
    let reason: String

    let original: MessageEnvelope
    let time: Date

    private enum CodingKeys: String, CodingKey {
        case originalMessageId, originalKind, originalSenderLocalId, recipient, acceptedAt, withheldAt, consentId, reason
    }

    init(withheld record: MessageRecord, consent: ConsentID, at time: Date) {
        original = record.envelope
        self.time = time
        originalMessageId = record.envelope.id.description
        originalKind = record.envelope.kind.rawValue
        originalSenderLocalId = record.envelope.senderLocalId
        recipient = record.envelope.recipient.value
        acceptedAt = Timestamp.format(record.envelope.createdAt)
        withheldAt = Timestamp.format(time)
        consentId = consent.value
        reason = "consent \(consent) was withdrawn before \(record.envelope.recipient) downloaded the message; it is withheld from the recipient and kept by the gateway"
    }
}
