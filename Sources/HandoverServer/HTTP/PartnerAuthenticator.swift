import Crypto
import HTTPTypes
import HandoverModel
import Hummingbird
import NIOCore
import NIOSSL

/// Establishes which partner a request comes from: by the client certificate on a mutual-TLS
/// connection, else by the API key in `Authorization: Bearer` (or `X-API-Key`).
struct PartnerAuthenticator: RouterMiddleware {
    typealias Context = GatewayContext
    let directory: PartnerDirectory
    let mutualTLS: Bool

    func handle(
        _ request: Request,
        context: GatewayContext,
        next: (Request, GatewayContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        if mutualTLS, let partner = try await partnerFromCertificate(context.channel) {
            context.partner = partner
            return try await next(request, context)
        }
        guard let key = Self.apiKey(in: request) else {
            throw Problem.unauthenticated("no API key was sent and no registered client certificate was presented")
        }
        if key.hasPrefix(IGKey.prefix) { throw IGProblems.igAccountOnPartnerAPI }
        guard let partner = try await directory.partner(apiKeyHash: APIKey.hash(key)) else {
            throw Problem.unauthenticated("the API key is not registered to any partner (it may have been rotated)")
        }
        context.partner = partner
        return try await next(request, context)
    }

    static func apiKey(in request: Request) -> String? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
        }
        if let name = HTTPField.Name("X-API-Key"), let key = request.headers[name] { return key }
        return nil
    }

    private func partnerFromCertificate(_ channel: any Channel) async throws -> Partner? {
        guard let certificate = try await channel.nioSSL_peerCertificate().get() else { return nil }
        let fingerprint = APIKey.hex(SHA256.hash(data: try certificate.toDERBytes()))
        return try await directory.partner(certificateFingerprint: fingerprint)
    }
}
