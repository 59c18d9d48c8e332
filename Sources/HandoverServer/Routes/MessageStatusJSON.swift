import Foundation
import HandoverFormats
import HandoverLedger
import HandoverModel
import HandoverStore

/// How a message's routing and lifecycle appear in receipts, tracking and inbox and outbox pages
/// (`MessageStatus` in `contracts/openapi.yaml`). Written with `JSONWriter`: these documents are on
/// every hot path, and Foundation's encoder cost more than the rest of a listing.
enum MessageStatusJSON {
    /// One message's status document.
    static func encode(_ record: MessageRecord) -> [UInt8] {
        var writer = JSONWriter(capacity: 512)
        write(record, into: &writer)
        return writer.bytes
    }

    /// The answer to a submission: the status document with the gateway's signed receipt,
    /// `"receipt":{"leafIndex":..,"leafHash":"<hex>","acceptedAt":"..","note":"<signed note>"}`.
    static func encode(_ record: MessageRecord, receipt: SignedReceipt) -> [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        write(record, into: &writer, closing: false)
        writer.raw(",\"receipt\":{\"leafIndex\":")
        writer.raw(String(receipt.leafIndex).utf8)
        writer.raw(",\"leafHash\":")
        writer.string(receipt.leafHashHex)
        writer.raw(",\"acceptedAt\":")
        writer.string(receipt.acceptedAt)
        writer.raw(",\"note\":")
        writer.string(receipt.note)
        writer.raw("}}")
        return writer.bytes
    }

    /// A page: `{"messages":[...],"next":...}`.
    static func encode(page records: [MessageRecord], next: String?) -> [UInt8] {
        var writer = JSONWriter(capacity: 64 + records.count * 420)
        writer.raw("{\"messages\":[")
        for (index, record) in records.enumerated() {
            if index > 0 { writer.raw(",") }
            write(record, into: &writer)
        }
        writer.raw("],\"next\":")
        if let next { writer.string(next) } else { writer.raw("null") }
        writer.raw("}")
        return writer.bytes
    }

    private static func write(_ record: MessageRecord, into writer: inout JSONWriter, closing: Bool = true) {
        let envelope = record.envelope
        writer.raw("{\"id\":")
        writer.string(envelope.id.value)
        writer.raw(",\"kind\":")
        writer.string(envelope.kind.rawValue)
        writer.raw(",\"sender\":")
        writer.string(envelope.sender.value)
        writer.raw(",\"recipient\":")
        writer.string(envelope.recipient.value)
        if let conversation = envelope.conversationId {
            writer.raw(",\"conversationId\":")
            writer.string(conversation.value)
        }
        if let local = envelope.senderLocalId {
            writer.raw(",\"senderLocalId\":")
            writer.string(local)
        }
        writer.raw(",\"status\":")
        writer.string(record.status.rawValue)
        writer.raw(",\"size\":")
        writer.raw(String(record.payloadLength).utf8)
        writer.raw(",\"createdAt\":")
        writer.string(Timestamp.format(envelope.createdAt))
        writer.raw(",\"expiresAt\":")
        writer.string(Timestamp.format(record.expiresAt))
        let moments: [(StaticString, Date?)] = [
            (",\"deliveredAt\":", record.deliveredAt), (",\"downloadedAt\":", record.downloadedAt),
            (",\"acknowledgedAt\":", record.acknowledgedAt), (",\"expiredAt\":", record.expiredAt),
        ]
        for (key, moment) in moments {
            guard let moment else { continue }
            writer.raw(key)
            writer.string(Timestamp.format(moment))
        }
        if record.signature != nil { writer.raw(",\"signed\":true") }
        if !record.droppedFields.isEmpty {
            writer.raw(",\"droppedFields\":[")
            for (index, field) in record.droppedFields.enumerated() {
                if index > 0 { writer.raw(",") }
                writer.string(field)
            }
            writer.raw("]")
        }
        if closing { writer.raw("}") }
    }
}
