import Foundation
public import HTTPTypes
public import HandoverModel
public import Hummingbird
import HandoverStore

/// An RFC 9457 problem document: every refusal the gateway gives is one of these.
///
/// `errors` lists each broken rule with the JSON Pointer (or header name) of the field, the rule's
/// stable identifier, and what to send instead. The catalogue of `type` values is in
/// `contracts/problems.md`.
public struct Problem: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    /// A stable name; the `type` URI is `urn:handover:problem:<name>`.
    public var name: String
    public var title: String
    public var detail: String
    public var errors: [ValidationIssue]
    /// Extra headers, such as `WWW-Authenticate` or `Retry-After`.
    public var headers: HTTPFields

    /// Creates a problem.
    public init(
        _ status: HTTPResponse.Status,
        _ name: String,
        title: String,
        detail: String,
        errors: [ValidationIssue] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.name = name
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    /// Creates a problem with one broken rule: where, which rule, and what to send instead.
    public init(
        _ status: HTTPResponse.Status,
        _ name: String,
        title: String,
        detail: String,
        path: String,
        rule: String,
        hint: String
    ) {
        self.init(status, name, title: title, detail: detail, errors: [ValidationIssue(path: path, rule: rule, hint: hint)])
    }

    private struct Document: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var instance: String
        var errors: [ValidationIssue]?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let document = Document(
            type: "urn:handover:problem:\(name)",
            title: title,
            status: status.code,
            detail: detail,
            instance: request.uri.path,
            errors: errors.isEmpty ? nil : errors
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(
            status: status,
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(document)))
        )
    }
}

extension Problem {
    /// A message that breaks the canonical rules.
    static func invalid(_ error: ValidationError) -> Problem {
        let count = error.issues.count
        return Problem(
            .unprocessableContent,
            "invalid-message",
            title: "The message breaks \(count == 1 ? "a rule" : "\(count) rules")",
            detail: error.issues.map { "\($0.path.isEmpty ? "(document)" : $0.path): \($0.hint)" }
                .joined(separator: "; "),
            errors: error.issues
        )
    }

    /// A body that is not JSON at all.
    static func malformed(_ error: ValidationError) -> Problem {
        Problem(
            .badRequest,
            "malformed-body",
            title: "The body is not well-formed",
            detail: error.issues.map(\.hint).joined(separator: "; "),
            errors: error.issues
        )
    }

    static func unauthenticated(_ detail: String) -> Problem {
        Problem(
            .unauthorized,
            "unauthenticated",
            title: "Authentication required",
            detail: detail,
            errors: [
                ValidationIssue(
                    path: "Authorization",
                    rule: "api-key",
                    hint: "send 'Authorization: Bearer <your API key>', or connect with your registered client certificate"
                )
            ],
            headers: [.wwwAuthenticate: "Bearer realm=\"handover\""]
        )
    }

    static func notFound(_ id: String) -> Problem {
        Problem(
            .notFound,
            "not-found",
            title: "No such message",
            detail: "there is no message \(id) that you sent or that is addressed to you"
        )
    }

    static func tooLarge(limit: Int) -> Problem {
        Problem(
            .contentTooLarge,
            "too-large",
            title: "The message is too large",
            detail: "the body exceeds the gateway's limit of \(limit) bytes",
            errors: [
                ValidationIssue(
                    path: "",
                    rule: "max-size",
                    hint: "send at most \(limit) bytes; split a batch into several messages"
                )
            ]
        )
    }

    /// Maps a store refusal to the HTTP problem a partner sees.
    static func from(_ error: StoreError, id: String) -> Problem {
        switch error.code {
        case .notFound: return notFound(id)
        case .gone:
            return Problem(.gone, "expired", title: "The message has expired", detail: error.reason)
        case .conflict:
            return Problem(.conflict, "wrong-state", title: "The message is not in a state that allows this", detail: error.reason)
        case .idempotencyMismatch:
            return Problem(
                .unprocessableContent,
                "idempotency-key-reused",
                title: "The idempotency key was used for a different message",
                detail: error.reason,
                errors: [
                    ValidationIssue(
                        path: "Idempotency-Key",
                        rule: "idempotency-key-reused",
                        hint: "resend the identical body to retry, or use a new Idempotency-Key / senderLocalId for a new message"
                    )
                ]
            )
        case .replayedSignature:
            return Problem(
                .conflict,
                "signature-replayed",
                title: "This signature was already used for another message",
                detail: error.reason,
                path: "Handover-Signature",
                rule: "signature-fresh",
                hint: "sign every submission afresh; to retry the same message, resend it with the same Idempotency-Key or senderLocalId"
            )
        case .consentUnknown, .consentWithdrawn, .consentExists:
            return ConsentProblems.from(error)
        case .withheld:
            return ConsentProblems.withheld(error.reason)
        case .storage:
            return Problem(
                .serviceUnavailable,
                "storage-unavailable",
                title: "The gateway could not store the message",
                detail: "nothing was stored; retry later",
                headers: [.retryAfter: "5"]
            )
        }
    }
}
