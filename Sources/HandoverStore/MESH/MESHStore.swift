public import Foundation
public import HandoverModel

/// What the MESH-compatible API keeps in the store besides messages: mailboxes, the NHSMESH
/// replay cache, chunked uploads in progress and each message's `mex-*` metadata.
///
/// Part of `Store`; kept apart so that the native API's protocol reads on its own.
public protocol MESHStore: Sendable {
    /// Adds or replaces a MESH mailbox; a partner has at most one.
    func saveMESHMailbox(_ mailbox: MESHMailbox) async throws
    /// The MESH mailbox with this id (upper case).
    func meshMailbox(_ id: String) async throws -> MESHMailbox?
    /// Every MESH mailbox.
    func meshMailboxes() async throws -> [MESHMailbox]

    /// Records a token's use (or a retryable outcome of it), replacing an earlier record.
    func saveMESHToken(_ token: MESHTokenUse) async throws
    /// Claims the first use of a token for every gateway node sharing the store: nil when a use
    /// of it inside its window is recorded, or being recorded, and was not released for a retry
    /// (`MESHTokenUse.retryable`). The claim is durable once the returned write's `durable()`
    /// returns, which the request awaits before its response goes out; a store that commits in
    /// groups lets it share the commit of the request's own write.
    func claimMESHToken(_ token: MESHTokenUse, now: Date) async throws -> StagedWrite?
    /// Every token record still inside its window at `now`.
    func liveMESHTokens(now: Date) async throws -> [MESHTokenUse]
    /// Forgets tokens whose window ended before `now`.
    func pruneMESHTokens(now: Date) async throws

    /// Stores a message sent through the MESH API together with its metadata, in one transaction.
    /// A `.file` content in `metadata` is a synced spool file that the store takes ownership of.
    func submitMESH(_ message: NewMessage, metadata: MESHMetadata) async throws -> SubmitOutcome
    /// Adds the MESH metadata of a message accepted through the shared intake.
    func saveMESHMetadata(_ metadata: MESHMetadata, for id: MessageID) async throws
    /// The MESH metadata of a message, if it has any.
    func meshMetadata(_ id: MessageID) async throws -> MESHMetadata?
    /// `Store.download` of a message together with its MESH metadata, if it has any.
    func downloadMESH(_ id: MessageID, by recipient: MailboxID, now: Date) async throws -> (MessageRecord, PayloadLocation, MESHMetadata?)
    /// The MESH metadata of several messages at once, for inbox listings.
    func meshMetadata(_ ids: [MessageID]) async throws -> [MessageID: MESHMetadata]
    /// How many messages wait in `recipient`'s inbox.
    func inboxCount(of recipient: MailboxID) async throws -> Int

    /// Starts a chunked upload with its first chunk (a synced spool file the store takes over).
    func beginMESHUpload(_ upload: MESHUpload, firstChunk: URL, length: Int) async throws
    /// The upload with this id.
    func meshUpload(_ id: MessageID) async throws -> MESHUpload?
    /// Stores chunk `number` of an upload (a synced spool file the store takes over). Chunk n may
    /// follow chunk n - 1 or replace an earlier chunk (a retry); returns the upload afterwards.
    /// - Throws: `.notFound` for no such upload of `sender`; `.conflict` when the upload is complete
    ///   or a chunk before `number` is missing.
    func addMESHChunk(_ id: MessageID, of sender: MailboxID, number: Int, file: URL, length: Int) async throws -> MESHUpload
    /// The stored chunks of an upload, in order: files for the embedded store, bytes for a
    /// store shared by several nodes, which has no folder in common.
    func meshChunks(_ id: MessageID) async throws -> [PayloadLocation]
    /// Accepts a completed upload as `message` with `metadata`, in one transaction, and deletes its chunks.
    func completeMESHUpload(_ id: MessageID, message: NewMessage, metadata: MESHMetadata) async throws -> SubmitOutcome
    /// Marks an upload complete once the shared intake accepted it as message `accepted`, and deletes its chunks.
    func finishMESHUpload(_ id: MessageID, accepted: MessageID, at time: Date) async throws
    /// Deletes an upload and its chunks, when its assembled message was refused.
    func discardMESHUpload(_ id: MessageID) async throws
}

extension MESHStore where Self: Store {
    /// The download, then the metadata in a read of its own. The embedded store reads both in the
    /// download's transaction instead; the PostgreSQL store keeps this, so that its transaction,
    /// which holds the log head's lock, lasts no longer than the download needs.
    public func downloadMESH(_ id: MessageID, by recipient: MailboxID, now: Date) async throws -> (MessageRecord, PayloadLocation, MESHMetadata?) {
        let (record, location) = try await download(id, by: recipient, now: now)
        return (record, location, try await meshMetadata(id))
    }
}
