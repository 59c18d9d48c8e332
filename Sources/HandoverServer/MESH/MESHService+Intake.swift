import Crypto
import Foundation
import HandoverFormats
import HandoverLedger
import HandoverModel
import HandoverStore

extension MESHService {
    /// Accepts a complete message (all its chunks, as uploaded): a Handover workflow goes through
    /// the partner's decoder and the gateway's routing and signature checks; a pass-through
    /// workflow becomes a `document`. Stored with its MESH metadata in one transaction.
    /// - Parameter uploadID: the id of a chunked upload being completed; nil for a single send.
    func accept(_ addressing: Addressing, chunks: [MESHBody], uploadID: MessageID? = nil) async throws -> SubmitOutcome {
        let prepared: (NewMessage, MESHMetadata)
        do {
            switch addressing.route {
            case .passThrough(let workflow):
                prepared = try document(addressing, workflow: workflow, chunks: chunks, id: uploadID ?? MessageID())
            case .handover(let kind):
                prepared = try await handoverMessage(addressing, kind: kind, chunks: chunks, id: uploadID ?? MessageID())
                for chunk in chunks { chunk.discard() }
            }
        } catch {
            for chunk in chunks { chunk.discard() }
            throw error
        }
        let (message, metadata) = prepared
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
    /// format, checked like one posted to `/v1/messages`.
    private func handoverMessage(
        _ addressing: Addressing, kind: MessageKind, chunks: [MESHBody], id: MessageID
    ) async throws -> (NewMessage, MESHMetadata) {
        let sender = addressing.sender
        guard sender.format == .handoverJSON else {
            throw MESHError(
                .expectationFailed, event: "SEND", code: "11",
                "\(sender.mailbox) is registered for \(sender.format.rawValue); Handover workflows through MESH take handover-json bodies"
            )
        }
        var body: [UInt8] = []
        for (index, chunk) in chunks.enumerated() {
            try chunk.withBytes { bytes in
                if addressing.headers.contentEncoding == "gzip" {
                    let limit = gateway.configuration.limits.maxMessageBytes - body.count
                    _ = try inflate(bytes, chunk: index + 1, limit: limit) { body.append(contentsOf: $0) }
                } else {
                    body.append(contentsOf: bytes)
                }
            }
            guard body.count <= gateway.configuration.limits.maxMessageBytes else {
                throw MESHError.tooLarge(gateway.configuration.limits.maxMessageBytes)
            }
        }
        let submission: CanonicalSubmission
        do {
            submission = try body.withUnsafeBytes { try CanonicalSubmissionDecoder.decode($0) }
        } catch let error as ValidationError {
            throw MESHError(problem: Gateway.refusal(error, malformed: Gateway.malformedRules))
        }
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
        let payload = Array(body[submission.payloadRange])
        try await gateway.checkRouting(recipient: submission.recipient, conversationId: submission.conversationId, from: sender)
        var signature: VerifiedSignature?
        if let request = addressing.request {
            signature = try SubmissionSignature.verify(
                request, payload: payload, sender: sender, recipient: submission.recipient.value, kind: submission.kind.rawValue,
                localID: submission.senderLocalId
            )
        } else if sender.signing == .required {
            throw MESHError(.forbidden, event: "SEND", code: "signature-required", "\(sender.mailbox) must sign its messages; send signed messages unchunked")
        }
        let key = addressing.headers.localID.map { "mesh:\($0):\(APIKey.hex(SHA256.hash(data: body)))" } ?? submission.senderLocalId
        let message = newMessage(
            id: id, addressing: addressing, kind: kind, subject: submission.subject,
            subjectJSON: submission.subject.map(CanonicalPersonCodec.json), purpose: submission.purpose,
            conversationId: submission.conversationId, localID: submission.senderLocalId ?? addressing.headers.localID,
            lawfulBasis: submission.lawfulBasis, payload: payload, idempotencyKey: key, requestDigest: Array(SHA256.hash(data: body)),
            signature: signature?.compact
        )
        return (message, addressing.metadata())
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
        let url = spoolDirectory.appendingPathComponent("\(UUID().uuidString.lowercased()).spool")
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
