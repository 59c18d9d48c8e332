/// Why the store refused an operation. Equal by `code` only, so tests can compare errors.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The family of the failure.
    public enum Code: String, Sendable, Hashable {
        /// No such message visible to the caller.
        case notFound = "not-found"
        /// The operation does not fit the message's state (for example acknowledging before downloading).
        case conflict
        /// The message has expired; only its record remains.
        case gone
        /// An idempotency key was reused for a different message.
        case idempotencyMismatch = "idempotency-mismatch"
        /// A signature already accepted for another message was sent again.
        case replayedSignature = "replayed-signature"
        /// The store itself failed (disk, database).
        case storage
        /// No consent with that id is recorded.
        case consentUnknown = "consent-unknown"
        /// The consent was withdrawn (before the share, or before this withdrawal).
        case consentWithdrawn = "consent-withdrawn"
        /// A consent with that id is already recorded.
        case consentExists = "consent-exists"
        /// The message is withheld from its recipient: the consent it relied on was withdrawn.
        case withheld
    }

    /// The family of the failure.
    public var code: Code
    /// What happened and what to do about it.
    public var reason: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code.rawValue): \(reason)" }

    public static func == (lhs: StoreError, rhs: StoreError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
