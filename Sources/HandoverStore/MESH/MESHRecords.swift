public import Foundation
public import HandoverModel

/// A MESH mailbox (`X26ABC1`) and the Handover partner it belongs to.
///
/// The password is kept as configured, not hashed: the NHSMESH token is an HMAC whose message
/// contains the password, so verifying a token needs the password itself
/// (`contracts/mesh/README.md`, "Passwords").
public struct MESHMailbox: Sendable, Hashable {
    /// The MESH mailbox id, upper case.
    public var id: String
    /// The partner that owns it.
    public var partner: MailboxID
    /// The mailbox password the partner's MESH client is configured with.
    public var password: String

    /// Creates a mailbox entry; the id is upper-cased.
    public init(id: String, partner: MailboxID, password: String) {
        self.id = id.uppercased()
        self.partner = partner
        self.password = password
    }
}

/// One NHSMESH token seen by the gateway, kept until its timestamp leaves the ±2 h window.
public struct MESHTokenUse: Sendable, Hashable {
    /// The mailbox the token authenticated.
    public var mailbox: String
    /// The client's nonce.
    public var nonce: String
    /// The client's nonce count, as sent.
    public var nonceCount: String
    /// When the token stops being acceptable anyway (its timestamp plus the window).
    public var expiresAt: Date
    /// Whether the token's last use got a status the client retries with the same token
    /// (425, 429, 502, 503, 504), so that one more use is allowed.
    public var retryable: Bool

    /// Creates a token record.
    public init(mailbox: String, nonce: String, nonceCount: String, expiresAt: Date, retryable: Bool) {
        self.mailbox = mailbox
        self.nonce = nonce
        self.nonceCount = nonceCount
        self.expiresAt = expiresAt
        self.retryable = retryable
    }
}

/// What a message sent or read through the MESH API carries besides the Handover message: the
/// `mex-*` metadata, and for a `document` the bytes as uploaded.
public struct MESHMetadata: Sendable, Hashable {
    /// `mex-WorkflowID`.
    public var workflowID: String
    /// The sender's MESH mailbox.
    public var sender: String
    /// The recipient's MESH mailbox.
    public var recipient: String
    /// `mex-LocalID`, `mex-Subject`, `mex-FileName`, `mex-Content-Type`, `mex-Content-Checksum`,
    /// `mex-Content-Compressed`, `mex-Content-Encrypted`, `mex-PartnerID`, as sent.
    public var localID: String?
    public var subject: String?
    public var fileName: String?
    public var contentType: String?
    public var checksum: String?
    public var compressed: String?
    public var encrypted: String?
    public var partnerID: String?
    /// `gzip` when the stored content is the gzip bytes the sender uploaded.
    public var contentEncoding: String?
    /// The stored length of each chunk as uploaded, in order; one entry for an unchunked message.
    public var chunkLengths: [Int]
    /// Where the content is, for a `document`; nil for Handover messages, which are delivered
    /// from the message itself, and once purged.
    public var content: PayloadLocation?

    /// Creates metadata.
    public init(
        workflowID: String, sender: String, recipient: String, localID: String? = nil, subject: String? = nil,
        fileName: String? = nil, contentType: String? = nil, checksum: String? = nil, compressed: String? = nil,
        encrypted: String? = nil, partnerID: String? = nil, contentEncoding: String? = nil, chunkLengths: [Int] = [],
        content: PayloadLocation? = nil
    ) {
        self.workflowID = workflowID
        self.sender = sender
        self.recipient = recipient
        self.localID = localID
        self.subject = subject
        self.fileName = fileName
        self.contentType = contentType
        self.checksum = checksum
        self.compressed = compressed
        self.encrypted = encrypted
        self.partnerID = partnerID
        self.contentEncoding = contentEncoding
        self.chunkLengths = chunkLengths
        self.content = content
    }

    /// The number of chunks the message is delivered in.
    public var chunkCount: Int { max(1, chunkLengths.count) }
}

/// A chunked message being uploaded: visible to its sender's tracking as `uploading`, to nobody
/// else, until its last chunk arrives.
public struct MESHUpload: Sendable, Hashable {
    /// The id the message will have; the sender uses it for the chunk uploads.
    public var id: MessageID
    /// The sending partner.
    public var sender: MailboxID
    /// The metadata from the first chunk's headers (`chunkLengths` and `content` unset).
    public var metadata: MESHMetadata
    /// How many chunks the sender announced.
    public var totalChunks: Int
    /// How many have arrived, in order.
    public var receivedChunks: Int
    /// When the first chunk arrived.
    public var createdAt: Date
    /// When the last chunk arrived and the message was accepted.
    public var completedAt: Date?
    /// The id the message was accepted under, when the intake gave it its own.
    public var acceptedID: MessageID?

    /// Creates an upload record.
    public init(
        id: MessageID, sender: MailboxID, metadata: MESHMetadata, totalChunks: Int, receivedChunks: Int,
        createdAt: Date, completedAt: Date? = nil, acceptedID: MessageID? = nil
    ) {
        self.id = id
        self.sender = sender
        self.metadata = metadata
        self.totalChunks = totalChunks
        self.receivedChunks = receivedChunks
        self.createdAt = createdAt
        self.completedAt = completedAt
        self.acceptedID = acceptedID
    }
}
