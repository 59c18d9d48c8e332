import Foundation
import HandoverFormats
import HandoverLedger
import HandoverModel
import HandoverStore
import HTTPTypes
import Hummingbird
import NIOCore

extension MESHService {
    /// `GET /messageexchange/{mailbox}/inbox/{id}[/{n}]` (and `HEAD`): a message, or chunk n of
    /// one, with its `mex-*` headers; 206 while more chunks follow, 200 for the last. Chunk 1 is
    /// recorded as a download in the store and log, exactly as a native download.
    func download(_ request: Request, context: GatewayContext, chunk: Int) async throws -> Response {
        let partner = try context.requirePartner()
        let id = try Self.messageID(context)
        let meshID = Self.meshID(id)
        let record: MessageRecord
        let location: PayloadLocation?
        let metadata: MESHMetadata?
        do {
            if chunk == 1 && request.method != .head {
                (record, location, metadata) = try await store.downloadMESH(id, by: partner.mailbox, now: now)
            } else {
                guard let found = try await store.message(id, visibleTo: partner.mailbox), found.envelope.recipient == partner.mailbox else {
                    throw MESHError.noSuchMessage(meshID)
                }
                guard found.expiredAt == nil else { throw StoreError(.gone, "message \(meshID) has expired") }
                record = found
                location = nil
                metadata = try await store.meshMetadata(id)
            }
        } catch let error as StoreError where error.code == .notFound {
            throw MESHError.noSuchMessage(meshID)
        } catch let error as StoreError where error.code == .gone {
            throw MESHError(.gone, event: "RECEIVE", code: "20", "Message has expired or been removed", messageID: meshID)
        }
        var headers = try await mexHeaders(record, metadata: metadata)
        if record.envelope.kind == .nonDeliveryReport {
            try await reportHeaders(record, into: &headers, partner: partner)
            return Response(status: .ok, headers: headers)
        }
        if record.envelope.kind == .document, let metadata {
            return try documentChunk(record, metadata: metadata, chunk: chunk, request: request, headers: headers)
        }
        guard chunk == 1 else { throw MESHError(.notFound, event: "RECEIVE", code: "20", "message \(meshID) has one chunk", messageID: meshID) }
        headers[name("mex-Chunk-Range")] = "1:1"
        headers[name("mex-Total-Chunks")] = "1"
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return try await handoverBody(record, location: location, to: partner, headers: headers)
    }

    /// A document's chunk as stored: gzip as uploaded when the client accepts it (it is never
    /// compressed again per download), inflated when it does not.
    private func documentChunk(
        _ record: MessageRecord, metadata: MESHMetadata, chunk: Int, request: Request, headers: HTTPFields
    ) throws -> Response {
        let meshID = Self.meshID(record.envelope.id)
        let total = metadata.chunkCount
        guard chunk <= total else { throw MESHError(.notFound, event: "RECEIVE", code: "20", "message \(meshID) has \(total) chunks", messageID: meshID) }
        guard let content = metadata.content else { throw MESHError(.gone, event: "RECEIVE", code: "20", "the content has been purged", messageID: meshID) }
        var headers = headers
        headers[name("mex-Chunk-Range")] = "\(chunk):\(total)"
        headers[name("mex-Total-Chunks")] = String(total)
        let lengths = metadata.chunkLengths.isEmpty ? [content.length] : metadata.chunkLengths
        let offset = lengths.prefix(chunk - 1).reduce(0, +)
        let length = lengths[chunk - 1]
        let status: HTTPResponse.Status = chunk < total ? .partialContent : .ok
        headers[.contentType] = total == 1 ? (metadata.contentType ?? "application/octet-stream") : "application/octet-stream"
        if request.method == .head { return Response(status: status, headers: headers) }
        let gzipped = metadata.contentEncoding == "gzip"
        let acceptsGzip = request.headers[.acceptEncoding].map { $0.lowercased().contains("gzip") } ?? false
        if gzipped && !acceptsGzip {
            let stored = try content.slice(offset: offset, length: length)
            let inflated = try Gzip.inflate(stored, limit: configuration.maxInflatedChunkBytes)
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: inflated)))
        }
        if gzipped { headers[.contentEncoding] = "gzip" }
        switch content {
        case .inline(let bytes):
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes[offset..<offset + length])))
        case .file(let url, let base, _):
            let body = ResponseBody(contentLength: length) { writer in
                try await PayloadStreamer.stream(url, offset: base + offset, length: length, into: &writer)
                try await writer.finish(nil)
            }
            return Response(status: status, headers: headers, body: body)
        }
    }

    /// A Handover message in the recipient's format, as the native API delivers it.
    private func handoverBody(_ record: MessageRecord, location: PayloadLocation?, to partner: Partner, headers: HTTPFields) async throws -> Response {
        let payload = try (location ?? .inline([])).bytes()
        var headers = headers
        if let codec = PartnerCodecs.codec(for: partner.format) {
            let translated = try await gateway.translatedDelivery(record, payload: .inline(payload), to: partner, codec: codec)
            headers[.contentType] = translated.headers[.contentType]
            return Response(status: .ok, headers: headers, body: translated.body)
        }
        var body = CanonicalMessageEncoder.head(record.envelope, subjectJSON: record.subjectJSON)
        body.append(contentsOf: payload)
        body.append(contentsOf: CanonicalMessageEncoder.tail)
        headers[.contentType] = "application/json"
        if let signature = record.signature, let field = SubmissionSignature.header { headers[field] = signature }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The `mex-*` headers every delivery carries; empty values are left out.
    private func mexHeaders(_ record: MessageRecord, metadata: MESHMetadata?) async throws -> HTTPFields {
        let envelope = record.envelope
        var headers = HTTPFields()
        func set(_ field: String, _ value: String?) {
            if let value, !value.isEmpty { headers[name(field)] = value }
        }
        let from = envelope.kind == .nonDeliveryReport ? nil : try await mailboxes.address(of: envelope.sender)
        set("mex-From", metadata?.sender ?? from)
        set("mex-To", try await mailboxes.address(of: envelope.recipient))
        set("mex-WorkflowID", Self.workflowID(of: record, metadata: metadata))
        set("mex-MessageID", Self.meshID(envelope.id))
        set("mex-MessageType", envelope.kind == .nonDeliveryReport ? "REPORT" : "DATA")
        set("mex-LocalID", metadata?.localID ?? envelope.senderLocalId)
        set("mex-Subject", metadata?.subject)
        set("mex-FileName", metadata?.fileName)
        set("mex-Content-Type", metadata?.contentType)
        set("mex-Content-Checksum", metadata?.checksum)
        set("mex-Content-Compressed", metadata?.compressed)
        set("mex-Content-Encrypted", metadata?.encrypted)
        set("mex-PartnerID", metadata?.partnerID)
        set("mex-AddressType", "ALL")
        set("mex-Version", "1.0")
        if envelope.kind != .nonDeliveryReport {
            set("mex-StatusCode", "00")
            set("mex-StatusEvent", "TRANSFER")
            set("mex-StatusDescription", "Transferred to recipient mailbox")
            set("mex-StatusSuccess", "SUCCESS")
            set("mex-StatusTimestamp", MESHTime.compact(envelope.createdAt))
        }
        return headers
    }

    /// A non-delivery report: empty body, linked to the message that was not collected.
    private func reportHeaders(_ record: MessageRecord, into headers: inout HTTPFields, partner: Partner) async throws {
        headers[name("mex-StatusCode")] = "14"
        headers[name("mex-StatusEvent")] = "SEND"
        headers[name("mex-StatusSuccess")] = "ERROR"
        headers[name("mex-StatusTimestamp")] = MESHTime.compact(record.envelope.createdAt)
        headers[name("mex-Chunk-Range")] = "1:1"
        headers[name("mex-Total-Chunks")] = "1"
        headers[.contentType] = "application/octet-stream"
        guard let linked = record.envelope.conversationId else { return }
        headers[name("mex-LinkedMsgID")] = Self.meshID(linked)
        let original = try await store.message(linked, visibleTo: partner.mailbox)
        let days = original.map { Int((($0.expiresAt.timeIntervalSince($0.envelope.createdAt)) / 86_400).rounded()) }
        headers[name("mex-StatusDescription")] = "Message not collected by recipient after \(days.map { "\($0) days" } ?? "its retention period")"
        if let original {
            let metadata = try await store.meshMetadata(linked)
            headers[name("mex-From")] = try await mailboxes.address(of: original.envelope.recipient)
            headers[name("mex-WorkflowID")] = Self.workflowID(of: original, metadata: metadata)
            if let local = metadata?.localID ?? original.envelope.senderLocalId { headers[name("mex-LocalID")] = local }
        }
    }

    func name(_ text: String) -> HTTPField.Name {
        HTTPField.Name(text) ?? .contentType
    }
}

extension PayloadLocation {
    /// The payload's length in bytes.
    var length: Int {
        switch self {
        case .inline(let bytes): bytes.count
        case .file(_, _, let length): length
        }
    }

    /// `length` bytes from `offset`.
    func slice(offset: Int, length: Int) throws -> [UInt8] {
        switch self {
        case .inline(let bytes): return Array(bytes[offset..<offset + length])
        case .file(let url, let base, _):
            return try PayloadLocation.file(url, offset: base + offset, length: length).bytes()
        }
    }
}

/// MESH's timestamps: `yyyyMMddHHmmss` in headers and v1 documents, ISO 8601 in v2 documents.
enum MESHTime {
    /// `yyyyMMddHHmmss` in UTC, from the RFC 3339 form (no calendar object involved).
    static func compact(_ time: Date) -> String {
        String(Timestamp.format(time).unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }.prefix(14).map(Character.init))
    }

    static func iso(_ time: Date) -> String { Timestamp.format(time) }
}
