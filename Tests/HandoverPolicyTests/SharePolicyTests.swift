import Foundation
import HandoverModel
import HandoverPolicy
import Testing

/// The share decision, without I/O: every rule with the issue a refusal names.
@Suite struct SharePolicyTests {
    static let person = try! NHSNumber(validating: "9434765919")
    static let icb = Organisation(kind: .icb, identifier: try! OrganisationIdentifier(scheme: .ods, value: "QOX"), name: "BSW ICB")
    static let prison = Organisation(kind: .prison, identifier: try! OrganisationIdentifier(scheme: .prisonAgency, value: "LEI"), name: "HMP Leeds")
    static let today = try! CalendarDate(validating: "2026-11-24")
    static let consentID = ConsentID()

    static func consent(purposes: Set<Purpose> = [.chcAssessment], recipients: [ConsentRecipient] = [.kind(.icb)],
                        categories: Set<DataCategory> = [.healthConditions, .careNeeds], until: String = "2099-12-31") -> Consent {
        Consent(
            id: consentID, subject: person, givenBy: .person, givenByName: nil, decidedAt: Date(timeIntervalSince1970: 1_790_000_000),
            purposes: purposes, recipients: recipients, dataCategories: categories, validFrom: try! CalendarDate(validating: "2026-01-01"),
            validUntil: try! CalendarDate(validating: until), recordedBy: "D. Okafor", recordedVia: "swindon-asc", recordedAt: Date()
        )
    }

    static func request(_ basis: LawfulBasis?, purpose: Purpose = .chcAssessment, to recipient: Organisation = icb,
                        kind: MessageKind = .referral, members: [String] = ["referralType", "checklist"]) -> ShareRequest {
        ShareRequest(kind: kind, purpose: purpose, subject: person, hasSubject: true, basis: basis, recipient: recipient, payloadMembers: members)
    }

    static func rules(_ decision: ShareDecision) -> [String] { decision.issues.map(\.rule) }

    let policy = SharePolicy()

    @Test func aShareWithoutABasisIsRefusedNamingTheStatutesThatFit() {
        let decision = policy.decide(Self.request(nil), consent: nil, today: Self.today)
        #expect(Self.rules(decision) == ["lawful-basis-required"])
        #expect(decision.issues.first?.path == "/lawfulBasis")
        #expect(decision.issues.first?.hint.contains("nhs-standing-rules-2012-reg21") == true)
        #expect(decision.issues.first?.hint.contains("care-act-2014-s42") == false, "s.42 is no basis for a CHC assessment")
    }

    @Test func aStatuteMustFitThePurpose() {
        let s42 = LawfulBasis.statutory(StatutoryBasis(statute: .careAct2014s42, article6: .publicTask, article9: .substantialPublicInterest))
        #expect(Self.rules(policy.decide(Self.request(s42), consent: nil, today: Self.today)) == ["basis-purpose-mismatch"])
        #expect(policy.decide(Self.request(s42, purpose: .safeguarding), consent: nil, today: Self.today) == .allowed(basis: s42, removed: []))
    }

    @Test func aConsentMustExistBeForThePersonInForceAndCoverTheShare() {
        let basis = LawfulBasis.consent(Self.consentID)
        #expect(Self.rules(policy.decide(Self.request(basis), consent: nil, today: Self.today)) == ["consent-unknown"])
        #expect(policy.decide(Self.request(basis), consent: Self.consent(), today: Self.today) == .allowed(basis: basis, removed: []))
        var withdrawn = Self.consent()
        withdrawn.withdrawal = ConsentWithdrawal(withdrawnAt: Date(), reason: nil, recordedBy: "x", recordedVia: "cli", recordedAt: Date())
        #expect(Self.rules(policy.decide(Self.request(basis), consent: withdrawn, today: Self.today)) == ["consent-withdrawn"])
        #expect(Self.rules(policy.decide(Self.request(basis), consent: Self.consent(until: "2026-06-30"), today: Self.today)) == ["consent-not-in-force"])
        #expect(Self.rules(policy.decide(Self.request(basis, purpose: .directCare), consent: Self.consent(), today: Self.today)) == ["consent-purpose"])
        #expect(Self.rules(policy.decide(Self.request(basis), consent: Self.consent(recipients: [.kind(.localAuthority)]), today: Self.today)) == ["consent-recipient"])
        let narrow = Self.consent(categories: [.careNeeds])
        let decision = policy.decide(Self.request(basis), consent: narrow, today: Self.today)
        #expect(Self.rules(decision) == ["consent-data-category"] && decision.issues.first?.path == "/payload/checklist")
        var other = Self.consent()
        other.subject = try! NHSNumber(validating: "9449305552")
        #expect(Self.rules(policy.decide(Self.request(basis), consent: other, today: Self.today)) == ["consent-subject-mismatch"])
    }

    @Test func aConsentNamingOneOrganisationCoversThatOrganisationOnly() throws {
        let basis = LawfulBasis.consent(Self.consentID)
        let qox = Self.consent(recipients: [.organisation(try OrganisationIdentifier(scheme: .ods, value: "QOX"))])
        #expect(policy.decide(Self.request(basis), consent: qox, today: Self.today).issues.isEmpty)
        let other = Organisation(kind: .icb, identifier: try OrganisationIdentifier(scheme: .ods, value: "QHG"), name: "Another ICB")
        #expect(Self.rules(policy.decide(Self.request(basis, to: other), consent: qox, today: Self.today)) == ["consent-recipient"])
    }

    @Test func consentMessagesAreTheRegistrysOwnRecordAndNeedNoBasis() {
        #expect(policy.decide(Self.request(nil, kind: .consentGrant, members: []), consent: nil, today: Self.today) == .allowed(basis: nil, removed: []))
        let ack = ShareRequest(kind: .acknowledgement, purpose: nil, subject: nil, hasSubject: false, basis: nil, recipient: Self.icb)
        #expect(policy.decide(ack, consent: nil, today: Self.today).issues.isEmpty)
    }

    @Test func aPrisonDoesNotReceiveHealthHistoryOrFinances() {
        let s37 = LawfulBasis.statutory(StatutoryBasis(statute: .careAct2014s37, article6: .legalObligation, article9: .healthOrSocialCare))
        let request = Self.request(
            s37, purpose: .continuityOfCare, to: Self.prison, kind: .continuityOfCareTransfer,
            members: ["stage", "carePlanAttached", "observations", "weeklyPersonalBudgetPence", "careNeedsInCustody"]
        )
        guard case .allowed(_, let removed) = policy.decide(request, consent: nil, today: Self.today) else {
            Issue.record("refused")
            return
        }
        #expect(removed.map(\.pointer) == ["/payload/observations", "/payload/weeklyPersonalBudgetPence"])
        #expect(removed.map(\.category) == [.healthConditions, .finance])
        #expect(RemovedField.pointer(of: removed[0].description) == "/payload/observations")
        #expect(policy.needsPayloadMembers(kind: .continuityOfCareTransfer, purpose: .continuityOfCare, basis: s37, recipient: .prison))
        #expect(!policy.needsPayloadMembers(kind: .referral, purpose: .chcAssessment, basis: s37, recipient: .icb), "no payload read on the common path")
    }

    @Test func whatMinimisationRemovesNeedNotBeCoveredByTheConsent() throws {
        let consent = Self.consent(purposes: [.continuityOfCare], recipients: [.kind(.prison)], categories: [.carePlan])
        let request = Self.request(.consent(Self.consentID), purpose: .continuityOfCare, to: Self.prison, kind: .continuityOfCareTransfer, members: ["carePlanAttached", "observations"])
        guard case .allowed(_, let removed) = policy.decide(request, consent: consent, today: Self.today) else {
            Issue.record("refused although the prison never receives the observations")
            return
        }
        #expect(removed.map(\.pointer) == ["/payload/observations"])
    }
}
