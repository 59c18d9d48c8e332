import Crypto
import Foundation
import HandoverStore
import HTTPTypes
import Hummingbird

/// Console sign-in: a random session token in an `HttpOnly`, `SameSite=Strict` cookie (and
/// `Secure` behind TLS), kept in the store only as its SHA-256, with a CSRF token every form of
/// the session carries. Sessions last eight hours.
enum ConsoleSession {
    static let cookie = "handover_ig_session"
    static let loginCookie = "handover_ig_login"
    static let lifetime: TimeInterval = 8 * 3600
    static let loginLinkLifetime: TimeInterval = 120

    /// A random 256-bit token, base64url.
    static func token() -> String { String(APIKey.generate().dropFirst(4)) }

    /// The `Set-Cookie` value for `name`.
    static func setCookie(_ name: String, _ value: String, maxAge: Int, secure: Bool, path: String = "/ig") -> String {
        "\(name)=\(value); Path=\(path); Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The value of cookie `name` in the request, if sent.
    static func cookieValue(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == name { return String(parts[1]) }
            }
        }
        return nil
    }

    /// The fields of an `application/x-www-form-urlencoded` body.
    static func form(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 16 * 1024)
        let text = String(decoding: buffer.readableBytesView, as: UTF8.self).replacingOccurrences(of: "+", with: " ")
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if let name = parts.first { fields[name] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }

    /// Whether two secrets are equal, in time independent of where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Where a sign-in may send the browser next: a console page, never another site.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/ig/"), !raw.hasPrefix("//"), !raw.contains("\\"), !raw.contains("\r"), !raw.contains("\n") else {
            return "/ig/shares"
        }
        return raw
    }
}

/// Puts the signed-in IG account in the context of console pages; anything else is sent to the
/// sign-in page (or refused, for a form post).
struct ConsoleAuthenticator: RouterMiddleware {
    typealias Context = GatewayContext
    let store: any Store

    func handle(_ request: Request, context: GatewayContext, next: (Request, GatewayContext) async throws -> Response) async throws -> Response {
        guard let token = ConsoleSession.cookieValue(ConsoleSession.cookie, in: request),
            let session = try await store.igSession(tokenHash: APIKey.hash(token), now: Date()),
            let account = try await store.igAccount(username: session.username), !account.disabled
        else {
            return Response(status: .seeOther, headers: [.location: "/ig/login"])
        }
        var context = context
        context.igAccount = account
        context.consoleCSRF = session.csrfToken
        context.consoleSessionHash = session.tokenHash
        return try await next(request, context)
    }
}
