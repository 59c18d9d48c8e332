import Foundation
import HandoverModel
import HandoverStore
import HTTPTypes
import Hummingbird

/// The MESH-compatible partner API under `/messageexchange/` (`contracts/mesh/README.md`): MESH
/// mailboxes are Handover partners, and what they send goes through the same checks, store and
/// log as the native API.
final class MESHService: Sendable {
    let gateway: Gateway
    let configuration: MESHConfiguration
    let sharedKey: [UInt8]
    let workflows: MESHWorkflows
    let replay: MESHReplayGuard
    let mailboxes: MESHMailboxDirectory
    let admission: MESHAdmission
    /// Receives one message or chunk: in memory when small, else in a synced spool file.
    let receiver: BodyReceiver
    let spoolDirectory: URL

    init(gateway: Gateway, configuration: MESHConfiguration) {
        self.gateway = gateway
        self.configuration = configuration
        sharedKey = Array(configuration.sharedKey.utf8)
        workflows = MESHWorkflows(passThrough: configuration.passThrough)
        replay = MESHReplayGuard(store: gateway.store)
        mailboxes = MESHMailboxDirectory(store: gateway.store)
        admission = MESHAdmission(limit: configuration.maxConcurrentRequests)
        spoolDirectory = gateway.receiver.spoolDirectory
        receiver = BodyReceiver(
            spoolDirectory: spoolDirectory,
            inlineLimit: gateway.configuration.limits.inlineMessageBytes,
            maxBytes: configuration.maxChunkBytes
        )
    }

    var store: any Store { gateway.store }
    var now: Date { gateway.clock.now() }

    /// Adds the MESH routes to `router`.
    func register(on router: Router<GatewayContext>) {
        let open = router.group("messageexchange").add(middleware: MESHOpenEdge())
        open.get("_ping") { _, _ in Self.ping() }
        open.get("endpointlookup/:ods/:workflow") { [self] request, context in try await lookup(request, context: context) }
        open.get("workflowsearch/:workflow") { [self] request, context in try await workflowSearch(request, context: context) }
        router.get("_ping") { _, _ in Self.ping() }
        router.get("health") { _, _ in Self.ping() }

        let api = router.group("messageexchange").add(middleware: MESHEdge(service: self))
        api.post(":mailbox") { [self] request, context in try await handshake(request, context: context) }
        api.get(":mailbox") { [self] request, context in try await handshake(request, context: context) }
        api.post(":mailbox/outbox") { [self] request, context in try await send(request, context: context) }
        api.post(":mailbox/outbox/:id/:chunk") { [self] request, context in try await uploadChunk(request, context: context) }
        api.get(":mailbox/outbox/tracking") { [self] request, context in try await track(request, context: context) }
        api.get(":mailbox/inbox") { [self] request, context in try await listInbox(request, context: context) }
        api.get(":mailbox/count") { [self] request, context in try await count(request, context: context) }
        api.get(":mailbox/inbox/:id") { [self] request, context in try await download(request, context: context, chunk: 1) }
        api.on(":mailbox/inbox/:id", method: .head) { [self] request, context in try await download(request, context: context, chunk: 1) }
        api.get(":mailbox/inbox/:id/:chunk") { [self] request, context in
            guard let chunk = context.parameters.get("chunk").flatMap(Int.init), chunk >= 1 else {
                throw MESHError(.notFound, event: "RECEIVE", code: "20", "no such chunk")
            }
            return try await download(request, context: context, chunk: chunk)
        }
        api.put(":mailbox/inbox/:id/status/acknowledged") { [self] request, context in try await acknowledge(request, context: context) }
    }

    /// `POST /messageexchange/{mailbox}`: the handshake; the edge has authenticated the mailbox.
    func handshake(_ request: Request, context: GatewayContext) async throws -> Response {
        let version = MESHVersion.of(request.headers)
        var missing: [String] = []
        if request.method == .post {
            for name in ["mex-ClientVersion", "mex-OSName", "mex-OSVersion"] {
                if let field = HTTPField.Name(name), request.headers[field] == nil { missing.append(name) }
            }
        }
        guard missing.isEmpty else { throw MESHError.malformedHeaders(missing) }
        if version == .v2 { return Response(status: .ok) }
        let id = try mailbox(context)
        var writer = MESHJSON()
        writer.object { $0.field("mailboxId", id) }
        return writer.response(.ok, version: .v1)
    }

    /// The upper-cased mailbox of the path.
    func mailbox(_ context: GatewayContext) throws -> String {
        guard let raw = context.parameters.get("mailbox") else { throw MESHError.forbidden("No mailbox matched") }
        return raw.uppercased()
    }

    /// The message id of the path: the MESH form of a Handover message id (a UUID, shown upper case).
    static func messageID(_ context: GatewayContext) throws -> MessageID {
        let raw = context.parameters.get("id") ?? ""
        guard let id = try? MessageID(validating: raw) else { throw MESHError.noSuchMessage(raw.uppercased()) }
        return id
    }

    /// The MESH form of a message id.
    static func meshID(_ id: MessageID) -> String { id.value.uppercased() }

    static func ping() -> Response {
        var writer = MESHJSON()
        writer.object {
            $0.field("env", "handover")
            $0.field("build_label", "handover")
            $0.field("status", "running")
            $0.field("outcome", "Yes")
        }
        return writer.response(.ok, version: .v1)
    }
}
