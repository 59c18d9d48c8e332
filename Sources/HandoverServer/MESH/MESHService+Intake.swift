import Crypto
import Foundation
import HandoverFormats
import HandoverLedger
import HandoverModel
import HandoverStore
import HTTPTypes
import NIOCore

extension MESHService {
    /// Accepts a complete message (all its chunks, as uploaded): a Handover workflow goes through
    /// the partner's decoder and the gateway's routing and signature checks; a pass-through
    /// workflow becomes a `document`. Stored with its MESH metadata in one transaction.
    /// - Parameter uploadID: the id of a chunked upload being completed; nil for a single send.
    func accept(_ addressing: Addressing, chunks: [MESHBody], uploadID: MessageID? = nil) async throws -> SubmitOutcome {
        switch addressing.route {
        case .handover(let kind):
            defer { if uploadID == nil { for chunk in chunks { chunk.discard() } } }
            let outcome = try await handoverMessage(addressing, kind: kind, chunks: chunks)
            if let uploadID { try await store.finishMESHUpload(uploadID, accepted: outcome.record.envelope.id, at: now) }
            return outcome
        case .passThrough(let workflow):
            let message: NewMessage
            let metadata: MESHMetadata
            do {
                (message, metadata) = try document(addressing, workflow: workflow, chunks: chunks, id: uploadID ?? MessageID())
            } catch {
                if uploadID == nil { for chunk in chunks { chunk.discard() } }
                throw error
            }
            let outcome: SubmitOutcome
            if let uploadID {
                outcome = try await store.completeMESHUpload(uploadID, message: message, metadata: metadata)
            } else {
                outcome = try await store.submitMESH(message, metadata: metadata)
            }
            switch outcome {
            case .accepted(let record, _): gateway.metrics.accepted(kind: record.envelope.kind.rawValue)
            case .duplicate: gateway.metrics.duplicate()
            }
            return outcome
        }
    }

    /// A pass-through document: the bytes stay as uploaded; the payload describes them.
    private func document(
        _ addressing: Addressing, workflow: PassThroughWorkflow, chunks: [MESHBody], id: MessageID
    ) throws -> (NewMessage, MESHMetadata) {
        var hasher = SHA256()
        var size = 0
        for (index, chunk) in chunks.enumerated() {
            try chunk.withBytes { bytes in
                if addressing.headers.contentEncoding == "gzip" {
                    size += try inflate(bytes, chunk: index + 1) { hasher.update(bufferPointer: $0) }
                } else {
                    hasher.update(bufferPointer: bytes)
                    size += bytes.count
                }
            }
        }
        let digest = Array(hasher.finalize())
        let content: PayloadLocation
        let lengths = chunks.map(\.length)
        if chunks.count == 1, case .memory(let bytes) = chunks[0] {
            content = .inline(bytes)
        } else if chunks.count == 1, case .file(let url, let length) = chunks[0] {
            content = .file(url, offset: 0, length: length)
        } else {
            content = .file(try assemble(chunks), offset: 0, length: lengths.reduce(0, +))
            for chunk in chunks { chunk.discard() }
        }
        let basis = try workflow.lawfulBasis.basis()
        let descriptor = MESHDocumentDescriptor(
            workflowID: addressing.workflowID, fileName: addressing.headers.fileName, mediaType: addressing.headers.contentType,
            size: size, sha256: digest, storedEncoding: addressing.headers.contentEncoding, storedSize: lengths.reduce(0, +),
            chunks: chunks.count, lawfulBasis: basis, description: workflow.description
        ).json
        let metadata = addressing.metadata(chunkLengths: lengths, content: content)
        let key = addressing.headers.localID.map { "mesh:\($0):\(APIKey.hex(digest))" }
        let message = newMessage(
            id: id, addressing: addressing, kind: .document, subject: nil, subjectJSON: nil, purpose: workflow.purpose,
            conversationId: nil, localID: addressing.headers.localID, lawfulBasis: basis, payload: descriptor,
            idempotencyKey: key, requestDigest: Array(SHA256.hash(data: descriptor)), signature: nil
        )
        return (message, metadata)
    }

    /// A Handover message sent through MESH: the body, inflated, is a submission in the sender's
    /// format, and goes through the intake every API shares (decode, validate, route, signature,
    /// store, log). A canonical body must also agree with `mex-To` and `mex-WorkflowID`.
    private func handoverMessage(_ addressing: Addressing, kind: MessageKind, chunks: [MESHBody]) async throws -> SubmitOutcome {
        let sender = addressing.sender
        let limit = gateway.configuration.limits.maxMessageBytes
        var body: [UInt8] = []
        for (index, chunk) in chunks.enumerated() {
            try chunk.withBytes { bytes in
                if addressing.headers.contentEncoding == "gzip" {
                    _ = try inflate(bytes, chunk: index + 1, limit: limit - body.count) { body.append(contentsOf: $0) }
                } else {
                    body.append(contentsOf: bytes)
                }
            }
            guard body.count <= limit else { throw MESHError.tooLarge(limit) }
        }
        let codec = PartnerCodecs.codec(for: sender.format)
        if codec == nil, let submission = try? body.withUnsafeBytes({ try CanonicalSubmissionDecoder.decode($0) }) {
            guard submission.kind == kind else {
                throw MESHError(
                    .expectationFailed, event: "SEND", code: "11",
                    "mex-WorkflowID \(addressing.workflowID) carries \(kind.rawValue) messages; the body is a \(submission.kind.rawValue)"
                )
            }
            guard submission.recipient == addressing.recipient.partner.mailbox else {
                throw MESHError(
                    .expectationFailed, event: "SEND", code: "12",
                    "mex-To \(addressing.recipient.mailbox.id) is \(addressing.recipient.partner.mailbox); the body's recipient is \(submission.recipient)"
                )
            }
        }
        let accepted = codec?.acceptedMediaTypes ?? ["application/json"]
        let declared = addressing.headers.contentType.map { MediaType.essence($0[...]) }
        let mediaType = declared.flatMap { accepted.contains($0) ? $0 : nil } ?? codec?.mediaType ?? "application/json"
        if addressing.request == nil && sender.signing == .required {
            throw MESHError(.forbidden, event: "SEND", code: "signature-required", "\(sender.mailbox) must sign its messages; send signed messages unchunked")
        }
        let key = addressing.headers.localID.map { "mesh:\($0):\(APIKey.hex(SHA256.hash(data: body)))" }
        let outcomes = try await gateway.intake(
            .memory(ByteBuffer(bytes: body)), mediaType: mediaType, sender: sender,
            signature: addressing.request.flatMap(SubmissionSignature.compact(in:)), idempotencyKey: key
        ) { _ in }
        guard let first = outcomes.first else { throw MESHError(.expectationFailed, event: "SEND", code: "02", "the body holds no message") }
        for outcome in outcomes {
            guard case .accepted(let record, _) = outcome else { continue }
            gateway.metrics.accepted(kind: record.envelope.kind.rawValue)
            try await store.saveMESHMetadata(addressing.metadata(), for: record.envelope.id)
        }
        return first
    }

    private func newMessage(
        id: MessageID, addressing: Addressing, kind: MessageKind, subject: Person?, subjectJSON: [UInt8]?, purpose: Purpose?,
        conversationId: MessageID?, localID: String?, lawfulBasis: LawfulBasis?, payload: [UInt8], idempotencyKey: String?,
        requestDigest: [UInt8], signature: String?
    ) -> NewMessage {
        let created = now
        let (salt, commitment) = PayloadCommitment.make(payload: payload)
        return NewMessage(
            envelope: MessageEnvelope(
                id: id, sender: addressing.sender.mailbox, recipient: addressing.recipient.partner.mailbox, kind: kind,
                conversationId: conversationId, subject: subject, purpose: purpose, createdAt: created, senderLocalId: localID,
                lawfulBasis: lawfulBasis
            ),
            subjectJSON: subjectJSON,
            payload: .inline(payload),
            payloadSHA256: Array(SHA256.hash(data: payload)),
            idempotencyKey: idempotencyKey,
            requestSHA256: requestDigest,
            expiresAt: created.addingTimeInterval(gateway.configuration.retention.expirySeconds),
            payloadSalt: salt,
            payloadCommitment: commitment,
            signature: signature
        )
    }

    /// Inflates one gzip chunk within the configured cap, in MESH's terms when it fails.
    private func inflate(
        _ bytes: UnsafeRawBufferPointer, chunk: Int, limit: Int? = nil, into sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        let cap = min(limit ?? configuration.maxInflatedChunkBytes, configuration.maxInflatedChunkBytes)
        do {
            return try Gzip.inflate(bytes, limit: cap, into: sink)
        } catch Gzip.Failure.tooLarge {
            throw MESHError(.contentTooLarge, event: "SEND", code: "13", "chunk \(chunk) inflates to more than \(cap) bytes; refused as a decompression bomb")
        } catch {
            throw MESHError(.expectationFailed, event: "SEND", code: "UnsupportedContentEncoding", "chunk \(chunk) is not valid gzip")
        }
    }

    /// Concatenates chunk bodies into one synced spool file.
    private func assemble(_ chunks: [MESHBody]) throws -> URL {
        let url = spoolDirectory.appendingPathComponent("\(MessageID().value).spool")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw StoreError(.storage, "cannot create \(url.path)")
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        for chunk in chunks {
            try chunk.withBytes { handle.write(Data($0)) }
        }
        try handle.synchronize()
        return url
    }
}
