import HandoverModel
import HandoverStore
import Hummingbird

extension Gateway {
    /// `GET /v1/outbox`: what the caller has sent, oldest first, with each message's status.
    func listOutbox(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        let (cursor, limit) = try pageParameters(request)
        let page = try await store.outbox(of: partner.mailbox, after: cursor, limit: limit)
        return pageResponse(page, path: "/v1/outbox", limit: limit)
    }

    /// `GET /v1/outbox/{id}`: tracking for one message the caller sent or received.
    func track(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        let id = try Self.messageID(context)
        guard let record = try await store.message(id, visibleTo: partner.mailbox) else {
            throw Problem.notFound(id.description)
        }
        return Self.jsonResponse(MessageStatusJSON.encode(record))
    }
}
