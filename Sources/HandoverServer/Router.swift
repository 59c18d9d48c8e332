import HandoverFormats
import HTTPTypes
import HandoverStore
import Hummingbird
import Prometheus

extension Gateway {
    /// The native API (`contracts/openapi.yaml`), the MESH-compatible API when configured
    /// (`contracts/mesh/README.md`), health and metrics.
    func makeRouter() -> Router<GatewayContext> {
        let router = Router(context: GatewayContext.self)
        router.add(middleware: ConnectionLoopMiddleware())
        router.add(middleware: ProblemMiddleware(metrics: metrics))
        router.get("/livez") { _, _ in Self.json(["status": "ok"]) }
        router.get("/readyz") { [self] _, _ in try await readiness() }
        router.get("/metrics") { [self] _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
        }
        let api = router.group("v1").add(
            middleware: PartnerAuthenticator(directory: directory, mutualTLS: configuration.tls?.clientCertificateAuthority != nil)
        )
        api.post("messages") { [self] request, context in try await submit(request, context: context) }
        api.get("inbox") { [self] request, context in try await listInbox(request, context: context) }
        api.get("inbox/:id") { [self] request, context in try await download(request, context: context) }
        api.get("inbox/:id/original") { [self] request, context in try await original(request, context: context) }
        api.post("inbox/:id/ack") { [self] request, context in try await acknowledge(request, context: context) }
        api.get("outbox") { [self] request, context in try await listOutbox(request, context: context) }
        api.get("outbox/:id") { [self] request, context in try await track(request, context: context) }
        api.get("messages/:id/proof") { [self] request, context in try await messageProof(request, context: context) }
        api.get("log/checkpoint") { [self] request, context in try await latestCheckpoint(request, context: context) }
        api.get("log/keys") { [self] request, context in try await logKeys(request, context: context) }
        api.get("log/proof/inclusion") { [self] request, context in try await inclusionProof(request, context: context) }
        api.get("log/proof/consistency") { [self] request, context in try await consistencyProof(request, context: context) }
        if let mesh = configuration.mesh { MESHService(gateway: self, configuration: mesh).register(on: router) }
        registerConsentRoutes(api)
        registerInformationGovernance(router)
        return router
    }

    private func readiness() async throws -> Response {
        do {
            _ = try await store.partners()
            return Self.json(["status": "ready"])
        } catch {
            throw Problem(.serviceUnavailable, "not-ready", title: "The store is not reachable", detail: "\(error)")
        }
    }

    static func json(_ object: [String: String], status: HTTPResponse.Status = .ok) -> Response {
        var writer = JSONWriter()
        writer.write(.object(object.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        return jsonResponse(writer.bytes, status: status)
    }

    static func jsonResponse(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
