import HTTPTypes
import HandoverModel

/// The problems of the information-governance API and console.
enum IGProblems {
    /// A partner's credentials on an IG endpoint.
    static let partnerOnIGAPI = Problem(
        .forbidden, "forbidden", title: "Partner credentials cannot use the information-governance API",
        detail: "the IG audit API and console are for information-governance accounts only",
        path: "Authorization", rule: "ig-account", hint: "sign in with an IG account's key (hig_...), issued with 'handover ig account add'"
    )

    /// An IG account's key on a partner endpoint.
    static let igAccountOnPartnerAPI = Problem(
        .forbidden, "forbidden", title: "Information-governance accounts cannot exchange messages",
        detail: "IG accounts can search and prove shares; they cannot post, fetch or acknowledge messages",
        path: "Authorization", rule: "partner-credentials", hint: "use a partner's API key or client certificate"
    )

    /// No usable IG credentials.
    static func unauthenticated(_ detail: String) -> Problem {
        Problem(
            .unauthorized, "unauthenticated", title: "Authentication required", detail: detail,
            errors: [ValidationIssue(path: "Authorization", rule: "api-key", hint: "send 'Authorization: Bearer <your IG key>'")],
            headers: [.wwwAuthenticate: "Bearer realm=\"handover-ig\""]
        )
    }

    /// An account whose role does not allow the action.
    static func role(_ action: String) -> Problem {
        Problem(
            .forbidden, "forbidden", title: "Your IG role does not allow this", detail: "\(action) needs the officer role",
            path: "Authorization", rule: "ig-role", hint: "ask the gateway operator for the officer role ('handover ig account add --role officer')"
        )
    }

    /// A malformed search parameter.
    static func query(_ issues: [ValidationIssue]) -> Problem {
        Problem(
            .badRequest, "invalid-query", title: "The search is malformed",
            detail: issues.map { "\($0.path): \($0.hint)" }.joined(separator: "; "), errors: issues
        )
    }

    /// No share with that id.
    static func noShare(_ id: String) -> Problem {
        Problem(.notFound, "not-found", title: "No such share", detail: "there is no message \(id) in this gateway")
    }
}
