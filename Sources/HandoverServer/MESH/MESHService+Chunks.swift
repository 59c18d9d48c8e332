import Foundation
import HandoverModel
import HandoverStore
import HTTPTypes
import Hummingbird

extension MESHService {
    /// `POST /messageexchange/{mailbox}/outbox/{id}/{n}`: chunk n of a chunked upload. Chunks come
    /// in order (a retry may repeat the latest); each is stored durably as it arrives; the last
    /// one completes the message, which only then goes through intake and reaches the recipient.
    func uploadChunk(_ request: Request, context: GatewayContext) async throws -> Response {
        let sender = try context.requirePartner()
        let id = try Self.messageID(context)
        let meshID = Self.meshID(id)
        do {
            return try await storeChunk(request, context: context, sender: sender, id: id)
        } catch {
            await recordRefusal(error, sender: sender, recipient: nil, messageID: id, context: context)
            if var refusal = error as? MESHError, refusal.messageID == nil {
                refusal.messageID = meshID
                throw refusal
            }
            throw error
        }
    }

    private func storeChunk(_ request: Request, context: GatewayContext, sender: Partner, id: MessageID) async throws -> Response {
        let meshID = Self.meshID(id)
        guard let number = context.parameters.get("chunk").flatMap(Int.init), number >= 2 else {
            throw MESHError(.notFound, event: "SEND", code: "InvalidHeaderChunks", "chunks after the first are numbered from 2", messageID: meshID)
        }
        guard let upload = try await store.meshUpload(id) else { throw MESHError.noSuchMessage(meshID) }
        guard upload.sender == sender.mailbox else {
            throw MESHError(.forbidden, event: "SEND", code: "", "only the sender of \(meshID) can upload its chunks", messageID: meshID)
        }
        guard upload.completedAt == nil else {
            throw MESHError(HTTPResponse.Status(code: 423, reasonPhrase: "Locked"), event: "SEND", code: "", "message \(meshID) is already complete", messageID: meshID)
        }
        let headers = try MESHSendHeaders(request.headers)
        guard let range = headers.chunkRange, range.number == number, range.total == upload.totalChunks else {
            throw MESHError(
                .expectationFailed, event: "SEND", code: "InvalidHeaderChunks",
                "mex-Chunk-Range must be \(number):\(upload.totalChunks) for chunk \(number) of this message", messageID: meshID
            )
        }
        guard number <= upload.receivedChunks + 1 else {
            throw MESHError(
                .expectationFailed, event: "SEND", code: "InvalidHeaderChunks",
                "chunk \(number) arrived before chunk \(upload.receivedChunks + 1); send the chunks in order", messageID: meshID
            )
        }
        guard headers.contentEncoding == upload.metadata.contentEncoding else {
            throw MESHError(
                .expectationFailed, event: "SEND", code: "InvalidHeaderChunks",
                "every chunk must have the Content-Encoding of chunk 1 (\(upload.metadata.contentEncoding ?? "none"))", messageID: meshID
            )
        }
        let body = try await receive(request)
        guard body.length > 0 else {
            body.discard()
            throw MESHError(.expectationFailed, event: "COLLECT", code: "02", "chunk \(number) is empty", messageID: meshID)
        }
        let file = try body.file(in: spoolDirectory)
        let stored: MESHUpload
        do {
            stored = try await store.addMESHChunk(id, of: sender.mailbox, number: number, file: file, length: body.length)
        } catch let error as StoreError where error.code == .conflict {
            throw MESHError(.expectationFailed, event: "SEND", code: "InvalidHeaderChunks", error.reason, messageID: meshID)
        }
        let version = MESHVersion.of(request.headers)
        if stored.receivedChunks == stored.totalChunks {
            try await complete(stored, sender: sender)
        }
        guard version == .v1 else { return Response(status: .accepted) }
        var writer = MESHJSON()
        writer.object {
            $0.field("messageID", meshID)
            $0.field("blockID", number)
        }
        return writer.response(.accepted, version: version)
    }

    /// Runs intake on a complete upload; a refused one is discarded whole, so nothing is half-stored.
    private func complete(_ upload: MESHUpload, sender: Partner) async throws {
        let metadata = upload.metadata
        guard let recipient = try await mailboxes.entry(metadata.recipient), let route = workflows.route(metadata.workflowID) else {
            try await store.discardMESHUpload(upload.id)
            throw MESHError(.expectationFailed, event: "SEND", code: "12", "the recipient or workflow of \(Self.meshID(upload.id)) is no longer registered")
        }
        var headers = try MESHSendHeaders([:])
        headers.to = metadata.recipient
        headers.workflowID = metadata.workflowID
        headers.localID = metadata.localID
        headers.subject = metadata.subject
        headers.fileName = metadata.fileName
        headers.contentType = metadata.contentType
        headers.checksum = metadata.checksum
        headers.compressed = metadata.compressed
        headers.encrypted = metadata.encrypted
        headers.partnerID = metadata.partnerID
        headers.contentEncoding = metadata.contentEncoding
        let addressing = Addressing(
            headers: headers, sender: sender, senderMailbox: metadata.sender, recipient: recipient, workflowID: metadata.workflowID,
            route: route, request: nil
        )
        let chunks = try await store.meshChunks(upload.id).map(MESHBody.init(chunk:))
        do {
            _ = try await accept(addressing, chunks: chunks, uploadID: upload.id)
        } catch {
            try? await store.discardMESHUpload(upload.id)
            throw error
        }
    }
}
