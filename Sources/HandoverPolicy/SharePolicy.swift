public import HandoverModel

/// The decision on every share of personal data: it needs a purpose and either a consent in force
/// that covers it or a statute that fits its purpose (`contracts/policy/README.md`).
///
/// Pure: the caller looks up the consent named (if any) and the recipient's organisation, and
/// carries out the decision. The same decision is made for every partner format and API.
public struct SharePolicy: Sendable {
    /// What each recipient kind does not receive.
    public var minimisation: MinimisationPolicy

    /// Creates a policy.
    public init(minimisation: MinimisationPolicy = .standard) {
        self.minimisation = minimisation
    }

    /// Kinds whose messages are the registry's own record (a consent given or withdrawn): telling
    /// the bodies concerned is what honours the person's decision, so they need no further basis.
    public static func recordsConsent(_ kind: MessageKind) -> Bool {
        kind == .consentGrant || kind == .consentWithdrawal
    }

    /// Whether `decide` reads `ShareRequest.payloadMembers`: for a share on consent (its data
    /// categories are checked) or one a minimisation rule applies to.
    public func needsPayloadMembers(kind: MessageKind, purpose: Purpose?, basis: LawfulBasis?, recipient: OrganisationKind) -> Bool {
        guard kind.carriesPersonalData else { return false }
        return basis?.consentID != nil || minimisation.hasRules(for: purpose, recipient: recipient)
    }

    /// Decides on `request`.
    /// - Parameters:
    ///   - consent: the registry's record of the consent the request names, or nil if it has none.
    ///   - today: the UTC day of the decision, against which a consent's period is read.
    public func decide(_ request: ShareRequest, consent: Consent?, today: CalendarDate) -> ShareDecision {
        guard request.kind.carriesPersonalData else { return .allowed(basis: request.basis, removed: []) }
        let removed = minimisation.removals(
            kind: request.kind, purpose: request.purpose, recipient: request.recipient.kind, members: request.payloadMembers
        )
        guard let basis = request.basis else {
            if Self.recordsConsent(request.kind) { return .allowed(basis: nil, removed: removed) }
            return .refused([
                ValidationIssue(
                    path: "/lawfulBasis", rule: "lawful-basis-required",
                    hint: "a \(request.kind.rawValue) shares personal data: send {\"consentId\": \"<a consent recorded for this person>\"} or a statute that fits the purpose"
                        + (request.purpose.map { ", for \($0.rawValue) one of \(Self.statuteList(for: $0))" } ?? "")
                        + ", with its article6 and article9 conditions"
                )
            ])
        }
        var issues: [ValidationIssue] = []
        switch basis {
        case .statutory(let statutory):
            if let purpose = request.purpose, !statutory.statute.purposes.contains(purpose) {
                issues.append(
                    ValidationIssue(
                        path: "/lawfulBasis/statute", rule: "basis-purpose-mismatch",
                        hint: "\(statutory.statute.citation) is no basis for \(purpose.rawValue); send one of \(Self.statuteList(for: purpose)), or a consentId"
                    )
                )
            }
        case .consent(let id):
            issues += consentIssues(request, id: id, consent: consent, removed: removed, today: today)
        }
        return issues.isEmpty ? .allowed(basis: basis, removed: removed) : .refused(issues)
    }

    private func consentIssues(
        _ request: ShareRequest, id: ConsentID, consent: Consent?, removed: [RemovedField], today: CalendarDate
    ) -> [ValidationIssue] {
        guard let consent else {
            return [
                ValidationIssue(
                    path: "/lawfulBasis/consentId", rule: "consent-unknown",
                    hint: "no consent \(id) is recorded; record it first (a consent-grant message or POST /v1/consents), or send a statutory basis"
                )
            ]
        }
        guard let subject = request.subject else {
            return [
                ValidationIssue(
                    path: "/subject/nhsNumber", rule: "consent-needs-nhs-number",
                    hint: "consents are recorded against an NHS number: send the subject's NHS number, or a statutory basis"
                )
            ]
        }
        guard subject == consent.subject else {
            return [
                ValidationIssue(
                    path: "/lawfulBasis/consentId", rule: "consent-subject-mismatch",
                    hint: "consent \(id) was given for another person; send the consent recorded for this subject"
                )
            ]
        }
        if consent.withdrawal != nil {
            return [
                ValidationIssue(
                    path: "/lawfulBasis/consentId", rule: "consent-withdrawn",
                    hint: "consent \(id) has been withdrawn; share only on a statutory basis that fits the purpose, or record a new consent"
                )
            ]
        }
        var issues: [ValidationIssue] = []
        if !consent.isInForce(on: today) {
            let period = "\(consent.validFrom?.description ?? "its decision") to \(consent.validUntil?.description ?? "withdrawal")"
            issues.append(
                ValidationIssue(
                    path: "/lawfulBasis/consentId", rule: "consent-not-in-force",
                    hint: "consent \(id) covers \(period), not \(today); record a consent for today or send a statutory basis"
                )
            )
        }
        if let purpose = request.purpose, !consent.purposes.contains(purpose) {
            issues.append(
                ValidationIssue(
                    path: "/purpose", rule: "consent-purpose",
                    hint: "consent \(id) covers \(consent.purposes.map(\.rawValue).sorted().joined(separator: ", ")), not \(purpose.rawValue)"
                )
            )
        }
        if !consent.recipients.contains(where: { $0.covers(request.recipient) }) {
            issues.append(
                ValidationIssue(
                    path: "/recipient", rule: "consent-recipient",
                    hint: "consent \(id) allows sharing with \(consent.recipients.map(\.description).joined(separator: ", ")), not this recipient"
                )
            )
        }
        let removedPointers = Set(removed.map(\.pointer))
        for member in request.payloadMembers {
            let pointer = "/payload/" + JSONPointer.escape(member)
            guard !removedPointers.contains(pointer),
                let category = minimisation.categories.category(of: member, in: request.kind),
                !consent.dataCategories.contains(category)
            else { continue }
            issues.append(
                ValidationIssue(
                    path: pointer, rule: "consent-data-category",
                    hint: "consent \(id) does not cover \(category.rawValue) data; leave this member out, or record a consent that covers it"
                )
            )
        }
        return issues
    }

    /// The statutes that fit `purpose`, as the hints list them.
    static func statuteList(for purpose: Purpose) -> String {
        Statute.allCases.filter { $0.purposes.contains(purpose) }.map(\.rawValue).joined(separator: ", ")
    }
}
