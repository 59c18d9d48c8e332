import Crypto
import Foundation
import HandoverLedger
import HandoverModel

/// The report a sender receives in its own inbox when a message it sent is withheld from its
/// recipient because the consent it relied on was withdrawn before the recipient downloaded it.
///
/// It is a `non-delivery-report` (the kind only the gateway writes), with `withheldAt` and
/// `consentId` in place of `expiredAt`, and the withheld message's id as `conversationId`.
struct WithholdingReport: Encodable {
    let originalMessageId: String
    let originalKind: String
    let originalSenderLocalId: String?
    let recipient: String
    let acceptedAt: String
    let withheldAt: String
    let consentId: String
    let reason: String

    private let original: MessageEnvelope
    private let time: Date

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

    func message(from gateway: MailboxID, expiresAt: Date) throws -> NewMessage {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let payload = [UInt8](try encoder.encode(self))
        let digest = [UInt8](SHA256.hash(data: payload))
        let (salt, commitment) = PayloadCommitment.make(payload: payload)
        return NewMessage(
            envelope: MessageEnvelope(
                id: MessageID(), sender: gateway, recipient: original.sender, kind: .nonDeliveryReport,
                conversationId: original.id, subject: nil, purpose: nil, createdAt: time, senderLocalId: nil
            ),
            subjectJSON: nil, payload: .inline(payload), payloadSHA256: digest, idempotencyKey: nil, requestSHA256: digest,
            expiresAt: expiresAt, payloadSalt: salt, payloadCommitment: commitment
        )
    }
}
