public import HandoverModel
public import HandoverStore
public import Hummingbird
public import NIOCore

/// Per-request state: the connection (for the client certificate) and the authenticated partner.
public struct GatewayContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came in on.
    public let channel: any Channel
    /// The partner the request authenticated as; set by `PartnerAuthenticator`.
    public var partner: Partner?
    /// The information-governance account the request authenticated as; set by `IGAuthenticator`
    /// or the console's session, never together with `partner`.
    public var igAccount: IGAccount?
    /// The CSRF token of the console session, for its forms.
    var consoleCSRF: String?
    /// The SHA-256 of the console session's token, to end it.
    var consoleSessionHash: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
        partner = nil
        igAccount = nil
        consoleCSRF = nil
        consoleSessionHash = nil
    }

    /// Bodies are streamed and limited by the submit route itself, never collected whole here.
    public var maxUploadSize: Int { 64 * 1024 }

    /// The authenticated partner; routes behind `PartnerAuthenticator` always have one.
    func requirePartner() throws -> Partner {
        guard let partner else { throw Problem.unauthenticated("this endpoint needs a partner's credentials") }
        return partner
    }
}
