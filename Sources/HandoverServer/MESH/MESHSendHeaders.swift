import Foundation
import HTTPTypes

/// The `mex-*` headers of a send (or of a chunk upload), checked as MESH checks them: the length
/// limits of the MESH API specification, no control characters, no URL in `mex-To`,
/// `mex-WorkflowID` or the checksum, and the checksum's character set. Any breach is a 400
/// `TRANSFER/06 MalformedControlFile` naming every bad field, before a byte of the body is stored.
struct MESHSendHeaders: Sendable {
    var to: String?
    var workflowID: String?
    var chunkRange: (number: Int, total: Int)?
    var localID: String?
    var subject: String?
    var fileName: String?
    var contentType: String?
    var checksum: String?
    var compressed: String?
    var encrypted: String?
    var partnerID: String?
    /// `gzip`, or nil for an uncompressed body.
    var contentEncoding: String?

    /// Header names with their length limits, in the order errors list them.
    static let limits: [(name: String, limit: Int)] = [
        ("mex-To", 100), ("mex-WorkflowID", 300), ("mex-Chunk-Range", 20), ("mex-Subject", 500), ("mex-LocalID", 300),
        ("mex-PartnerID", 500), ("mex-FileName", 300), ("mex-Content-Checksum", 100), ("mex-Content-Type", 100),
        ("mex-Content-Encrypted", 20), ("mex-Content-Compressed", 20),
    ]

    /// Reads and checks the headers.
    /// - Throws: `MESHError` 400 (06) for malformed fields, 422 for an encoding other than gzip,
    ///   417 for a malformed chunk range.
    init(_ fields: HTTPFields) throws(MESHError) {
        var values: [String: String] = [:]
        var bad: [String] = []
        for (name, limit) in Self.limits {
            guard let fieldName = HTTPField.Name(name), let value = fields[fieldName] else { continue }
            let controls = value.utf8.contains { $0 < 0x20 || $0 == 0x7F }
            if value.utf8.count > limit || controls { bad.append(name) } else { values[name] = value }
        }
        for name in ["mex-To", "mex-WorkflowID", "mex-Content-Checksum"] {
            if let value = values[name]?.lowercased(), value.hasPrefix("http://") || value.hasPrefix("https://") { bad.append(name) }
        }
        if let checksum = values["mex-Content-Checksum"], !checksum.utf8.allSatisfy(Self.checksumCharacter) {
            bad.append("mex-Content-Checksum")
        }
        guard bad.isEmpty else { throw .malformedHeaders(bad) }
        to = values["mex-To"]?.uppercased()
        workflowID = values["mex-WorkflowID"]
        localID = values["mex-LocalID"]
        subject = values["mex-Subject"]
        fileName = values["mex-FileName"]
        contentType = values["mex-Content-Type"]
        checksum = values["mex-Content-Checksum"]
        compressed = values["mex-Content-Compressed"]
        encrypted = values["mex-Content-Encrypted"]
        partnerID = values["mex-PartnerID"]
        if let range = values["mex-Chunk-Range"] {
            let parts = range.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let number = Int(parts[0]), let total = Int(parts[1]), number >= 1, total >= 1 else {
                throw MESHError(.expectationFailed, event: "SEND", code: "InvalidHeaderChunks", "mex-Chunk-Range \(range) is not n:N")
            }
            guard number <= total else {
                throw MESHError(.notAcceptable, event: "SEND", code: "InvalidHeaderChunks", "chunk \(number) is beyond the \(total) announced")
            }
            chunkRange = (number, total)
        }
        if let encoding = fields[.contentEncoding]?.trimmingCharacters(in: .whitespaces).lowercased(), encoding != "identity" {
            guard encoding == "gzip" else {
                throw MESHError(
                    .unprocessableContent, event: "SEND", code: "UnsupportedContentEncoding",
                    "Content-Encoding \(encoding) is not supported; send gzip or nothing"
                )
            }
            contentEncoding = "gzip"
        }
    }

    private static func checksumCharacter(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == 0x20 || byte == 0x3A || byte == 0x2D || byte == 0x2F
    }
}
