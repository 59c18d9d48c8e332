public import Foundation
public import HandoverModel

/// One leaf of the log as the store keeps it: its 0-based index, the leaf input bytes (a
/// `handover-leaf/v1` text) and the leaf hash `SHA-256(0x00 || bytes)` computed when it was appended.
public struct LedgerLeaf: Sendable, Hashable {
    /// Position in the log, counting from 0 without gaps.
    public var index: UInt64
    /// The leaf input.
    public var bytes: [UInt8]
    /// The leaf hash as stored.
    public var hash: [UInt8]

    /// Creates a leaf record.
    public init(index: UInt64, bytes: [UInt8], hash: [UInt8]) {
        self.index = index
        self.bytes = bytes
        self.hash = hash
    }
}

/// A checkpoint the gateway signed: a C2SP signed note over the tree size and root hash.
public struct StoredCheckpoint: Sendable, Hashable {
    /// Number of leaves the checkpoint covers.
    public var treeSize: UInt64
    /// The root hash at that size.
    public var rootHash: [UInt8]
    /// The signed note, exactly as signed.
    public var note: String
    /// When it was issued.
    public var issuedAt: Date

    /// Creates a checkpoint record.
    public init(treeSize: UInt64, rootHash: [UInt8], note: String, issuedAt: Date) {
        self.treeSize = treeSize
        self.rootHash = rootHash
        self.note = note
        self.issuedAt = issuedAt
    }
}

/// A request the gateway refused after it knew who asked; recorded as a `rejected` leaf.
public struct Rejection: Sendable, Hashable {
    /// The authenticated partner whose request was refused.
    public var actor: MailboxID
    /// The recipient the request named, when it named one.
    public var recipient: String?
    /// The message the request concerned, when there was one.
    public var messageID: MessageID?
    /// When it was refused.
    public var time: Date
    /// Why, as the problem the partner received says it.
    public var reason: String

    /// Creates a rejection record.
    public init(actor: MailboxID, recipient: String?, messageID: MessageID?, time: Date, reason: String) {
        self.actor = actor
        self.recipient = recipient
        self.messageID = messageID
        self.time = time
        self.reason = reason
    }
}

/// What an audit needs of one message to check the log against it.
public struct MessageEvidence: Sendable {
    /// The stored record.
    public var record: MessageRecord
    /// The commitment salt; `nil` once the payload has been purged.
    public var salt: [UInt8]?
    /// Where the payload is; `nil` once purged.
    public var payload: PayloadLocation?
    /// The bytes the sender posted in its own format, when the payload is their translation;
    /// `nil` for a canonical submission or once purged.
    public var original: [UInt8]?

    /// Creates an evidence record.
    public init(record: MessageRecord, salt: [UInt8]?, payload: PayloadLocation?, original: [UInt8]? = nil) {
        self.record = record
        self.salt = salt
        self.payload = payload
        self.original = original
    }
}
