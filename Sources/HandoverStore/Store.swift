public import Foundation
public import HandoverModel

/// The gateway's durable state: partners, messages and their lifecycle events.
///
/// Conformance is closed: the embedded SQLite store (`SQLiteStore`) and a PostgreSQL store for
/// several gateway nodes. Every method that writes returns only once the change is durable.
/// Everything above the store is written against this protocol alone.
public protocol Store: Sendable {
    // MARK: Partners

    /// Adds a partner or replaces its name, organisation, format and credentials.
    func savePartner(_ partner: Partner) async throws
    /// Every registered partner, by mailbox.
    func partners() async throws -> [Partner]
    /// The partner with this mailbox.
    func partner(_ mailbox: MailboxID) async throws -> Partner?
    /// The partner an API key hash (hex SHA-256) belongs to.
    func partner(apiKeyHash: String) async throws -> Partner?
    /// The partner a client certificate fingerprint (hex SHA-256 of the DER) belongs to.
    func partner(certificateFingerprint: String) async throws -> Partner?

    // MARK: Messages

    /// Stores a new message durably, or returns the one accepted before under the same idempotency key.
    /// - Throws: `StoreError.idempotencyMismatch` when the key was used for a different request body.
    func submit(_ message: NewMessage) async throws -> SubmitOutcome
    /// Messages waiting for `recipient` (neither acknowledged nor expired), oldest first, after `cursor`;
    /// marks the listed ones delivered at `now`.
    func inbox(of recipient: MailboxID, after cursor: Int64?, limit: Int, now: Date) async throws -> MessagePage
    /// Messages `sender` has sent, oldest first, after `cursor`.
    func outbox(of sender: MailboxID, after cursor: Int64?, limit: Int) async throws -> MessagePage
    /// The message with `id` if `party` is its sender or recipient.
    func message(_ id: MessageID, visibleTo party: MailboxID) async throws -> MessageRecord?
    /// Hands a message to its recipient: records the download at `now` and says where the payload is.
    /// - Throws: `StoreError.notFound` unless `recipient` is its recipient; `.gone` once expired.
    func download(_ id: MessageID, by recipient: MailboxID, now: Date) async throws -> (MessageRecord, PayloadLocation)
    /// Records the recipient's acknowledgement; acknowledging twice returns the first acknowledgement.
    /// - Throws: `.notFound`, `.gone`, or `.conflict` when the message was never downloaded.
    func acknowledge(_ id: MessageID, by recipient: MailboxID, now: Date) async throws -> MessageRecord
    /// Expires every unacknowledged message whose time is up at `now`, purges its payload, and puts a
    /// non-delivery report for each into its sender's inbox. Returns the expired messages.
    func expire(now: Date, reportsExpireAt: Date) async throws -> [MessageRecord]
}
