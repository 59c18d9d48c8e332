import Foundation
public import HandoverModel

/// The consent registry: consents by id and by person, with their withdrawals.
///
/// Every change appends its log leaf (`consent-recorded`, `consent-withdrawn`, and a `withheld`
/// leaf per message withheld) in the same transaction as the change.
public protocol ConsentRegistry: Sendable {
    /// Records a new consent.
    /// - Throws: `StoreError.consentExists` when the id is already recorded.
    func recordConsent(_ consent: Consent) async throws -> LedgerLeaf
    /// Withdraws a consent: withholds every message relying on it that its recipient has not yet
    /// downloaded, and puts a report for each into its sender's inbox.
    /// - Throws: `.consentUnknown`, or `.consentWithdrawn` when it was already withdrawn.
    func withdrawConsent(_ id: ConsentID, _ withdrawal: ConsentWithdrawal) async throws -> ConsentWithdrawalOutcome
    /// The consent with this id.
    func consent(_ id: ConsentID) async throws -> Consent?
    /// Every consent recorded for a person, oldest first.
    func consents(of person: NHSNumber) async throws -> [Consent]
    /// The leaves recording a consent's events, in order.
    func leaves(ofConsent id: ConsentID) async throws -> [LedgerLeaf]
}

/// What a withdrawal did.
public struct ConsentWithdrawalOutcome: Sendable {
    /// The consent, now withdrawn.
    public var consent: Consent
    /// The leaf recording the withdrawal.
    public var leaf: LedgerLeaf
    /// The messages withheld from their recipients.
    public var withheld: [MessageRecord]

    /// Creates an outcome.
    public init(consent: Consent, leaf: LedgerLeaf, withheld: [MessageRecord]) {
        self.consent = consent
        self.leaf = leaf
        self.withheld = withheld
    }
}

/// The registry change a consent message makes when it is accepted.
public enum ConsentChange: Sendable, Hashable {
    /// Record this consent.
    case grant(Consent)
    /// Withdraw the consent with this id.
    case withdrawal(ConsentID, ConsentWithdrawal)
}
