import Crypto
import Foundation
import HandoverLedger
import HandoverModel

/// A report the gateway puts in a sender's own inbox about a message it sent and that did not
/// reach its recipient: a `non-delivery-report`, from the gateway's mailbox, whose
/// `conversationId` is the original message's id so the sender's system can link the two.
/// The report's JSON (sorted keys) is the payload.
protocol SenderReport: Encodable {
    /// The message the report is about.
    var original: MessageEnvelope { get }
    /// When it was found undeliverable.
    var time: Date { get }
}

extension SenderReport {
    /// The report as a message to the original sender, committed like any other.
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
