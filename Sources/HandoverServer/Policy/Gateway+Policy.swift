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
        var payload: JSONValue?
        func parsedPayload() throws -> JSONValue {
            if let payload { return payload }
            let value = try JSONParser.parse(bytes: try message.payload.bytes())
            payload = value
            return value
        }
        var issues: [ValidationIssue] = []
        let recording = CanonicalConsentCodec.Recording(via: sender.mailbox.value, at: now, message: envelope.id)
        switch envelope.kind {
        case .consentGrant:
            let value = try parsedPayload()
            var consent: Consent?
            do throws(ValidationError) {
                consent = try CanonicalConsentCodec.grant(value, subject: envelope.subject?.nhsNumber, at: "/payload", recording: recording)
            } catch {
                issues += error.issues
            }
            if let consent {
                if try await store.consent(consent.id) != nil {
                    issues.append(ConsentProblems.exists(consent.id, at: "/payload/consentId"))
                } else {
                    message.consentChange = .grant(consent)
                }
            }
        case .consentWithdrawal:
            let value = try parsedPayload()
            var change: (ConsentID, ConsentWithdrawal)?
            do throws(ValidationError) {
                change = try CanonicalConsentCodec.withdrawal(value, at: "/payload", recording: recording)
            } catch {
                issues += error.issues
            }
            if let change {
                let (id, withdrawal) = change
                if let issue = try await withdrawalIssue(id, subject: envelope.subject?.nhsNumber, at: "/payload/consentId") {
                    issues.append(issue)
                } else {
                    message.consentChange = .withdrawal(id, withdrawal)
                }
            }
        default: break
        }
        var members: [String] = []
        if sharePolicy.needsPayloadMembers(kind: envelope.kind, purpose: envelope.purpose, basis: envelope.lawfulBasis, recipient: recipient.organisation.kind) {
            if case .object(let fields) = try parsedPayload() { members = fields.map(\.0) }
        }
        var consent: Consent?
        if let id = envelope.lawfulBasis?.consentID { consent = try await store.consent(id) }
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
