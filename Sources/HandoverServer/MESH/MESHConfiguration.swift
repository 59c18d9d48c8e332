public import HandoverModel

/// The MESH-compatible API (`/messageexchange/`), enabled by a `mesh` section in the gateway's
/// configuration (`contracts/mesh/README.md`).
public struct MESHConfiguration: Sendable, Codable {
    /// The environment's shared HMAC key, the `shared_key` every MESH client is configured with.
    public var sharedKey: String
    /// Workflows whose bytes are carried opaquely as `document` messages, each with the purpose
    /// and lawful basis information governance records for it.
    public var passThrough: [PassThroughWorkflow]
    /// Largest request body (one message or one chunk, as sent); larger ones get 413.
    public var maxChunkBytes: Int
    /// Largest size a gzip chunk may inflate to; a larger one is refused as a decompression bomb.
    public var maxInflatedChunkBytes: Int
    /// Requests handled at once; past this the API answers 429 (or 503 on a first send, before
    /// reading it) with `Retry-After`.
    public var maxConcurrentRequests: Int
    /// The `Retry-After` value, in seconds, sent with 429 and 503.
    public var retryAfterSeconds: Int

    /// Creates a MESH configuration.
    public init(
        sharedKey: String,
        passThrough: [PassThroughWorkflow] = [],
        maxChunkBytes: Int = 100 * 1024 * 1024,
        maxInflatedChunkBytes: Int = 256 * 1024 * 1024,
        maxConcurrentRequests: Int = 64,
        retryAfterSeconds: Int = 1
    ) {
        self.sharedKey = sharedKey
        self.passThrough = passThrough
        self.maxChunkBytes = maxChunkBytes
        self.maxInflatedChunkBytes = maxInflatedChunkBytes
        self.maxConcurrentRequests = maxConcurrentRequests
        self.retryAfterSeconds = retryAfterSeconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = MESHConfiguration(sharedKey: "")
        sharedKey = try container.decode(String.self, forKey: .sharedKey)
        passThrough = try container.decodeIfPresent([PassThroughWorkflow].self, forKey: .passThrough) ?? []
        maxChunkBytes = try container.decodeIfPresent(Int.self, forKey: .maxChunkBytes) ?? defaults.maxChunkBytes
        maxInflatedChunkBytes = try container.decodeIfPresent(Int.self, forKey: .maxInflatedChunkBytes) ?? defaults.maxInflatedChunkBytes
        maxConcurrentRequests = try container.decodeIfPresent(Int.self, forKey: .maxConcurrentRequests) ?? defaults.maxConcurrentRequests
        retryAfterSeconds = try container.decodeIfPresent(Int.self, forKey: .retryAfterSeconds) ?? defaults.retryAfterSeconds
    }
}

/// A MESH workflow carried opaquely: the gateway cannot read the bytes, so the operator declares
/// why they are shared and on what basis, and every message of the workflow records it.
public struct PassThroughWorkflow: Sendable, Codable, Hashable {
    /// The `mex-WorkflowID`, such as `TEST_WORKFLOW` or an NHS workflow.
    public var workflowId: String
    /// Why the documents are shared.
    public var purpose: Purpose
    /// What makes the share lawful.
    public var lawfulBasis: LawfulBasisConfiguration
    /// A note for auditors on what the workflow carries.
    public var description: String?
    /// MESH mailboxes allowed to send it; any registered mailbox when absent.
    public var senders: [String]?
    /// MESH mailboxes allowed to receive it; any registered mailbox when absent.
    public var recipients: [String]?

    /// Creates a pass-through workflow.
    public init(
        workflowId: String, purpose: Purpose, lawfulBasis: LawfulBasisConfiguration, description: String? = nil,
        senders: [String]? = nil, recipients: [String]? = nil
    ) {
        self.workflowId = workflowId
        self.purpose = purpose
        self.lawfulBasis = lawfulBasis
        self.description = description
        self.senders = senders
        self.recipients = recipients
    }
}

/// A lawful basis as written in a configuration file: `{"consentId": …}` or
/// `{"statute": …, "article6": …, "article9": …}`, as in canonical messages.
public struct LawfulBasisConfiguration: Sendable, Codable, Hashable {
    public var consentId: String?
    public var statute: Statute?
    public var article6: Article6Condition?
    public var article9: Article9Condition?

    /// Creates a statutory basis.
    public init(statute: Statute, article6: Article6Condition, article9: Article9Condition) {
        self.statute = statute
        self.article6 = article6
        self.article9 = article9
    }

    /// The basis, validated.
    /// - Throws: `GatewayStartError` when it is neither a consent nor a complete statutory basis.
    public func basis() throws -> LawfulBasis {
        if let consentId, statute == nil {
            return .consent(try ConsentID(validating: consentId))
        }
        guard let statute, let article6, let article9,
            StatutoryBasis.article6Conditions.contains(article6), StatutoryBasis.article9Conditions.contains(article9)
        else {
            throw GatewayStartError("a pass-through workflow's lawfulBasis needs a consentId, or a statute with article6 and article9 conditions")
        }
        return .statutory(StatutoryBasis(statute: statute, article6: article6, article9: article9))
    }
}

/// A partner's MESH mailbox as written in the configuration file.
public struct PartnerMESHConfiguration: Sendable, Codable, Hashable {
    /// The MESH mailbox id, such as `X26ABC1`; upper-cased.
    public var mailbox: String
    /// The mailbox password its MESH client uses.
    public var password: String

    /// Creates a partner's MESH mailbox entry.
    public init(mailbox: String, password: String) {
        self.mailbox = mailbox
        self.password = password
    }
}
