public import Foundation
public import HandoverModel

/// The gateway's durable state: partners, messages and their lifecycle events.
///
/// Conformance is closed: the embedded SQLite store (`SQLiteStore`) and the PostgreSQL store for
/// several gateway nodes over one database (`PostgresStore`). Every method that writes returns
/// only once the change is durable. Both run one contract suite (`Tests/HandoverStoreTests`).
/// Everything above the store is written against this protocol alone.
public protocol Store: MESHStore, ConsentRegistry, ShareAuditing, IGAccountStore {
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
    /// Stores several messages from one body (a CSV batch) in one transaction: all of them, or
    /// none when any is refused. Each is answered as `submit` would answer it alone.
    func submit(batch messages: [NewMessage]) async throws -> [SubmitOutcome]
    /// Messages waiting for `recipient` (neither acknowledged nor expired), oldest first, after `cursor`;
    /// marks the listed ones delivered at `now`.
    func inbox(of recipient: MailboxID, after cursor: Int64?, limit: Int, now: Date) async throws -> MessagePage
    /// Messages `sender` has sent, oldest first, after `cursor`.
    func outbox(of sender: MailboxID, after cursor: Int64?, limit: Int) async throws -> MessagePage
    /// The message with `id` if `party` is its sender or recipient.
    func message(_ id: MessageID, visibleTo party: MailboxID) async throws -> MessageRecord?
    /// The message `id` with the bytes its sender's signature covers, if `party` is its sender or
    /// recipient: the body as posted in the sender's own format for a translated message, the
    /// payload member as posted for a canonical one; nil once purged.
    func original(of id: MessageID, visibleTo party: MailboxID) async throws -> (MessageRecord, OriginalBody?)?
    /// Hands a message to its recipient: records the download at `now` and says where the payload is.
    /// - Throws: `StoreError.notFound` unless `recipient` is its recipient; `.gone` once expired.
    func download(_ id: MessageID, by recipient: MailboxID, now: Date) async throws -> (MessageRecord, PayloadLocation)
    /// Records the recipient's acknowledgement; acknowledging twice returns the first acknowledgement.
    /// - Throws: `.notFound`, `.gone`, or `.conflict` when the message was never downloaded.
    func acknowledge(_ id: MessageID, by recipient: MailboxID, now: Date) async throws -> MessageRecord
    /// Expires every unacknowledged message whose time is up at `now`, purges its payload, and puts a
    /// non-delivery report for each into its sender's inbox. Returns the expired messages.
    func expire(now: Date, reportsExpireAt: Date) async throws -> [MessageRecord]

    // MARK: Ledger
    //
    // Every method above that changes a message appends the leaf of its event in the same
    // transaction, so the log and the messages are durable together.

    /// Records a refused request as a `rejected` leaf, with its reason beside it.
    func recordRejection(_ rejection: Rejection) async throws -> LedgerLeaf
    /// The number of leaves in the log.
    func leafCount() async throws -> UInt64
    /// Up to `limit` leaves from index `start`, in order.
    func leaves(from start: UInt64, limit: Int) async throws -> [LedgerLeaf]
    /// The leaves recording the events of message `id`, in order.
    func leaves(of id: MessageID) async throws -> [LedgerLeaf]
    /// Why the request recorded by the `rejected` leaf at `index` was refused.
    func rejectionReason(leaf index: UInt64) async throws -> String?
    /// Keeps a signed checkpoint; a second one for the same tree size is ignored.
    func saveCheckpoint(_ checkpoint: StoredCheckpoint) async throws
    /// Every checkpoint, smallest tree first.
    func checkpoints() async throws -> [StoredCheckpoint]
    /// The checkpoint of the largest tree.
    func latestCheckpoint() async throws -> StoredCheckpoint?
    /// The message `id` with its commitment salt and payload, for audits and proof bundles.
    func evidence(of id: MessageID) async throws -> MessageEvidence?
    /// Up to `limit` messages after store sequence `sequence`, with salts and payloads, for audits.
    func evidence(after sequence: Int64, limit: Int) async throws -> [MessageEvidence]
}
