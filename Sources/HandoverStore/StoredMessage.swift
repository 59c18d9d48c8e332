public import Foundation
public import HandoverModel

/// Where a message's payload bytes are kept.
public enum PayloadLocation: Sendable, Hashable {
    /// Small payloads live in the database row.
    case inline([UInt8])
    /// Large payloads live in a file: `length` bytes from `offset`.
    case file(URL, offset: Int, length: Int)

    /// The payload bytes, read whole: for translation and audit, never for plain delivery, which
    /// streams a file payload (`PayloadStreamer`).
    /// - Throws: `StoreError.storage` when a payload file is missing or shorter than recorded.
    public func bytes() throws -> [UInt8] {
        switch self {
        case .inline(let bytes): return bytes
        case .file(let url, let offset, let length):
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(offset))
            let data = try handle.read(upToCount: length) ?? Data()
            guard data.count == length else {
                throw StoreError(.storage, "the payload file \(url.lastPathComponent) is \(data.count) bytes, not the \(length) recorded")
            }
            return [UInt8](data)
        }
    }
}

/// A message ready to be accepted: validated, routed, with its payload on disk or in memory.
public struct NewMessage: Sendable {
    /// The routing and description of the message; `envelope.createdAt` is the acceptance time.
    public var envelope: MessageEnvelope
    /// The subject as canonical JSON, kept as written so delivery never re-encodes it.
    public var subjectJSON: [UInt8]?
    /// The payload; a `.file` here is a spool file that the store takes ownership of.
    public var payload: PayloadLocation
    /// SHA-256 of the payload bytes.
    public var payloadSHA256: [UInt8]
    /// What makes a resubmission the same message: the `Idempotency-Key` header, else the sender's local id.
    public var idempotencyKey: String?
    /// SHA-256 of the submitted request body, to tell a true retry from a reused key.
    public var requestSHA256: [UInt8]
    /// When the message expires if the recipient has not acknowledged it.
    public var expiresAt: Date
    /// The random salt of the payload commitment (32 bytes).
    public var payloadSalt: [UInt8]
    /// `SHA-256(salt || payload)`: what the log records instead of the payload.
    public var payloadCommitment: [UInt8]
    /// The sender's verified detached JWS (compact form), when it signed the submission.
    public var signature: String?
    /// What the translation from the sender's format could not carry, as `location: reason`.
    public var droppedFields: [String]
    /// The body as the sender posted it in its own format, when the payload is its translation.
    public var original: OriginalBody?
    /// What the recipient will not receive (`RemovedField.description` lines), decided by the
    /// minimisation policy at intake and applied on delivery.
    public var minimisedFields: [String] = []
    /// The registry change a consent-grant or consent-withdrawal message makes, applied in the
    /// same transaction as the message.
    public var consentChange: ConsentChange? = nil

    /// Creates a message ready for `Store.submit`.
    public init(
        envelope: MessageEnvelope,
        subjectJSON: [UInt8]?,
        payload: PayloadLocation,
        payloadSHA256: [UInt8],
        idempotencyKey: String?,
        requestSHA256: [UInt8],
        expiresAt: Date,
        payloadSalt: [UInt8],
        payloadCommitment: [UInt8],
        signature: String? = nil,
        droppedFields: [String] = [],
        original: OriginalBody? = nil
    ) {
        self.envelope = envelope
        self.subjectJSON = subjectJSON
        self.payload = payload
        self.payloadSHA256 = payloadSHA256
        self.idempotencyKey = idempotencyKey
        self.requestSHA256 = requestSHA256
        self.expiresAt = expiresAt
        self.payloadSalt = payloadSalt
        self.payloadCommitment = payloadCommitment
        self.signature = signature
        self.droppedFields = droppedFields
        self.original = original
    }
}

/// The bytes a partner posted in its own format (FHIR, ER7, XML, ...), kept beside their
/// canonical translation so an audit can show exactly what was received.
public struct OriginalBody: Sendable, Hashable {
    /// The bytes as posted.
    public var bytes: [UInt8]
    /// Their media type.
    public var mediaType: String
    /// `SHA-256(salt || bytes)` with the payload's salt, which the message's leaves record.
    public var commitment: [UInt8]

    /// Creates an original body.
    public init(bytes: [UInt8], mediaType: String, commitment: [UInt8]) {
        self.bytes = bytes
        self.mediaType = mediaType
        self.commitment = commitment
    }
}

/// A message as the store holds it, with its lifecycle so far.
public struct MessageRecord: Sendable, Hashable {
    /// Position in the store's total order; inbox cursors are built from it.
    public var sequence: Int64
    /// The routing and description of the message. Records read back from a store leave
    /// `envelope.subject` empty: the subject is kept as written, in `subjectJSON`; see `subject()`.
    public var envelope: MessageEnvelope
    /// The subject as canonical JSON.
    public var subjectJSON: [UInt8]?
    /// Payload size in bytes.
    public var payloadLength: Int
    /// SHA-256 of the payload bytes.
    public var payloadSHA256: [UInt8]
    /// When the message will expire unless acknowledged.
    public var expiresAt: Date
    /// When the recipient first saw it listed in its inbox.
    public var deliveredAt: Date?
    /// When the recipient first downloaded it.
    public var downloadedAt: Date?
    /// When the recipient acknowledged it.
    public var acknowledgedAt: Date?
    /// When it expired unacknowledged.
    public var expiredAt: Date?
    /// Whether the payload has been deleted after expiry; the record itself is kept.
    public var payloadPurged: Bool
    /// `SHA-256(salt || payload)`, as every leaf of the message records it.
    public var payloadCommitment: [UInt8] = []
    /// The sender's verified detached JWS (compact form), when it signed the submission.
    public var signature: String? = nil
    /// What the translation from the sender's format could not carry, as `location: reason`.
    public var droppedFields: [String] = []
    /// `SHA-256(salt || original)` when the payload is a translation of what the sender posted.
    public var originalCommitment: [UInt8]? = nil
    /// The media type of the original, when there is one.
    public var originalMediaType: String? = nil
    /// When it was withheld from its recipient because the consent it relied on was withdrawn.
    public var withheldAt: Date? = nil
    /// What the minimisation policy removes on delivery (`RemovedField.description` lines).
    public var minimisedFields: [String] = []

    /// The subject, decoded from `subjectJSON` (or taken from the envelope of a record just created).
    public func subject() throws -> Person? {
        if let subject = envelope.subject { return subject }
        return try subjectJSON.map { try JSONDecoder().decode(Person.self, from: Data($0)) }
    }

    /// The furthest point of the lifecycle reached.
    public var status: MessageStatus {
        if expiredAt != nil { return .expired }
        if acknowledgedAt != nil { return .acknowledged }
        if withheldAt != nil { return .withheld }
        if downloadedAt != nil { return .downloaded }
        if deliveredAt != nil { return .delivered }
        return .accepted
    }
}

/// The outcome of a submission, with the log leaf of the message's `submitted` event.
public enum SubmitOutcome: Sendable {
    /// The message is new and now durably stored.
    case accepted(MessageRecord, LedgerLeaf)
    /// The same message was accepted before; nothing new was created.
    case duplicate(MessageRecord, LedgerLeaf)

    /// The stored record either way.
    public var record: MessageRecord {
        switch self {
        case .accepted(let record, _), .duplicate(let record, _): record
        }
    }

    /// The leaf recording the message's acceptance, either way.
    public var submittedLeaf: LedgerLeaf {
        switch self {
        case .accepted(_, let leaf), .duplicate(_, let leaf): leaf
        }
    }
}

/// One page of an inbox or outbox, oldest first.
public struct MessagePage: Sendable {
    /// The messages on this page.
    public var messages: [MessageRecord]
    /// The sequence number to continue after, when more may follow.
    public var next: Int64?
}

extension MessageRecord {
    /// The record of `message` as a store accepts it, at `sequence` in its order, with a payload
    /// of `payloadLength` bytes.
    init(accepted message: NewMessage, sequence: Int64, payloadLength: Int) {
        self.init(
            sequence: sequence,
            envelope: message.envelope,
            subjectJSON: message.subjectJSON,
            payloadLength: payloadLength,
            payloadSHA256: message.payloadSHA256,
            expiresAt: message.expiresAt,
            payloadPurged: false,
            payloadCommitment: message.payloadCommitment,
            signature: message.signature,
            droppedFields: message.droppedFields,
            originalCommitment: message.original?.commitment,
            originalMediaType: message.original?.mediaType,
            minimisedFields: message.minimisedFields
        )
    }
}

extension MessageRecord {
    /// Refuses a download of a message that has expired or been withheld from its recipient.
    /// - Throws: `StoreError.gone` once expired; `.withheld` once the consent it relied on was withdrawn.
    func requireDownloadable() throws {
        if let expiredAt {
            throw StoreError(.gone, "message \(envelope.id) expired unacknowledged at \(Timestamp.format(expiredAt))")
        }
        if let withheldAt {
            throw StoreError(
                .withheld,
                "message \(envelope.id) was withheld at \(Timestamp.format(withheldAt)): the consent it relied on was withdrawn before it was downloaded"
            )
        }
    }
}
