public import Foundation
public import HandoverModel

/// The information-governance view of the store: shares (messages that carry personal data)
/// found by person, partner, period, purpose, basis and outcome.
public protocol ShareAuditing: Sendable {
    /// Shares matching `query`, oldest first, after store sequence `cursor`, at most `limit`.
    func shares(matching query: ShareQuery, after cursor: Int64?, limit: Int) async throws -> MessagePage
    /// One message by id, whoever sent or received it.
    func share(_ id: MessageID) async throws -> MessageRecord?
}

/// A search of the shares. Every filter is optional; those given must all match.
public struct ShareQuery: Sendable, Hashable {
    /// The basis filter.
    public enum Basis: Sendable, Hashable {
        /// Shares on any consent.
        case anyConsent
        /// Shares on this consent.
        case consent(ConsentID)
        /// Shares on any statute.
        case anyStatute
        /// Shares on this statute.
        case statute(Statute)
    }

    /// The subject's NHS number.
    public var nhsNumber: NHSNumber?
    /// A partner, as sender or recipient.
    public var partner: MailboxID?
    /// Submitted at or after.
    public var from: Date?
    /// Submitted before.
    public var to: Date?
    /// The purpose.
    public var purpose: Purpose?
    /// The basis.
    public var basis: Basis?
    /// How far the share got (`MessageStatus`, the furthest point reached).
    public var outcome: MessageStatus?

    /// Creates a query.
    public init(
        nhsNumber: NHSNumber? = nil, partner: MailboxID? = nil, from: Date? = nil, to: Date? = nil,
        purpose: Purpose? = nil, basis: Basis? = nil, outcome: MessageStatus? = nil
    ) {
        self.nhsNumber = nhsNumber
        self.partner = partner
        self.from = from
        self.to = to
        self.purpose = purpose
        self.basis = basis
        self.outcome = outcome
    }
}
