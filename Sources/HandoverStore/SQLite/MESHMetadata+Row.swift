import Foundation
import HandoverModel

/// The `metadata` column of `mesh_upload`: the `mex-*` values of an upload in progress as JSON, short
/// keys, absent values left out.
struct StoredMESHMetadata: Codable {
    var w: String
    var s: String
    var r: String
    var l: String?
    var sub: String?
    var f: String?
    var ct: String?
    var ck: String?
    var cz: String?
    var ce: String?
    var p: String?
    var enc: String?
    var chunks: [Int]?

    init(_ metadata: MESHMetadata) {
        w = metadata.workflowID
        s = metadata.sender
        r = metadata.recipient
        l = metadata.localID
        sub = metadata.subject
        f = metadata.fileName
        ct = metadata.contentType
        ck = metadata.checksum
        cz = metadata.compressed
        ce = metadata.encrypted
        p = metadata.partnerID
        enc = metadata.contentEncoding
        chunks = metadata.chunkLengths.isEmpty ? nil : metadata.chunkLengths
    }

    func metadata(content: PayloadLocation?) -> MESHMetadata {
        MESHMetadata(
            workflowID: w, sender: s, recipient: r, localID: l, subject: sub, fileName: f, contentType: ct,
            checksum: ck, compressed: cz, encrypted: ce, partnerID: p, contentEncoding: enc,
            chunkLengths: chunks ?? [], content: content
        )
    }

    static func encode(_ metadata: MESHMetadata) throws -> String {
        String(decoding: try JSONEncoder().encode(StoredMESHMetadata(metadata)), as: UTF8.self)
    }

    static func decode(_ text: String, content: PayloadLocation?) throws -> MESHMetadata {
        try JSONDecoder().decode(StoredMESHMetadata.self, from: Data(text.utf8)).metadata(content: content)
    }
}
