import Foundation
import HandoverFormats
import HandoverLedger
import HandoverModel
import HandoverStore
import HTTPTypes
import Hummingbird
import NIOCore

/// The information-governance API under `/v1/ig` (`contracts/openapi.yaml`, tag `ig`): search
/// shares, one share with its timeline and proof, exports as CSV and FHIR AuditEvent, a subject
/// access report, a person's consent history, and the log's status with a full verification.
extension Gateway {
    func registerInformationGovernance(_ router: Router<GatewayContext>) {
        let ig = router.group("v1/ig").add(middleware: IGAuthenticator(store: store, directory: directory))
        ig.get("shares") { [self] request, _ in
            let (parser, page) = try await searchShares(request)
            return Self.jsonResponse(ShareJSON.page(page, partners: try await partnerMap()), headers: nextLink(page, parser, path: "/v1/ig/shares"))
        }
        ig.get("shares/:id") { [self] _, context in Self.jsonResponse(try await shareDetailJSON(try Self.messageID(context))) }
        ig.get("shares/:id/proof") { [self] _, context in
            let id = try Self.messageID(context)
            guard let bundle = try await ledger.proofBundle(for: id, disclosingSalt: false, now: clock.now()) else { throw IGProblems.noShare(id.value) }
            return Self.jsonResponse(try bundle.json())
        }
        ig.get("export") { [self] request, context in try await export(request, context: context) }
        ig.get("subject-access") { [self] request, context in try await subjectAccess(request, context: context) }
        ig.get("consents") { [self] request, _ in
            let person = try Self.nhsNumberParameter(request)
            return Self.jsonResponse(Self.consentList(try await store.consents(of: person)))
        }
        ig.get("log") { [self] _, _ in Self.jsonResponse(try await logStatusJSON()) }
        ig.post("log/verify") { [self] _, context in
            try Self.requireOfficer(context, "verifying the log")
            return Self.jsonResponse(try await verifyLogJSON())
        }
        ig.post("console-link") { [self] request, context in
            guard let account = context.igAccount else { throw IGProblems.unauthenticated("no IG account") }
            let next = request.uri.queryParameters["next"].map(String.init) ?? "/ig/shares"
            return Self.json(["url": try await consoleLoginLink(for: account.username, next: ConsoleSession.safeNext(next))], status: .created)
        }
        registerConsole(router)
    }

    /// Runs a search from the request's query, 400 on any malformed parameter.
    func searchShares(_ request: Request, limitCap: Int? = nil) async throws -> (ShareQueryParser, MessagePage) {
        let parser = ShareQueryParser(ShareQueryParser.parameters(request), maxLimit: limitCap ?? configuration.limits.maxPageSize)
        if !parser.issues.isEmpty { throw IGProblems.query(parser.issues) }
        return (parser, try await store.shares(matching: parser.query, after: parser.cursor, limit: parser.limit))
    }

    /// Every registered partner by mailbox, to name the organisations behind each share.
    func partnerMap() async throws -> [MailboxID: Partner] {
        Dictionary(try await store.partners().map { ($0.mailbox, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private func nextLink(_ page: MessagePage, _ parser: ShareQueryParser, path: String) -> HTTPFields {
        var headers = HTTPFields()
        if let next = page.next, let link = HTTPField.Name("Link") { headers[link] = "<\(path)?cursor=\(PageCursor.encode(next))&limit=\(parser.limit)>; rel=\"next\"" }
        return headers
    }

    /// One share with its events (each a log leaf) and, for a share on consent, that consent.
    func shareDetailJSON(_ id: MessageID) async throws -> [UInt8] {
        guard let record = try await store.share(id) else { throw IGProblems.noShare(id.value) }
        var writer = JSONWriter(capacity: 2048)
        ShareJSON.write(record, into: &writer, partners: try await partnerMap(), closing: false)
        writer.raw(",\"events\":[")
        var first = true
        for leaf in try await store.leaves(of: id) {
            guard let event = try? LogEvent.parse(leafBytes: leaf.bytes) else { continue }
            if !first { writer.raw(",") }
            first = false
            writer.raw("{\"leafIndex\":")
            writer.raw(String(leaf.index).utf8)
            writer.raw(",\"kind\":")
            writer.string(event.kind.rawValue)
            writer.raw(",\"actor\":")
            writer.string(event.actor)
            writer.raw(",\"time\":")
            writer.string(event.time)
            writer.raw(",\"leafHash\":")
            writer.string(Hex.encode(leaf.hash))
            writer.raw("}")
        }
        writer.raw("]")
        if let consentID = record.envelope.lawfulBasis?.consentID, let consent = try await store.consent(consentID) {
            writer.raw(",\"consent\":")
            writer.raw(CanonicalConsentCodec.json(consent))
        }
        writer.raw("}")
        return writer.bytes
    }

    /// `GET /v1/ig/export?format=csv|fhir&…`: every share the search finds (up to 100,000).
    private func export(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireOfficer(context, "exporting shares")
        let format = request.uri.queryParameters["format"].map(String.init) ?? "csv"
        guard format == "csv" || format == "fhir" else {
            throw IGProblems.query([ValidationIssue(path: "format", rule: "enum", hint: "send format=csv or format=fhir")])
        }
        let records = try await allShares(request)
        let partners = try await partnerMap()
        var headers = HTTPFields()
        if format == "fhir" {
            headers[.contentType] = "application/fhir+json"
            let bytes = AuditEventFHIR.bundle(records, partners: partners, now: clock.now()).serialized
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        return Self.csvResponse(records, partners: partners)
    }

    static func csvResponse(_ records: [MessageRecord], partners: [MailboxID: Partner]) -> Response {
        var text = ShareCSV.line(ShareCSV.header)
        for record in records { text += ShareCSV.line(ShareCSV.row(record, partners: partners)) }
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"handover-shares.csv\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Every share a search finds, paging through the store.
    func allShares(_ request: Request) async throws -> [MessageRecord] {
        let (parser, first) = try await searchShares(request, limitCap: 10_000)
        var page = first
        var records = page.messages
        while let next = page.next, records.count < 100_000 {
            page = try await store.shares(matching: parser.query, after: next, limit: 1_000)
            records += page.messages
        }
        return records
    }

    /// `GET /v1/ig/subject-access?nhsNumber=…`: every share about one person and every consent
    /// they gave, with a proof bundle per share.
    private func subjectAccess(_ request: Request, context: GatewayContext) async throws -> Response {
        try Self.requireOfficer(context, "a subject access report")
        let person = try Self.nhsNumberParameter(request)
        let records = try await allShares(request)
        let partners = try await partnerMap()
        var writer = JSONWriter(capacity: 4096 + records.count * 4096)
        writer.raw("{\"nhsNumber\":")
        writer.string(person.value)
        writer.raw(",\"generatedAt\":")
        writer.string(Timestamp.format(clock.now()))
        writer.raw(",\"shares\":[")
        for (index, record) in records.enumerated() {
            if index > 0 { writer.raw(",") }
            ShareJSON.write(record, into: &writer, partners: partners, closing: false)
            writer.raw(",\"proofBundle\":")
            if let bundle = try await ledger.proofBundle(for: record.envelope.id, disclosingSalt: false, now: clock.now()) {
                writer.raw(try bundle.json())
            } else {
                writer.raw("null")
            }
            writer.raw("}")
        }
        writer.raw("],\"consents\":")
        writer.raw(Self.consentList(try await store.consents(of: person)))
        writer.raw("}")
        return Self.jsonResponse(writer.bytes)
    }

    static func consentList(_ consents: [Consent]) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + consents.count * 600)
        writer.raw("{\"consents\":[")
        for (index, consent) in consents.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.raw(CanonicalConsentCodec.json(consent))
        }
        writer.raw("]}")
        return writer.bytes
    }

    static func nhsNumberParameter(_ request: Request) throws -> NHSNumber {
        guard let raw = request.uri.queryParameters["nhsNumber"].map(String.init), !raw.isEmpty else {
            throw IGProblems.query([ValidationIssue(path: "nhsNumber", rule: "required", hint: "send the person's NHS number, 10 digits")])
        }
        do {
            return try NHSNumber(validating: raw.replacingOccurrences(of: " ", with: ""), path: "nhsNumber")
        } catch {
            throw IGProblems.query(error.issues)
        }
    }

    static func requireOfficer(_ context: GatewayContext, _ action: String) throws {
        guard context.igAccount?.role == .officer else { throw IGProblems.role(action) }
    }

    /// The latest checkpoint and the log's size.
    func logStatusJSON() async throws -> [UInt8] {
        var writer = JSONWriter(capacity: 512)
        writer.raw("{\"treeSize\":")
        writer.raw(String(try await store.leafCount()).utf8)
        writer.raw(",\"checkpoint\":")
        if let checkpoint = try await store.latestCheckpoint() {
            writer.raw("{\"treeSize\":")
            writer.raw(String(checkpoint.treeSize).utf8)
            writer.raw(",\"rootHash\":")
            writer.string(Hex.encode(checkpoint.rootHash))
            writer.raw(",\"issuedAt\":")
            writer.string(Timestamp.format(checkpoint.issuedAt))
            writer.raw(",\"note\":")
            writer.string(checkpoint.note)
            writer.raw("}")
        } else {
            writer.raw("null")
        }
        writer.raw(",\"verifierKey\":")
        writer.string(ledger.keyring.signer.verifier.verifierKey)
        writer.raw("}")
        return writer.bytes
    }

    /// Recomputes the whole log against the store (`LedgerAudit`), as `handover audit verify` does.
    func verifyLogJSON() async throws -> [UInt8] {
        let report = try await LedgerAudit(store: store, verifiers: ledger.keyring.verifiers).run()
        var writer = JSONWriter(capacity: 512)
        writer.raw("{\"verified\":")
        writer.raw(report.isClean ? "true" : "false")
        writer.raw(",\"leafCount\":")
        writer.raw(String(report.leafCount).utf8)
        writer.raw(",\"messageCount\":")
        writer.raw(String(report.messageCount).utf8)
        writer.raw(",\"checkpointCount\":")
        writer.raw(String(report.checkpointCount).utf8)
        writer.raw(",\"rootHash\":")
        writer.string(Hex.encode(report.rootHash))
        writer.raw(",\"divergences\":")
        writer.write(.array(report.divergences.prefix(100).map { JSONValue.string($0.description) }))
        writer.raw("}")
        return writer.bytes
    }
}
