import Foundation
public import HandoverModel

/// Writes a stored message as a canonical JSON message (`contracts/canonical/message.schema.json`).
///
/// The payload is spliced in as the exact bytes the sender posted, so the encoder produces the
/// text around it: `head` up to and including `"payload":`, and `tail` after it. A large payload
/// can then be streamed from disk between the two without being held in memory.
public enum CanonicalMessageEncoder {
    /// The text before the payload.
    /// - Parameter subjectJSON: the subject as canonical JSON, as `CanonicalPersonCodec` writes it.
    public static func head(_ envelope: MessageEnvelope, subjectJSON: [UInt8]?) -> [UInt8] {
        var writer = JSONWriter(capacity: 512 + (subjectJSON?.count ?? 0))
        writer.raw("{\"id\":")
        writer.string(envelope.id.description)
        writer.raw(",\"kind\":")
        writer.string(envelope.kind.rawValue)
        writer.raw(",\"sender\":")
        writer.string(envelope.sender.value)
        writer.raw(",\"recipient\":")
        writer.string(envelope.recipient.value)
        if let conversationId = envelope.conversationId {
            writer.raw(",\"conversationId\":")
            writer.string(conversationId.description)
        }
        if let subjectJSON {
            writer.raw(",\"subject\":")
            writer.raw(subjectJSON)
        }
        if let purpose = envelope.purpose {
            writer.raw(",\"purpose\":")
            writer.string(purpose.rawValue)
        }
        writer.raw(",\"createdAt\":")
        writer.string(Timestamp.format(envelope.createdAt))
        if let local = envelope.senderLocalId {
            writer.raw(",\"senderLocalId\":")
            writer.string(local)
        }
        if let basis = envelope.lawfulBasis {
            writer.raw(",\"lawfulBasis\":")
            CanonicalLawfulBasisCodec.encode(basis, into: &writer)
        }
        writer.raw(",\"payload\":")
        return writer.bytes
    }

    /// The text after the payload.
    public static let tail: [UInt8] = [UInt8(ascii: "}")]
}
