import Foundation
import HandoverModel
import HandoverStore
import Logging
import HTTPTypes
import Hummingbird
import NIOCore

extension MESHService {
    /// What a send is addressed to, once its headers are checked.
    struct Addressing: Sendable {
        var headers: MESHSendHeaders
        var sender: Partner
        var senderMailbox: String
        var recipient: MESHMailboxDirectory.Entry
        var workflowID: String
        var route: MESHWorkflows.Route
        /// The request of a single send, whose `Handover-Signature` is checked; nil when a chunked
        /// upload completes, which cannot carry a signature.
        var request: Request?

        func metadata(chunkLengths: [Int] = [], content: PayloadLocation? = nil) -> MESHMetadata {
            MESHMetadata(
                workflowID: workflowID, sender: senderMailbox, recipient: recipient.mailbox.id, localID: headers.localID,
                subject: headers.subject, fileName: headers.fileName, contentType: headers.contentType, checksum: headers.checksum,
                compressed: headers.compressed, encrypted: headers.encrypted, partnerID: headers.partnerID,
                contentEncoding: headers.contentEncoding, chunkLengths: chunkLengths, content: content
            )
        }
    }

    /// `POST /messageexchange/{mailbox}/outbox`: a whole message, or chunk 1 of a chunked one.
    func send(_ request: Request, context: GatewayContext) async throws -> Response {
        let sender = try context.requirePartner()
        var recipientName: String?
        do {
            let addressing = try await address(request, sender: sender, senderMailbox: try mailbox(context))
            recipientName = addressing.recipient.partner.mailbox.value
            let range = addressing.headers.chunkRange ?? (1, 1)
            guard range.number == 1 else {
                throw MESHError(.expectationFailed, event: "SEND", code: "InvalidHeaderChunks", "the first request of a message carries chunk 1, not \(range.number)")
            }
            let body = try await receive(request)
            guard body.length > 0 else {
                body.discard()
                throw MESHError(.expectationFailed, event: "COLLECT", code: "02", "Data file is missing or inaccessible: the body is empty")
            }
            let version = MESHVersion.of(request.headers)
            if range.total > 1 {
                let id = MessageID()
                let upload = MESHUpload(
                    id: id, sender: sender.mailbox, metadata: addressing.metadata(), totalChunks: range.total, receivedChunks: 1,
                    createdAt: now
                )
                let file = try body.file(in: spoolDirectory)
                try await store.beginMESHUpload(upload, firstChunk: file, length: body.length)
                return sent(id, version: version)
            }
            let outcome = try await accept(addressing, chunks: [body])
            return sent(outcome.record.envelope.id, version: version)
        } catch {
            await recordRefusal(error, sender: sender, recipient: recipientName, messageID: nil, context: context)
            throw error
        }
    }

    /// Reads and checks the headers of a first send.
    func address(_ request: Request, sender: Partner, senderMailbox: String) async throws -> Addressing {
        let headers = try MESHSendHeaders(request.headers)
        guard let to = headers.to else { throw MESHError(.expectationFailed, event: "SEND", code: "08", "TO_DTS missing: send mex-To") }
        guard let workflowID = headers.workflowID else { throw MESHError.malformedHeaders(["mex-WorkflowID"]) }
        guard let recipient = try await mailboxes.entry(to) else {
            throw MESHError(.expectationFailed, event: "SEND", code: "12", "Unregistered to address: \(to)")
        }
        guard let route = workflows.route(workflowID) else {
            throw MESHError(.expectationFailed, event: "SEND", code: "17", "Workflow ID \(workflowID) is not registered on this gateway")
        }
        if case .passThrough(let workflow) = route {
            let allowedSender = workflow.senders.map { $0.map { $0.uppercased() }.contains(senderMailbox) } ?? true
            let allowedRecipient = workflow.recipients.map { $0.map { $0.uppercased() }.contains(to) } ?? true
            guard allowedSender, allowedRecipient else {
                throw MESHError(.expectationFailed, event: "SEND", code: "17", "Workflow ID \(workflowID) is not registered for \(allowedSender ? to : senderMailbox)")
            }
        }
        return Addressing(
            headers: headers, sender: sender, senderMailbox: senderMailbox, recipient: recipient, workflowID: workflowID, route: route,
            request: request
        )
    }

    /// The 202 answer to a send or a first chunk.
    func sent(_ id: MessageID, version: MESHVersion) -> Response {
        var writer = MESHJSON()
        writer.object { $0.field(version == .v2 ? "message_id" : "messageID", Self.meshID(id)) }
        return writer.response(.accepted, version: version)
    }

    /// Receives a body within the chunk limit.
    func receive(_ request: Request) async throws -> MESHBody {
        do {
            switch try await receiver.receive(request) {
            case .memory(let buffer): return .memory(Array(buffer.readableBytesView))
            case .spooled(let url, let length): return .file(url, length: length)
            }
        } catch let problem as Problem where problem.status == .contentTooLarge {
            throw MESHError.tooLarge(configuration.maxChunkBytes)
        }
    }

    /// Records a refused send in the log, as the native API does; a failure to record is logged only.
    func recordRefusal(_ error: any Error, sender: Partner, recipient: String?, messageID: MessageID?, context: GatewayContext) async {
        let refusal = MESHEdge.error(for: error, context: context)
        guard refusal.status.code < 500 else { return }
        do {
            _ = try await store.recordRejection(
                Rejection(
                    actor: sender.mailbox, recipient: recipient, messageID: messageID, time: now,
                    reason: "MESH \(refusal.status.code) \(refusal.event)/\(refusal.code): \(refusal.message)"
                )
            )
        } catch {
            gateway.logger.error("could not record a MESH refusal in the log", metadata: ["error": "\(error)"])
        }
    }
}

/// A received message or chunk body: bytes in memory, or a synced spool file.
enum MESHBody: Sendable {
    case memory([UInt8])
    case file(URL, length: Int)

    /// A stored chunk: its file when the store keeps chunks as files, else its bytes. A file
    /// chunk always starts at offset 0 (`MESHStore.addMESHChunk` adopts a whole spool file).
    init(chunk: PayloadLocation) {
        switch chunk {
        case .inline(let bytes): self = .memory(bytes)
        case .file(let url, _, let length): self = .file(url, length: length)
        }
    }

    var length: Int {
        switch self {
        case .memory(let bytes): bytes.count
        case .file(_, let length): length
        }
    }

    /// The bytes, read whole (a file is mapped).
    func bytes() throws -> [UInt8] {
        switch self {
        case .memory(let bytes): return bytes
        case .file(let url, _): return [UInt8](try Data(contentsOf: url, options: .alwaysMapped))
        }
    }

    /// Runs `body` over the bytes without copying a file into the heap.
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        switch self {
        case .memory(let bytes): return try bytes.withUnsafeBytes(body)
        case .file(let url, _):
            let mapped = try Data(contentsOf: url, options: .alwaysMapped)
            return try mapped.withUnsafeBytes(body)
        }
    }

    /// A synced file holding the body: the spool file itself, or a new one in `directory`.
    func file(in directory: URL) throws -> URL {
        switch self {
        case .file(let url, _): return url
        case .memory(let bytes):
            let url = directory.appendingPathComponent("\(MessageID().value).spool")
            try Data(bytes).write(to: url)
            try PayloadFiles.sync(url)
            return url
        }
    }

    /// Deletes a spool file.
    func discard() {
        if case .file(let url, _) = self { try? FileManager.default.removeItem(at: url) }
    }
}
