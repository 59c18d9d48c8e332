import HTTPTypes
import HandoverModel
import HandoverStore

/// The problems of the consent registry and of withheld shares.
enum ConsentProblems {
    /// A consent already recorded under this id.
    static func exists(_ id: ConsentID, at path: String) -> ValidationIssue {
        ValidationIssue(
            path: path, rule: "consent-exists",
            hint: "consent \(id) is already recorded; to change it, withdraw it and record a new consent with a new id"
        )
    }

    /// A registry refusal from inside a store transaction (a withdrawal racing a share).
    static func from(_ error: StoreError) -> Problem {
        let rule: String
        switch error.code {
        case .consentExists: rule = "consent-exists"
        case .consentWithdrawn: rule = "consent-withdrawn"
        default: rule = "consent-unknown"
        }
        return Problem.invalid(
            ValidationError(path: "/lawfulBasis/consentId", rule: rule, hint: error.reason + "; send a consent in force or a statutory basis")
        )
    }

    /// A download of a withheld message: 451, the status for content withheld for a legal reason.
    static func withheld(_ reason: String) -> Problem {
        Problem(
            .unavailableForLegalReasons, "withheld", title: "The message is withheld", detail: reason,
            path: "id", rule: "consent-withdrawn",
            hint: "the consent this share relied on was withdrawn; ask the sender to share again on a statutory basis if one applies"
        )
    }

    /// The original of a minimised share, asked for by its recipient.
    static func minimisedOriginal(_ id: MessageID) -> Problem {
        Problem(
            .forbidden, "minimised", title: "The original holds fields you do not receive",
            detail: "message \(id) was minimised for you by the gateway's minimisation policy; its original is not passed on",
            path: "id", rule: "minimisation", hint: "use GET /v1/inbox/{id}; its Handover-Dropped header lists what was removed"
        )
    }
}
