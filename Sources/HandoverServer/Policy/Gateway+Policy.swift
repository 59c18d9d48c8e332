import Foundation
import HandoverFormats
import HandoverModel
import HandoverPolicy
import HandoverStore

extension Gateway {
    /// The one place every API and partner format calls after decoding and routing and before the
    /// store: the consent and lawful-basis decision (`SharePolicy`), the minimisation the
    /// recipient will get, and the registry change a consent message makes.
    ///
    /// Sets `message.minimisedFields` and `message.consentChange`; returns the broken rules, empty
    /// when the share may go ahead. A refusal is then recorded by the caller as a `rejected` leaf,
    /// and an acceptance is the message's `submitted` leaf, which records its basis.
    func applyPolicy(to message: inout NewMessage, sender: Partner) async throws -> [ValidationIssue] {
        let envelope = message.envelope
        guard envelope.kind.carriesPersonalData else { return [] }
        guard let recipient = try await directory.partner(envelope.recipient) else { return [] }
        let now = clock.now()
        let recordsConsent = SharePolicy.recordsConsent(envelope.kind)
        let readsMembers = sharePolicy.needsPayloadMembers(
            kind: envelope.kind, purpose: envelope.purpose, basis: envelope.lawfulBasis, recipient: recipient.organisation.kind
        )
        // The payload is parsed only when something reads it; most statutory shares skip it.
        let payload = recordsConsent || readsMembers ? try Self.parsedPayload(of: message) : nil
        var issues: [ValidationIssue] = []
        if recordsConsent, let payload {
            let recording = CanonicalConsentCodec.Recording(via: sender.mailbox.value, at: now, message: envelope.id)
            let decoded = Self.consentChange(in: payload, kind: envelope.kind, subject: envelope.subject?.nhsNumber, recording: recording)
            switch decoded {
            case .failure(let error): issues += error.issues
            case .success(.grant(let consent)):
                if try await store.consent(consent.id) != nil {
                    issues.append(ConsentProblems.exists(consent.id, at: "/payload/consentId"))
                } else {
                    message.consentChange = .grant(consent)
                }
            case .success(.withdrawal(let id, let withdrawal)):
                if let issue = try await withdrawalIssue(id, subject: envelope.subject?.nhsNumber, at: "/payload/consentId") {
                    issues.append(issue)
                } else {
                    message.consentChange = .withdrawal(id, withdrawal)
                    consentCache.evict(id)
                }
            }
        }
        var members: [String] = []
        if readsMembers, case .object(let fields) = payload { members = fields.map(\.0) }
        var consent: Consent?
        if let id = envelope.lawfulBasis?.consentID { consent = try await consentCache.consent(id, in: store) }
        let request = ShareRequest(
            kind: envelope.kind, purpose: envelope.purpose, subject: envelope.subject?.nhsNumber, hasSubject: envelope.subject != nil,
            basis: envelope.lawfulBasis, recipient: recipient.organisation, payloadMembers: members
        )
        switch sharePolicy.decide(request, consent: consent, today: CalendarDate(utcDayOf: now) ?? Self.fallbackDay) {
        case .allowed(_, let removed): message.minimisedFields = removed.map(\.description)
        case .refused(let refusal): issues += refusal
        }
        metrics.policyDecision(allowed: issues.isEmpty, basis: envelope.lawfulBasis)
        return issues
    }

    // The helpers below are synchronous on purpose: with the payload parse and the consent
    // decoding written inline (a local throwing function, typed-throws `do`/`catch`), the
    // Swift 6.3 optimiser crashed while splitting `applyPolicy` into its async parts.

    private static func parsedPayload(of message: NewMessage) throws -> JSONValue {
        try JSONParser.parse(bytes: try message.payload.bytes())
    }

    /// The registry change a consent-grant or consent-withdrawal payload makes.
    private static func consentChange(
        in payload: JSONValue, kind: MessageKind, subject: NHSNumber?, recording: CanonicalConsentCodec.Recording
    ) -> Result<ConsentChange, ValidationError> {
        Result { () throws(ValidationError) -> ConsentChange in
            if kind == .consentGrant {
                return .grant(try CanonicalConsentCodec.grant(payload, subject: subject, at: "/payload", recording: recording))
            }
            let (id, withdrawal) = try CanonicalConsentCodec.withdrawal(payload, at: "/payload", recording: recording)
            return .withdrawal(id, withdrawal)
        }
    }

    /// Why a withdrawal of consent `id` for `subject` cannot be recorded, if it cannot.
    func withdrawalIssue(_ id: ConsentID, subject: NHSNumber?, at path: String) async throws -> ValidationIssue? {
        guard let consent = try await store.consent(id) else {
            return ValidationIssue(
                path: path, rule: "consent-unknown",
                hint: "no consent \(id) is recorded, so there is nothing to withdraw; send the id of a recorded consent"
            )
        }
        if let subject, subject != consent.subject {
            return ValidationIssue(path: path, rule: "consent-subject-mismatch", hint: "consent \(id) was given for another person")
        }
        if consent.withdrawal != nil {
            return ValidationIssue(path: path, rule: "consent-withdrawn", hint: "consent \(id) was already withdrawn")
        }
        return nil
    }

    /// A day no clock reading should fall outside; used only if the clock is absurd.
    static let fallbackDay: CalendarDate = {
        guard let day = try? CalendarDate(year: 2000, month: 1, day: 1) else { preconditionFailure("2000-01-01 is a date") }
        return day
    }()
}
