import Foundation
import HandoverFormats
import HandoverModel
import HandoverStore
import HTTPTypes
import Hummingbird
import NIOCore

extension Gateway {
    /// `GET /v1/inbox`: messages waiting for the caller, oldest first, one page at a time.
    func listInbox(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        let (cursor, limit) = try pageParameters(request)
        let page = try await store.inbox(of: partner.mailbox, after: cursor, limit: limit, now: clock.now())
        return pageResponse(page, path: "/v1/inbox", limit: limit)
    }

    /// `GET /v1/inbox/{id}`: the message in the caller's format; records the download.
    func download(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        let id = try Self.messageID(context)
        var record: MessageRecord
        var location: PayloadLocation
        do {
            (record, location) = try await store.download(id, by: partner.mailbox, now: clock.now())
        } catch let error as StoreError {
            throw Problem.from(error, id: id.description)
        }
        if !record.minimisedFields.isEmpty {
            // The recipient gets the payload without what the policy removed, told in Handover-Dropped;
            // the sender's signature covers the payload as sent, so it does not travel with it.
            location = .inline(try PayloadMinimiser.minimise(try location.bytes(), removing: record.minimisedFields))
            record.droppedFields += record.minimisedFields
            record.signature = nil
        }
        if let codec = PartnerCodecs.codec(for: partner.format), !Self.asksForCanonical(request) {
            return try await translatedDelivery(record, payload: location, to: partner, codec: codec)
        }
        let head = CanonicalMessageEncoder.head(record.envelope, subjectJSON: record.subjectJSON)
        let tail = CanonicalMessageEncoder.tail
        var headers = HTTPFields()
        headers[.contentType] = partner.format == .handoverJSON ? "application/json" : Self.canonicalMediaType
        if let name = HTTPField.Name("Handover-Message-Id") { headers[name] = id.description }
        if let name = HTTPField.Name("Handover-Kind") { headers[name] = record.envelope.kind.rawValue }
        if let name = HTTPField.Name("Handover-Sender") { headers[name] = record.envelope.sender.value }
        // The sender's own signature over the payload bytes, which follow byte for byte in the
        // body's "payload" member, so the recipient can check the origin without trusting the gateway.
        // A translated message was signed over its original, which /original serves with the signature.
        if record.originalCommitment != nil {
            if let link = HTTPField.Name("Link") { headers[link] = "</v1/inbox/\(id)/original>; rel=\"original\"" }
        } else if let signature = record.signature, let name = SubmissionSignature.header {
            headers[name] = signature
        }
        if let name = Self.droppedHeader, !record.droppedFields.isEmpty { headers[name] = Self.headerList(record.droppedFields) }
        let body: ResponseBody
        switch location {
        case .inline(let payload):
            var buffer = ByteBuffer()
            buffer.reserveCapacity(head.count + payload.count + tail.count)
            buffer.writeBytes(head)
            buffer.writeBytes(payload)
            buffer.writeBytes(tail)
            body = ResponseBody(byteBuffer: buffer)
        case .file(let url, let offset, let length):
            body = ResponseBody(contentLength: head.count + length + tail.count) { writer in
                try await writer.write(ByteBuffer(bytes: head))
                try await PayloadStreamer.stream(url, offset: offset, length: length, into: &writer)
                try await writer.write(ByteBuffer(bytes: tail))
                try await writer.finish(nil)
            }
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// `GET /v1/inbox/{id}/original`: exactly the bytes the sender's signature covers, with the
    /// signature: the body it posted in its own format (FHIR, ER7, XML, ...) for a translated
    /// message, the payload member for a canonical one. Either party can see and check what was
    /// received whatever its own format. Does not count as a download.
    func original(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        let id = try Self.messageID(context)
        guard let (record, original) = try await store.original(of: id, visibleTo: partner.mailbox) else {
            throw Problem.from(StoreError(.notFound, "no message \(id) in the inbox or outbox of \(partner.mailbox)"), id: id.description)
        }
        if record.envelope.recipient == partner.mailbox {
            // The recipient never gets around withholding or minimisation through the original.
            if let withheldAt = record.withheldAt { throw ConsentProblems.withheld("message \(id) was withheld at \(Timestamp.format(withheldAt))") }
            if !record.minimisedFields.isEmpty { throw ConsentProblems.minimisedOriginal(id) }
        }
        guard let original else {
            throw Problem(
                .gone, "original-purged",
                title: "The original was deleted when the message expired",
                detail: "message \(id) expired and its content was purged; the log still holds its commitments",
                path: "id", rule: "original-available", hint: "ask the sender to send the message again"
            )
        }
        var headers = HTTPFields()
        headers[.contentType] = original.mediaType
        if let name = HTTPField.Name("Handover-Message-Id") { headers[name] = id.description }
        if let signature = record.signature, let name = SubmissionSignature.header { headers[name] = signature }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: original.bytes)))
    }

    /// Whether the caller asked for the canonical message whatever its own format.
    static func asksForCanonical(_ request: Request) -> Bool {
        guard let accept = request.headers[.accept] else { return false }
        return accept.split(separator: ",").contains {
            MediaType.essence($0) == canonicalMediaType
        }
    }

    /// `POST /v1/inbox/{id}/ack`: the recipient confirms it has the message; it leaves the inbox.
    func acknowledge(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        let id = try Self.messageID(context)
        do {
            let record = try await store.acknowledge(id, by: partner.mailbox, now: clock.now())
            return Self.jsonResponse(MessageStatusJSON.encode(record))
        } catch let error as StoreError {
            throw Problem.from(error, id: id.description)
        }
    }

    static func messageID(_ context: GatewayContext) throws -> MessageID {
        let raw = context.parameters.get("id") ?? ""
        do {
            return try MessageID(validating: raw, path: "id")
        } catch {
            throw Problem(
                .badRequest,
                "invalid-message-id",
                title: "The message id is malformed",
                detail: "\"\(raw)\" is not a message id",
                path: "id", rule: "uuid", hint: "use the id from the 202 receipt or the inbox listing, a lower-case UUID"
            )
        }
    }

    /// Reads `cursor` and `limit` from the query, refusing malformed ones with a clear problem.
    func pageParameters(_ request: Request) throws -> (cursor: Int64?, limit: Int) {
        let query = request.uri.queryParameters
        let maximum = configuration.limits.maxPageSize
        var limit = min(100, maximum)
        if let raw = query["limit"] {
            guard let value = Int(raw), (1...maximum).contains(value) else {
                throw Problem(
                    .badRequest,
                    "invalid-query",
                    title: "The limit is out of range",
                    detail: "limit was \(raw)",
                    path: "limit", rule: "range", hint: "send a whole number from 1 to \(maximum)"
                )
            }
            limit = value
        }
        guard let rawCursor = query["cursor"] else { return (nil, limit) }
        guard let cursor = PageCursor.decode(String(rawCursor)) else {
            throw Problem(
                .badRequest,
                "invalid-query",
                title: "The cursor is not one this gateway issued",
                detail: "cursor was \(rawCursor)",
                path: "cursor", rule: "cursor", hint: "send the 'next' value of the previous page unchanged, or no cursor to start"
            )
        }
        return (cursor, limit)
    }

    func pageResponse(_ page: MessagePage, path: String, limit: Int) -> Response {
        let next = page.next.map(PageCursor.encode)
        var headers = HTTPFields()
        if let next, let link = HTTPField.Name("Link") {
            headers[link] = "<\(path)?cursor=\(next)&limit=\(limit)>; rel=\"next\""
        }
        return Self.jsonResponse(MessageStatusJSON.encode(page: page.messages, next: next), headers: headers)
    }
}

/// Opaque page cursors: the position after which the next page starts, so a page never skips or
/// repeats a message even while new ones arrive.
enum PageCursor {
    static func encode(_ sequence: Int64) -> String { "c" + String(sequence, radix: 36) }

    static func decode(_ text: String) -> Int64? {
        guard text.first == "c", let value = Int64(text.dropFirst(), radix: 36), value >= 0 else { return nil }
        return value
    }
}
