import AsyncHTTPClient
import Foundation
import HandoverClient
import HandoverLedger
import HandoverModel
import HandoverServer
import HandoverStore
import HandoverTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// Consent and lawful basis enforced at every share, over real HTTP: refused without a basis,
/// delivered on consent, withheld and refused after withdrawal, allowed on a statute, and
/// minimised for a prison.
@Suite struct ConsentEnforcementTests {
    @Test func aShareWithNeitherConsentNorBasisIsRefusedSayingWhatToSend() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let refused = try await council.submit(Messages.share(kind: "referral", to: RunningGateway.icb, purpose: "chc-assessment", basis: nil, payload: #"{"referralType":"chc-checklist"}"#))
        #expect(refused.status == 422, "\(refused.text)")
        let errors = try Messages.problemErrors(refused)
        #expect(errors.map(\.path) == ["/lawfulBasis"] && errors.map(\.rule) == ["lawful-basis-required"], "\(refused.text)")
        #expect(refused.text.contains("nhs-standing-rules-2012-reg21"), "the hint names the statutes that fit the purpose")
        #expect(!refused.text.contains("9434765919"), "no personal data is echoed")

        let mismatched = try await council.submit(Messages.referral(basis: #"{"statute":"care-act-2014-s42","article6":"6(1)(e)","article9":"9(2)(g)"}"#))
        #expect(try Messages.problemErrors(mismatched).map(\.rule) == ["basis-purpose-mismatch"], "\(mismatched.text)")
        let unknown = try await council.submit(Messages.referral(basis: Messages.consentBasis(UUID().uuidString.lowercased())))
        #expect(try Messages.problemErrors(unknown).map(\.rule) == ["consent-unknown"], "\(unknown.text)")

        #expect(try Messages.ids(try await gateway.client(RunningGateway.icb).inbox()).isEmpty, "nothing refused was stored")
        let leaves = try await gateway.gateway.store.leaves(from: 0, limit: 100).map { String(decoding: $0.bytes, as: UTF8.self) }
        #expect(leaves.count == 3 && leaves.allSatisfy { $0.contains("kind=rejected") }, "every refusal is a leaf: \(leaves)")
        try await gateway.stopAndRemove()
    }

    @Test func consentDeliversThenWithdrawalWithholdsThePendingShareAndRefusesTheNext() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let icb = gateway.client(RunningGateway.icb)
        let consentID = UUID().uuidString.lowercased()
        let recorded = try await council.post("/v1/consents", json: Messages.consent(id: consentID))
        #expect(recorded.status == 201, "\(recorded.text)")
        #expect(try Messages.string(recorded, "status") == "active")

        let first = try await council.submit(Messages.referral(localId: "C-1", basis: Messages.consentBasis(consentID)))
        #expect(first.status == 202, "\(first.text)")
        let firstID = try #require(try Messages.string(first, "id"))
        #expect(try Messages.ids(try await icb.inbox()) == [firstID])
        let delivered = try await icb.download(firstID)
        #expect(delivered.status == 200 && delivered.text.contains(consentID), "delivered with its basis")
        let pending = try #require(try Messages.string(try await council.submit(Messages.referral(localId: "C-2", basis: Messages.consentBasis(consentID))), "id"))

        let withdrawn = try await council.post("/v1/consents/\(consentID)/withdraw", json: Messages.withdrawal)
        #expect(withdrawn.status == 200, "\(withdrawn.text)")
        #expect(try Messages.object(withdrawn.body)["withheld"] as? [String] == [pending], "only the undownloaded share is withheld")

        #expect(try Messages.ids(try await icb.inbox()) == [firstID], "the withheld share is not listed")
        let blocked = try await icb.download(pending)
        #expect(blocked.status == 451, "\(blocked.text)")
        #expect(try Messages.string(blocked, "type") == "urn:handover:problem:withheld")
        #expect(try Messages.string(try await council.track(pending), "status") == "withheld")
        #expect(try await gateway.gateway.store.share(try MessageID(validating: pending))?.payloadPurged == false, "kept, not destroyed")

        let reports = try Messages.ids(try await council.inbox())
        #expect(reports.count == 1)
        let report = try Messages.object(try await council.download(try #require(reports.first)).body)
        #expect(report["kind"] as? String == "non-delivery-report" && report["conversationId"] as? String == pending)
        let payload = try #require(report["payload"] as? [String: Any])
        #expect(payload["consentId"] as? String == consentID && payload["withheldAt"] is String)

        let refused = try await council.submit(Messages.referral(localId: "C-3", basis: Messages.consentBasis(consentID)))
        #expect(try Messages.problemErrors(refused).map(\.rule) == ["consent-withdrawn"], "\(refused.text)")
        let again = try await council.post("/v1/consents/\(consentID)/withdraw", json: Messages.withdrawal)
        #expect(again.status == 409)

        let kinds = try await gateway.gateway.store.leaves(from: 0, limit: 100).map { String(decoding: $0.bytes, as: UTF8.self) }
            .compactMap { $0.split(separator: "\n").first { $0.hasPrefix("kind=") } }
        #expect(kinds.contains("kind=consent-recorded") && kinds.contains("kind=consent-withdrawn") && kinds.contains("kind=withheld"), "\(kinds)")
        try await gateway.stopAndRemove()
    }

    /// The gateway keeps the consents it has read in memory; a withdrawal it did not see (recorded
    /// straight in the store, as `handover consent withdraw` does) must still stop the next share.
    @Test func aWithdrawalRecordedOutsideTheGatewayStillRefusesTheNextShare() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let consentID = UUID().uuidString.lowercased()
        #expect(try await council.post("/v1/consents", json: Messages.consent(id: consentID)).status == 201)
        let first = try await council.submit(Messages.referral(localId: "W-1", basis: Messages.consentBasis(consentID)))
        #expect(first.status == 202, "\(first.text)")

        let now = Date()
        let outcome = try await gateway.gateway.store.withdrawConsent(
            try ConsentID(validating: consentID),
            ConsentWithdrawal(withdrawnAt: now, reason: nil, recordedBy: "Daniel Okafor", recordedVia: "cli", recordedAt: now)
        )
        let refused = try await council.submit(Messages.referral(localId: "W-2", basis: Messages.consentBasis(consentID)))
        #expect(refused.status == 422, "\(refused.text)")
        #expect(try Messages.problemErrors(refused).map(\.rule) == ["consent-withdrawn"], "\(refused.text)")
        #expect(outcome.withheld.map(\.envelope.id.value) == [try #require(try Messages.string(first, "id"))], "the pending share is withheld")
        #expect(try Messages.ids(try await gateway.client(RunningGateway.icb).inbox()).isEmpty, "nothing on the withdrawn consent is listed")
        try await gateway.stopAndRemove()
    }

    @Test func aSafeguardingShareOnAStatuteWithoutConsentGoesThroughAndIsMarkedSo() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let s42 = #"{"statute":"care-act-2014-s42","article6":"6(1)(e)","article9":"9(2)(g)"}"#
        let accepted = try await council.submit(Messages.share(kind: "referral", to: RunningGateway.icb, purpose: "safeguarding", basis: s42, payload: #"{"referralType":"safeguarding-concern-s42","reason":"Unexplained bruising"}"#))
        #expect(accepted.status == 202, "\(accepted.text)")
        let id = try #require(try Messages.string(accepted, "id"))
        let ig = try await gateway.igClient()
        let share = try Messages.object(try await ig.get("/v1/ig/shares/\(id)").body)
        let basis = try #require(share["basis"] as? [String: Any])
        #expect(basis["type"] as? String == "statute" && basis["statute"] as? String == "care-act-2014-s42")
        #expect(basis["consent"] as? Bool == false, "marked as made without consent")
        let leaves = try await gateway.gateway.store.leaves(of: try MessageID(validating: id))
        #expect(String(decoding: try #require(leaves.first).bytes, as: UTF8.self).contains("basis=statute:care-act-2014-s42%3B6%281%29%28e%29%3B9%282%29%28g%29\n"))
        try await gateway.stopAndRemove()
    }

    @Test func aPrisonReceivesTheCarePlanButNotTheHealthHistory() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let prison = gateway.client(RunningGateway.prison)
        let s37 = #"{"statute":"care-act-2014-s37","article6":"6(1)(c)","article9":"9(2)(h)"}"#
        let payload = #"{"stage":"information-pack","trigger":"prison-transfer","carePlanAttached":true,"observations":[{"code":"dx","display":"COPD","value":"severe"}],"weeklyPersonalBudgetPence":32000,"careNeedsInCustody":"Help with washing"}"#
        let accepted = try await council.submit(Messages.share(kind: "continuity-of-care-transfer", to: RunningGateway.prison, purpose: "continuity-of-care", basis: s37, payload: payload))
        #expect(accepted.status == 202, "\(accepted.text)")
        let id = try #require(try Messages.string(accepted, "id"))
        let message = try await prison.download(id)
        #expect(message.status == 200, "\(message.text)")
        let received = try #require(try Messages.object(message.body)["payload"] as? [String: Any])
        #expect(received["observations"] == nil && received["weeklyPersonalBudgetPence"] == nil, "\(received)")
        #expect(received["carePlanAttached"] as? Bool == true && received["careNeedsInCustody"] as? String == "Help with washing")
        let dropped = try #require(message.header("Handover-Dropped"))
        #expect(dropped.contains("/payload/observations") && dropped.contains("/payload/weeklyPersonalBudgetPence"), "\(dropped)")

        let ig = try await gateway.igClient()
        let share = try Messages.object(try await ig.get("/v1/ig/shares/\(id)").body)
        let removed = share["fieldsRemoved"] as? [String] ?? []
        #expect(removed.map { String($0.prefix { $0 != ":" }) } == ["/payload/observations", "/payload/weeklyPersonalBudgetPence"], "\(removed)")
        // The stored message is the sender's, unchanged: the log's commitment still matches it.
        let evidence = try #require(try await gateway.gateway.store.evidence(of: try MessageID(validating: id)))
        #expect(String(decoding: try #require(evidence.payload).bytes(), as: UTF8.self) == payload)
        try await gateway.stopAndRemove()
    }

    @Test func aConsentGrantMessageLandsInTheRegistryAndTravels() async throws {
        let gateway = try await RunningGateway.start()
        let council = gateway.client(RunningGateway.council)
        let consentID = UUID().uuidString.lowercased()
        let grant = #"{"consentId":"\#(consentID)","givenBy":"lpa-welfare","givenByName":"Sarah O'Brien","decidedAt":"2026-11-20T10:00:00Z","purposes":["chc-assessment"],"recipients":[{"scheme":"ods","value":"QOX"}],"dataCategories":["health-conditions","care-needs"],"recordedBy":"Daniel Okafor"}"#
        let sent = try await council.submit(Messages.share(kind: "consent-grant", to: RunningGateway.icb, purpose: "chc-assessment", basis: nil, payload: grant))
        #expect(sent.status == 202, "\(sent.text)")
        let ig = try await gateway.igClient()
        let history = try Messages.array(try await ig.get("/v1/ig/consents?nhsNumber=9434765919"), "consents")
        #expect(history.map { $0["consentId"] as? String } == [consentID])
        #expect(history.first?["givenBy"] as? String == "lpa-welfare" && history.first?["recordedVia"] as? String == RunningGateway.council)
        let onIt = try await council.submit(Messages.referral(localId: "G-1", basis: Messages.consentBasis(consentID)))
        #expect(onIt.status == 202, "\(onIt.text)")

        let unknown = #"{"consentId":"\#(UUID().uuidString.lowercased())","withdrawnAt":"2026-11-24T09:00:00Z","recordedBy":"D"}"#
        let bad = try await council.submit(Messages.share(kind: "consent-withdrawal", to: RunningGateway.icb, purpose: "chc-assessment", basis: nil, payload: unknown))
        #expect(try Messages.problemErrors(bad).map(\.rule) == ["consent-unknown"] && Messages.problemErrors(bad).map(\.path) == ["/payload/consentId"], "\(bad.text)")
        try await gateway.stopAndRemove()
    }
}
