import HandoverStore
import Hummingbird

/// Establishes which information-governance account a `/v1/ig` request comes from, by its key in
/// `Authorization: Bearer`; a partner's key is refused with 403, never treated as an IG one.
struct IGAuthenticator: RouterMiddleware {
    typealias Context = GatewayContext
    let store: any Store
    let directory: PartnerDirectory

    func handle(_ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response) async throws -> Response {
        guard let key = PartnerAuthenticator.apiKey(in: request) else {
            throw IGProblems.unauthenticated("no IG key was sent")
        }
        let hash = APIKey.hash(key)
        guard key.hasPrefix(IGKey.prefix), let account = try await store.igAccount(keyHash: hash), !account.disabled else {
            if try await directory.partner(apiKeyHash: hash) != nil { throw IGProblems.partnerOnIGAPI }
            throw IGProblems.unauthenticated("the key is not registered to any enabled IG account")
        }
        var context = context
        context.igAccount = account
        return try await next(request, context)
    }
}
