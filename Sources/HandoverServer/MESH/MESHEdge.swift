import Crypto
import Foundation
import HandoverModel
import HandoverStore
import Logging
import HTTPTypes
import Hummingbird
import NIOCore
import NIOSSL

/// The edge of the authenticated MESH routes: response version, back-pressure, NHSMESH
/// authentication with replay protection, the client certificate on mutual TLS, and MESH error
/// JSON for every refusal (never a problem document: MESH clients parse their own error shapes).
struct MESHEdge: RouterMiddleware {
    typealias Context = GatewayContext
    let service: MESHService

    func handle(_ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response) async throws -> Response {
        guard let version = MESHVersion.from(accept: request.headers[.accept]) else {
            return MESHError(.badRequest, event: "", code: "", "Accept header api format incorrect").response(.v1)
        }
        do {
            let (partner, use) = try await authenticate(request, context: context)
            var context = context
            context.partner = partner
            let response = await admitted(request, context: context, version: version, next: next)
            if MESHReplayGuard.retriedStatuses.contains(response.status.code) { try await service.replay.release(use) }
            return response
        } catch {
            return Self.error(for: error, context: context).response(version)
        }
    }

    /// Runs the route if there is room; refuses with 429, or 503 on a first send, before reading
    /// the body, so nothing is stored. The token stays usable for the client's retry.
    private func admitted(
        _ request: Request, context: GatewayContext, version: MESHVersion, next: (Request, GatewayContext) async throws -> Response
    ) async -> Response {
        guard service.admission.enter() else {
            let firstSend = request.method == .post && request.uri.path.hasSuffix("/outbox")
            var error = MESHError(firstSend ? .serviceUnavailable : .tooManyRequests, event: "", code: "", "The gateway is busy; retry after the time in Retry-After")
            error.headers[.retryAfter] = String(service.configuration.retryAfterSeconds)
            return error.response(version)
        }
        defer { service.admission.leave() }
        do {
            return try await next(request, context)
        } catch {
            return Self.error(for: error, context: context).response(version)
        }
    }

    private func authenticate(_ request: Request, context: GatewayContext) async throws -> (Partner, MESHTokenUse) {
        let mailbox = try service.mailbox(context)
        guard let header = request.headers[.authorization] else { throw MESHError.forbidden("Error reading from Authorization header") }
        let token: MESHToken
        do { token = try MESHToken.parse(header) } catch { throw MESHError.forbidden(error.description) }
        guard let entry = try await service.mailboxes.entry(mailbox) else {
            throw MESHError(.notFound, event: "", code: "", "No mailbox matched: \(mailbox) is not registered")
        }
        do {
            try token.verify(pathMailbox: mailbox, password: entry.mailbox.password, sharedKey: service.sharedKey, now: service.now)
        } catch {
            throw MESHError.forbidden(error.description)
        }
        if service.gateway.configuration.tls?.clientCertificateAuthority != nil {
            guard let certificate = try await context.channel.nioSSL_peerCertificate().get() else {
                throw MESHError.forbidden("A client certificate is required")
            }
            let fingerprint = APIKey.hex(SHA256.hash(data: try certificate.toDERBytes()))
            guard entry.partner.certificateFingerprints.contains(fingerprint) else {
                throw MESHError.forbidden("The client certificate is not registered for mailbox \(mailbox)")
            }
        }
        guard let use = try await service.replay.claim(token, now: service.now) else {
            throw MESHError.forbidden(MESHToken.Refusal.replayed.description)
        }
        return (entry.partner, use)
    }

    /// The MESH error for any failure of a MESH route.
    static func error(for error: any Error, context: GatewayContext) -> MESHError {
        switch error {
        case let error as MESHError:
            return error
        case let problem as Problem:
            return MESHError(problem: problem)
        case let error as StoreError:
            if error.code == .storage { context.logger.error("store failure on the MESH API", metadata: ["error": "\(error)"]) }
            return MESHError(problem: Problem.from(error, id: ""))
        case let error as HTTPError:
            return MESHError(error.status, event: "", code: "", error.body ?? error.status.reasonPhrase)
        default:
            context.logger.error("unexpected failure on the MESH API", metadata: ["error": "\(error)"])
            return MESHError(.internalServerError, event: "", code: "", "An internal error occurred; nothing was stored for this request")
        }
    }
}

/// The edge of the MESH routes that need no authentication (ping, endpoint lookup): MESH error JSON.
struct MESHOpenEdge: RouterMiddleware {
    typealias Context = GatewayContext

    func handle(_ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response) async throws -> Response {
        let version = MESHVersion.of(request.headers)
        do {
            return try await next(request, context)
        } catch {
            return MESHEdge.error(for: error, context: context).response(version)
        }
    }
}

extension MESHError {
    /// A Handover refusal in MESH terms: validation refusals are 417, as MESH answers a send it
    /// cannot accept; the problem's name and detail become the code and message.
    init(problem: Problem) {
        let status: HTTPResponse.Status
        switch problem.status.code {
        case 400, 422: status = .expectationFailed
        case 401: status = .forbidden
        case 413: status = .contentTooLarge
        default: status = problem.status
        }
        let issues = problem.errors.map { "\($0.path): \($0.rule) (\($0.hint))" }.joined(separator: "; ")
        self.init(status, event: "SEND", code: problem.name, issues.isEmpty ? problem.detail : "\(problem.detail): \(issues)")
        headers = problem.headers
    }
}
