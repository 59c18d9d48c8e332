import Crypto
import HandoverLedger
import HandoverModel
import HandoverStore

extension LedgerAudit {
    /// Why a `consent-recorded` or `consent-withdrawn` leaf disagrees with the registry, if it
    /// does: the consent must exist and its record (or withdrawal) hash to the leaf's commitment.
    func consentProblem(_ event: LogEvent) async throws -> String? {
        guard let basis = event.basis.flatMap(LawfulBasis.init), let id = basis.consentID else {
            return "is a \(event.kind.rawValue) event that names no consent"
        }
        guard let consent = try await store.consent(id) else { return "records consent \(id), which the registry does not hold" }
        let text: [UInt8]
        if event.kind == .consentRecorded {
            var recorded = consent
            recorded.withdrawal = nil
            text = ConsentRecordText.grant(recorded)
        } else {
            guard let withdrawal = consent.withdrawal else { return "records a withdrawal of consent \(id), which the registry holds as not withdrawn" }
            text = ConsentRecordText.withdrawal(id, withdrawal)
        }
        guard event.payloadCommitment == Array(SHA256.hash(data: text)) else {
            return "records consent \(id) differently from the registry (the consent record was altered)"
        }
        return nil
    }
}
