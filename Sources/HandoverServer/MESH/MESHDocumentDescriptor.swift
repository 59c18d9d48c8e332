import HandoverFormats
import HandoverModel

/// The payload of a `document` message: what the bytes are and why they were shared, so that the
/// log and information-governance searches see a MESH pass-through like any other message.
///
/// `{"workflowId":"TEST_WORKFLOW","fileName":"a.dat","mediaType":"text/csv","size":1024,
/// "sha256":"<hex of the bytes as sent, uncompressed>","storedEncoding":"gzip","storedSize":311,
/// "chunks":1,"lawfulBasis":{...},"description":"..."}`; absent values are left out.
struct MESHDocumentDescriptor: Sendable {
    var workflowID: String
    var fileName: String?
    var mediaType: String?
    var size: Int
    var sha256: [UInt8]
    var storedEncoding: String?
    var storedSize: Int
    var chunks: Int
    var lawfulBasis: LawfulBasis
    var description: String?

    /// The descriptor as canonical JSON, the same for the same document and workflow.
    var json: [UInt8] {
        var writer = JSONWriter(capacity: 384)
        writer.raw("{\"workflowId\":")
        writer.string(workflowID)
        if let fileName {
            writer.raw(",\"fileName\":")
            writer.string(fileName)
        }
        if let mediaType {
            writer.raw(",\"mediaType\":")
            writer.string(mediaType)
        }
        writer.raw(",\"size\":")
        writer.raw(String(size).utf8)
        writer.raw(",\"sha256\":")
        writer.string(APIKey.hex(sha256))
        if let storedEncoding {
            writer.raw(",\"storedEncoding\":")
            writer.string(storedEncoding)
        }
        writer.raw(",\"storedSize\":")
        writer.raw(String(storedSize).utf8)
        writer.raw(",\"chunks\":")
        writer.raw(String(chunks).utf8)
        writer.raw(",\"lawfulBasis\":")
        CanonicalLawfulBasisCodec.encode(lawfulBasis, into: &writer)
        if let description {
            writer.raw(",\"description\":")
            writer.string(description)
        }
        writer.raw("}")
        return writer.bytes
    }
}
