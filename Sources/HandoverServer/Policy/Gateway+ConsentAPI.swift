import Foundation
import HandoverFormats
import HandoverModel
import HandoverStore
import Hummingbird
import NIOCore

/// The consent registry for partners (`contracts/openapi.yaml`, tag `consent`): record a consent,
/// withdraw one, read back one the caller recorded. The same registry is fed by `consent-grant`
/// and `consent-withdrawal` messages in any partner format.
extension Gateway {
    func registerConsentRoutes(_ api: RouterGroup<GatewayContext>) {
        api.post("consents") { [self] request, context in try await refusalsRecorded(context) { try await recordConsent(request, context: context) } }
        api.post("consents/:id/withdraw") { [self] request, context in
            try await refusalsRecorded(context) { try await withdrawConsent(request, context: context) }
        }
        api.get("consents/:id") { [self] _, context in
            let partner = try context.requirePartner()
            let id = try Self.consentID(context)
            guard let consent = try await store.consent(id), consent.recordedVia == partner.mailbox.value else { throw Self.noConsent(id) }
            return Self.jsonResponse(CanonicalConsentCodec.json(consent))
        }
    }

    /// `POST /v1/consents`: the body is a consent-grant payload with the person's `nhsNumber`.
    private func recordConsent(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        let value = try await Self.jsonBody(request, context: context)
        var subject: NHSNumber?
        var issues: [ValidationIssue] = []
        if let raw = value["nhsNumber"] {
            if case .string(let text) = raw {
                do throws(ValidationError) { subject = try NHSNumber(validating: text, path: "/nhsNumber") } catch { issues += error.issues }
            } else {
                issues.append(ValidationIssue(path: "/nhsNumber", rule: "type", hint: "send the NHS number as a string of 10 digits"))
            }
        }
        let consent: Consent
        do throws(ValidationError) {
            consent = try CanonicalConsentCodec.grant(
                value, subject: subject, at: "", recording: .init(via: partner.mailbox.value, at: clock.now()), extraFields: ["nhsNumber"]
            )
        } catch {
            // A missing NHS number is reported at the body's own member, not a message subject.
            let located = error.issues.map { $0.path == "/subject/nhsNumber" ? ValidationIssue(path: "/nhsNumber", rule: $0.rule, hint: $0.hint) : $0 }
            throw Problem.invalid(ValidationError(issues + located.filter { issue in !issues.contains { $0.path == issue.path } }))
        }
        if !issues.isEmpty { throw Problem.invalid(ValidationError(issues)) }
        let leaf: LedgerLeaf
        do {
            leaf = try await store.recordConsent(consent)
        } catch let error as StoreError where error.code == .consentExists {
            throw Problem.invalid(ValidationError([ConsentProblems.exists(consent.id, at: "/consentId")]))
        }
        return Self.jsonResponse(Self.withLeaf(CanonicalConsentCodec.json(consent), leaf: leaf), status: .created)
    }

    /// `POST /v1/consents/{id}/withdraw`: the body is a consent-withdrawal payload.
    private func withdrawConsent(_ request: Request, context: GatewayContext) async throws -> Response {
        let partner = try context.requirePartner()
        let id = try Self.consentID(context)
        let value = try await Self.jsonBody(request, context: context)
        let withdrawal: ConsentWithdrawal
        do throws(ValidationError) {
            withdrawal = try CanonicalConsentCodec.withdrawal(value, at: "", recording: .init(via: partner.mailbox.value, at: clock.now()), known: id).1
        } catch {
            throw Problem.invalid(error)
        }
        let outcome: ConsentWithdrawalOutcome
        do {
            outcome = try await store.withdrawConsent(id, withdrawal)
            consentCache.evict(id)
        } catch let error as StoreError where error.code == .consentUnknown {
            throw Self.noConsent(id)
        } catch let error as StoreError where error.code == .consentWithdrawn {
            throw Problem(
                .conflict, "consent-withdrawn", title: "The consent was already withdrawn", detail: error.reason,
                path: "id", rule: "consent-withdrawn", hint: "nothing more to do; the registry keeps the first withdrawal"
            )
        }
        var writer = JSONWriter(capacity: 1024)
        writer.raw("{\"consent\":")
        writer.raw(CanonicalConsentCodec.json(outcome.consent))
        writer.raw(",\"leafIndex\":")
        writer.raw(String(outcome.leaf.index).utf8)
        writer.raw(",\"withheld\":")
        writer.write(.array(outcome.withheld.map { JSONValue.string($0.envelope.id.value) }))
        writer.raw("}")
        return Self.jsonResponse(writer.bytes)
    }

    /// Runs a registry write, recording a refusal of it in the log as a `rejected` leaf.
    private func refusalsRecorded(_ context: GatewayContext, _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch {
            if let partner = context.partner { await recordRefusal(error, actor: partner.mailbox, recipient: nil, context: context) }
            throw error
        }
    }

    static func jsonBody(_ request: Request, context: GatewayContext) async throws -> JSONValue {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        let bytes = Array(buffer.readableBytesView)
        do {
            let value = try JSONParser.parse(bytes: bytes, maxDepth: 16)
            guard case .object = value else { throw ValidationError(path: "", rule: "type", hint: "send one JSON object") }
            return value
        } catch let error as ValidationError {
            throw refusal(error, malformed: malformedRules)
        }
    }

    static func consentID(_ context: GatewayContext) throws -> ConsentID {
        let raw = context.parameters.get("id") ?? ""
        do { return try ConsentID(validating: raw, path: "id") } catch {
            throw Problem(.badRequest, "invalid-consent-id", title: "The consent id is malformed", detail: "the consent id is not a UUID", errors: error.issues)
        }
    }

    static func noConsent(_ id: ConsentID) -> Problem {
        Problem(
            .notFound, "consent-not-found", title: "No such consent", detail: "no consent \(id) is recorded that you can see",
            path: "id", rule: "consent-unknown", hint: "send the id of a consent recorded in this gateway"
        )
    }

    /// A record's JSON with `"leafIndex": n` added as its last member.
    static func withLeaf(_ json: [UInt8], leaf: LedgerLeaf) -> [UInt8] {
        Array(json.dropLast()) + Array(",\"leafIndex\":\(leaf.index)}".utf8)
    }
}
