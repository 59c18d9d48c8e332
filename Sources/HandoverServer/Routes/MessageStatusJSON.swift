import Foundation
import HandoverModel
import HandoverStore

/// How a message's routing and lifecycle appear in inbox and outbox listings, tracking and receipts.
struct MessageStatusJSON: Encodable {
    var id: String
    var kind: String
    var sender: String
    var recipient: String
    var conversationId: String?
    var senderLocalId: String?
    var status: String
    var size: Int
    var createdAt: String
    var expiresAt: String
    var deliveredAt: String?
    var downloadedAt: String?
    var acknowledgedAt: String?
    var expiredAt: String?

    init(_ record: MessageRecord) {
        let envelope = record.envelope
        id = envelope.id.description
        kind = envelope.kind.rawValue
        sender = envelope.sender.value
        recipient = envelope.recipient.value
        conversationId = envelope.conversationId?.description
        senderLocalId = envelope.senderLocalId
        status = record.status.rawValue
        size = record.payloadLength
        createdAt = Timestamp.format(envelope.createdAt)
        expiresAt = Timestamp.format(record.expiresAt)
        deliveredAt = record.deliveredAt.map(Timestamp.format)
        downloadedAt = record.downloadedAt.map(Timestamp.format)
        acknowledgedAt = record.acknowledgedAt.map(Timestamp.format)
        expiredAt = record.expiredAt.map(Timestamp.format)
    }

    func encoded() -> [UInt8] {
        (try? Self.encoder.encode(self)).map(Array.init) ?? []
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }
}

/// A page of messages with the cursor for the next one.
struct MessagePageJSON: Encodable {
    var messages: [MessageStatusJSON]
    var next: String?

    func encoded() -> [UInt8] {
        (try? MessageStatusJSON.encoder.encode(self)).map(Array.init) ?? []
    }
}
