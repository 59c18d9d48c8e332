import Foundation
import HandoverFormats
import HandoverLedger
import HandoverModel
import HandoverStore
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// The IG web console under `/ig/`: server-rendered pages for search, a share's timeline and
/// proof, a person's consent history, the log's status with a verify action, and CSV export.
extension Gateway {
    static let consoleLibrary: MustacheLibrary? = try? ConsoleTemplates.library()

    func registerConsole(_ router: Router<GatewayContext>) {
        router.get("ig/login") { [self] _, _ in
            let csrf = ConsoleSession.token()
            var response = try Self.page("login", ["title": "Sign in", "csrf": csrf])
            response.headers[.setCookie] = ConsoleSession.setCookie(ConsoleSession.loginCookie, csrf, maxAge: 600, secure: secureCookies)
            return response
        }
        router.post("ig/login") { [self] request, _ in try await signIn(request) }
        router.get("ig/login/link") { [self] request, _ in try await signInWithLink(request) }
        let console = router.group("ig").add(middleware: ConsoleAuthenticator(store: store))
        console.get("") { _, _ in Response(status: .seeOther, headers: [.location: "/ig/shares"]) }
        console.get("shares") { [self] request, context in try await sharesPage(request, context: context) }
        console.get("shares/:id") { [self] _, context in try await sharePage(try Self.messageID(context), context: context) }
        console.get("shares/:id/proof.json") { [self] _, context in
            let id = try Self.messageID(context)
            guard let bundle = try await ledger.proofBundle(for: id, disclosingSalt: false, now: clock.now()) else { throw IGProblems.noShare(id.value) }
            var response = Self.jsonResponse(try bundle.json())
            response.headers[.contentDisposition] = "attachment; filename=\"proof-\(id.value).json\""
            return response
        }
        console.get("people/:nhs/consents") { [self] _, context in try await consentsPage(context) }
        console.get("log") { [self] _, context in try await logPage(context, verification: nil) }
        console.post("log/verify") { [self] request, context in
            try await requireCSRF(request, context)
            try Self.requireOfficer(context, "verifying the log")
            let report = try ConsoleValues.object(try await verifyLogJSON())
            return try await logPage(context, verification: report)
        }
        console.get("export.csv") { [self] request, context in
            try Self.requireOfficer(context, "exporting shares")
            return Self.csvResponse(try await allShares(request), partners: try await partnerMap())
        }
        console.post("logout") { [self] request, context in
            try await requireCSRF(request, context)
            if let hash = context.consoleSessionHash { try await store.deleteIGSession(tokenHash: hash) }
            var response = Response(status: .seeOther, headers: [.location: "/ig/login"])
            response.headers[.setCookie] = ConsoleSession.setCookie(ConsoleSession.cookie, "", maxAge: 0, secure: secureCookies)
            return response
        }
    }

    var secureCookies: Bool { configuration.tls != nil }

    /// Issues a one-time sign-in link for `username`, valid for two minutes
    /// (`handover ig login-link`, or `POST /v1/ig/console-link` for the signed-in account).
    public func consoleLoginLink(for username: String, next: String = "/ig/shares") async throws -> String {
        try await IGAudit.loginLink(store: store, username: username, next: next, now: clock.now())
    }

    private func startSession(_ username: String, next: String) async throws -> Response {
        let token = ConsoleSession.token()
        let session = IGSession(
            tokenHash: APIKey.hash(token), username: username, csrfToken: ConsoleSession.token(),
            expiresAt: clock.now().addingTimeInterval(ConsoleSession.lifetime)
        )
        try await store.createIGSession(session)
        var response = Response(status: .seeOther, headers: [.location: ConsoleSession.safeNext(next)])
        response.headers[.setCookie] = ConsoleSession.setCookie(ConsoleSession.cookie, token, maxAge: Int(ConsoleSession.lifetime), secure: secureCookies)
        return response
    }

    private func signIn(_ request: Request) async throws -> Response {
        let form = try await ConsoleSession.form(request)
        guard let expected = ConsoleSession.cookieValue(ConsoleSession.loginCookie, in: request), let sent = form["csrf"],
            ConsoleSession.same(expected, sent)
        else {
            return try Self.page("login", ["title": "Sign in", "error": "The sign-in form expired; try again.", "csrf": ""], status: .forbidden)
        }
        guard let key = form["key"], key.hasPrefix(IGKey.prefix), let account = try await store.igAccount(keyHash: APIKey.hash(key)), !account.disabled else {
            return try Self.page("login", ["title": "Sign in", "error": "That key is not an IG account's key.", "csrf": expected], status: .unauthorized)
        }
        return try await startSession(account.username, next: "/ig/shares")
    }

    private func signInWithLink(_ request: Request) async throws -> Response {
        guard let token = request.uri.queryParameters["token"].map(String.init),
            let username = try await store.redeemIGLoginToken(hash: APIKey.hash(token), now: clock.now())
        else {
            return try Self.page("login", ["title": "Sign in", "error": "That sign-in link has expired or was already used.", "csrf": ""], status: .unauthorized)
        }
        return try await startSession(username, next: request.uri.queryParameters["next"].map(String.init) ?? "/ig/shares")
    }

    private func requireCSRF(_ request: Request, _ context: GatewayContext) async throws {
        let form = try await ConsoleSession.form(request)
        guard let expected = context.consoleCSRF, let sent = form["csrf"], ConsoleSession.same(expected, sent) else {
            throw Problem(.forbidden, "csrf", title: "The form is not from this session", detail: "the CSRF token is missing or wrong",
                          path: "csrf", rule: "csrf-token", hint: "reload the page and submit its form again")
        }
    }

    private func sharesPage(_ request: Request, context: GatewayContext) async throws -> Response {
        let parameters = ShareQueryParser.parameters(request)
        var values: [String: Any] = ["title": "Shares", "account": Self.accountValues(context)]
        values["query"] = Dictionary(parameters, uniquingKeysWith: { first, _ in first })
        guard parameters.contains(where: { !$0.1.isEmpty }) else { return try Self.page("shares", values) }
        let parser = ShareQueryParser(parameters, maxLimit: configuration.limits.maxPageSize)
        if !parser.issues.isEmpty {
            values["error"] = parser.issues.map { "\($0.path): \($0.hint)" }.joined(separator: "; ")
            return try Self.page("shares", values, status: .badRequest)
        }
        let page = try await store.shares(matching: parser.query, after: parser.cursor, limit: parser.limit)
        let partners = try await partnerMap()
        let rows = try page.messages.map { try Self.shareValues($0, partners: partners) }
        let queryString = Self.queryString(parameters.filter { $0.0 != "cursor" })
        values["searched"] = ["count": rows.count, "one": rows.count == 1, "shares": rows, "queryString": queryString,
                              "next": page.next.map { queryString + "&cursor=" + PageCursor.encode($0) } as Any]
        return try Self.page("shares", values)
    }

    private func sharePage(_ id: MessageID, context: GatewayContext) async throws -> Response {
        let detail = try ConsoleValues.object(try await shareDetailJSON(id))
        guard let record = try await store.share(id) else { throw IGProblems.noShare(id.value) }
        var values = try Self.shareValues(record, partners: try await partnerMap())
        values["title"] = "Share"
        values["account"] = Self.accountValues(context)
        values["fieldsRemoved"] = record.minimisedFields
        values["events"] = detail["events"] ?? []
        values["consent"] = detail["consent"]
        let leaves = try await store.leaves(of: id)
        if let submitted = leaves.first, let checkpoint = try await store.latestCheckpoint(), checkpoint.treeSize > submitted.index {
            let proof = try await ledger.inclusionProof(leafIndex: submitted.index, treeSize: checkpoint.treeSize)
            values["proof"] = [
                "leafIndex": submitted.index, "treeSize": checkpoint.treeSize, "rootHash": Hex.encode(checkpoint.rootHash),
                "issuedAt": Timestamp.format(checkpoint.issuedAt), "auditPath": proof.auditPath.map(Hex.encode),
            ] as [String: Any]
        }
        return try Self.page("share", values)
    }

    private func consentsPage(_ context: GatewayContext) async throws -> Response {
        let raw = context.parameters.get("nhs") ?? ""
        guard let person = try? NHSNumber(validating: raw) else {
            throw IGProblems.query([ValidationIssue(path: "nhs", rule: "nhs-number-format", hint: "send a valid 10-digit NHS number")])
        }
        let consents = try await store.consents(of: person).map(Self.consentValues)
        return try Self.page("consents", ["title": "Consent history", "account": Self.accountValues(context), "nhsNumber": person.value, "consents": consents])
    }

    private func logPage(_ context: GatewayContext, verification: [String: Any]?) async throws -> Response {
        var values = try ConsoleValues.object(try await logStatusJSON())
        values["title"] = "Log"
        values["account"] = Self.accountValues(context)
        values["csrf"] = context.consoleCSRF ?? ""
        values["verification"] = verification
        return try Self.page("log", values)
    }
}
