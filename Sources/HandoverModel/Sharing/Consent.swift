import Foundation

/// A consent to share a person's information, as the registry holds it: its scope, its period,
/// who gave it and who recorded it, and its withdrawal once withdrawn.
public struct Consent: Sendable, Hashable {
    /// The consent's id, kept from the sender's system when it arrived as a message.
    public var id: ConsentID
    /// The person it is about.
    public var subject: NHSNumber
    /// Who gave it.
    public var givenBy: ConsentGiver
    /// The attorney, deputy or best-interests decision maker; nil when the person gave it.
    public var givenByName: String?
    /// When it was given or the decision made.
    public var decidedAt: Date
    /// The purposes it covers.
    public var purposes: Set<Purpose>
    /// Whom it allows sharing with.
    public var recipients: [ConsentRecipient]
    /// The categories of data it covers.
    public var dataCategories: Set<DataCategory>
    /// The first day it covers; nil from the decision on.
    public var validFrom: CalendarDate?
    /// The last day it covers; nil until withdrawn.
    public var validUntil: CalendarDate?
    /// The person who recorded it, as the sender named them ("Daniel Okafor, Social Worker").
    public var recordedBy: String
    /// The party that put it in the registry: a partner's mailbox, or `ig:<account>` for an IG
    /// officer, or `cli` for the gateway operator.
    public var recordedVia: String
    /// When the gateway recorded it.
    public var recordedAt: Date
    /// The consent-grant message it arrived in, if it arrived as one.
    public var sourceMessage: MessageID?
    /// Its withdrawal, once withdrawn.
    public var withdrawal: ConsentWithdrawal?

    /// Creates a consent record.
    public init(
        id: ConsentID, subject: NHSNumber, givenBy: ConsentGiver, givenByName: String?, decidedAt: Date,
        purposes: Set<Purpose>, recipients: [ConsentRecipient], dataCategories: Set<DataCategory>,
        validFrom: CalendarDate?, validUntil: CalendarDate?, recordedBy: String, recordedVia: String,
        recordedAt: Date, sourceMessage: MessageID? = nil, withdrawal: ConsentWithdrawal? = nil
    ) {
        self.id = id
        self.subject = subject
        self.givenBy = givenBy
        self.givenByName = givenByName
        self.decidedAt = decidedAt
        self.purposes = purposes
        self.recipients = recipients
        self.dataCategories = dataCategories
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.recordedBy = recordedBy
        self.recordedVia = recordedVia
        self.recordedAt = recordedAt
        self.sourceMessage = sourceMessage
        self.withdrawal = withdrawal
    }

    /// Whether it is in force on `day`: not withdrawn, and inside its period.
    public func isInForce(on day: CalendarDate) -> Bool {
        withdrawal == nil && validFrom.map { $0 <= day } ?? true && validUntil.map { day <= $0 } ?? true
    }
}

/// The withdrawal of a consent.
public struct ConsentWithdrawal: Sendable, Hashable {
    /// When the person (or their attorney, deputy or decision maker) withdrew it.
    public var withdrawnAt: Date
    /// Why, when the sender said.
    public var reason: String?
    /// The person who recorded the withdrawal.
    public var recordedBy: String
    /// The party that put it in the registry (see `Consent.recordedVia`).
    public var recordedVia: String
    /// When the gateway recorded it.
    public var recordedAt: Date
    /// The consent-withdrawal message it arrived in, if it arrived as one.
    public var sourceMessage: MessageID?

    /// Creates a withdrawal.
    public init(withdrawnAt: Date, reason: String?, recordedBy: String, recordedVia: String, recordedAt: Date, sourceMessage: MessageID? = nil) {
        self.withdrawnAt = withdrawnAt
        self.reason = reason
        self.recordedBy = recordedBy
        self.recordedVia = recordedVia
        self.recordedAt = recordedAt
        self.sourceMessage = sourceMessage
    }
}
