/// An error thrown by the ledger: a malformed or failed Merkle proof (RFC 9162 section 2.1),
/// checkpoint (C2SP tlog-checkpoint), signed note (C2SP signed-note), partner signature
/// (RFC 7515 JWS with detached content), receipt, log leaf or proof bundle.
///
/// The error carries a machine-checkable ``code`` and a human ``reason``. It is `Equatable` and
/// `Hashable` by ``code`` only, so callers and tests can compare against an error built directly
/// (for example `LedgerError.proofMismatch(reason: "")`) without matching the wording.
public struct LedgerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is; the only field considered by `==` and `hash(into:)`.
    public let code: Code
    /// A sentence for operators and auditors saying what was wrong and with which values.
    public let reason: String

    /// Creates an error with a code and a human reason.
    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `"LedgerError.<code>: <reason>"`.
    public var description: String {
        "LedgerError.\(code): \(reason)"
    }

    /// Equal when the codes are equal; the reason text is ignored.
    public static func == (lhs: LedgerError, rhs: LedgerError) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the code only, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
    }

    /// A leaf index is not below the tree size (RFC 9162 section 2.1.3.2 step 1).
    public static func invalidLeafIndex(reason: String) -> LedgerError {
        LedgerError(code: .invalidLeafIndex, reason: reason)
    }

    /// A tree size is out of range: larger than the tree, zero where a leaf is needed, or a
    /// consistency proof asked from a larger to a smaller tree (RFC 9162 section 2.1.4).
    public static func invalidTreeSize(reason: String) -> LedgerError {
        LedgerError(code: .invalidTreeSize, reason: reason)
    }

    /// A proof has a different number of hashes than RFC 9162 section 2.1.3 or 2.1.4 prescribes.
    public static func invalidProofLength(reason: String) -> LedgerError {
        LedgerError(code: .invalidProofLength, reason: reason)
    }

    /// A leaf hash, root hash or proof hash is not 32 bytes (SHA-256, RFC 9162 section 2.1).
    public static func invalidHashLength(reason: String) -> LedgerError {
        LedgerError(code: .invalidHashLength, reason: reason)
    }

    /// A well-formed proof does not lead to the stated root hash (RFC 9162 sections 2.1.3.2, 2.1.4.2).
    public static func proofMismatch(reason: String) -> LedgerError {
        LedgerError(code: .proofMismatch, reason: reason)
    }

    /// A checkpoint body does not follow C2SP tlog-checkpoint.
    public static func malformedCheckpoint(reason: String) -> LedgerError {
        LedgerError(code: .malformedCheckpoint, reason: reason)
    }

    /// A signed note, or a note body to be signed, does not follow C2SP signed-note.
    public static func malformedNote(reason: String) -> LedgerError {
        LedgerError(code: .malformedNote, reason: reason)
    }

    /// A key name, verifier key or signer key does not follow C2SP signed-note.
    public static func malformedKey(reason: String) -> LedgerError {
        LedgerError(code: .malformedKey, reason: reason)
    }

    /// No signature on a note is from a known key (C2SP signed-note, "Signatures").
    public static func noKnownSignature(reason: String) -> LedgerError {
        LedgerError(code: .noKnownSignature, reason: reason)
    }

    /// A signature from a known key failed to verify: a signed note's (C2SP signed-note,
    /// "Signatures") or a partner's JWS (RFC 7515 section 5.2 step 8).
    public static func invalidSignature(reason: String) -> LedgerError {
        LedgerError(code: .invalidSignature, reason: reason)
    }

    /// Two different known keys share a key name and key id, so a signature cannot be attributed.
    public static func ambiguousKey(reason: String) -> LedgerError {
        LedgerError(code: .ambiguousKey, reason: reason)
    }

    /// The signing primitive itself failed.
    public static func signingFailed(reason: String) -> LedgerError {
        LedgerError(code: .signingFailed, reason: reason)
    }

    /// A JWS is not a compact serialization with detached content, or its protected header is
    /// not the JSON object Handover requires (RFC 7515 sections 3.1, 4 and 7.2, Appendix F).
    public static func malformedJWS(reason: String) -> LedgerError {
        LedgerError(code: .malformedJWS, reason: reason)
    }

    /// A JWS names a key id (`kid`, RFC 7515 section 4.1.4) that is not among the partner's keys.
    public static func unknownKeyID(reason: String) -> LedgerError {
        LedgerError(code: .unknownKeyID, reason: reason)
    }

    /// A JWS `alg` is not `EdDSA` or `ES256`, or is not the algorithm of the key it names
    /// (RFC 7515 section 4.1.1, RFC 8725 section 3.1); `none`, `HS*` and `RS*` are always refused.
    public static func unsupportedAlgorithm(reason: String) -> LedgerError {
        LedgerError(code: .unsupportedAlgorithm, reason: reason)
    }

    /// The SHA-256 digest in a JWS `hov.sha` header parameter is not that of the body received.
    public static func bodyDigestMismatch(reason: String) -> LedgerError {
        LedgerError(code: .bodyDigestMismatch, reason: reason)
    }

    /// A signed routing claim (`hov.rcp`, `hov.knd` or `hov.lid`) differs from the submission's
    /// routing; the reason names the claim first.
    public static func routingClaimMismatch(reason: String) -> LedgerError {
        LedgerError(code: .routingClaimMismatch, reason: reason)
    }

    /// A signed receipt's note body is not the `handover-receipt/v1` layout.
    public static func malformedReceipt(reason: String) -> LedgerError {
        LedgerError(code: .malformedReceipt, reason: reason)
    }

    /// A log leaf is not the canonical `handover-leaf/v1` encoding of a log event.
    public static func malformedLeaf(reason: String) -> LedgerError {
        LedgerError(code: .malformedLeaf, reason: reason)
    }

    /// A payload and salt do not hash to the payload commitment, or a payload does not have the
    /// stated SHA-256 digest.
    public static func commitmentMismatch(reason: String) -> LedgerError {
        LedgerError(code: .commitmentMismatch, reason: reason)
    }

    /// A proof bundle is not valid JSON of the `handover-proof-bundle/v1` layout, or its parts
    /// do not belong together (no events, leaf indices out of order, another message's event).
    public static func malformedBundle(reason: String) -> LedgerError {
        LedgerError(code: .malformedBundle, reason: reason)
    }
}

extension LedgerError {
    /// The kind of a ``LedgerError``; a closed set, compared by identity.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Backing: String, Sendable, Hashable {
            case invalidLeafIndex, invalidTreeSize, invalidProofLength, invalidHashLength
            case proofMismatch, malformedCheckpoint, malformedNote, malformedKey
            case noKnownSignature, invalidSignature, ambiguousKey, signingFailed
            case malformedJWS, unknownKeyID, unsupportedAlgorithm, bodyDigestMismatch, routingClaimMismatch
            case malformedReceipt, malformedLeaf, commitmentMismatch, malformedBundle
        }

        private let backing: Backing

        private init(_ backing: Backing) {
            self.backing = backing
        }

        /// The code's name, such as `proofMismatch`.
        public var description: String { backing.rawValue }

        /// See ``LedgerError/invalidLeafIndex(reason:)``.
        public static let invalidLeafIndex = Code(.invalidLeafIndex)
        /// See ``LedgerError/invalidTreeSize(reason:)``.
        public static let invalidTreeSize = Code(.invalidTreeSize)
        /// See ``LedgerError/invalidProofLength(reason:)``.
        public static let invalidProofLength = Code(.invalidProofLength)
        /// See ``LedgerError/invalidHashLength(reason:)``.
        public static let invalidHashLength = Code(.invalidHashLength)
        /// See ``LedgerError/proofMismatch(reason:)``.
        public static let proofMismatch = Code(.proofMismatch)
        /// See ``LedgerError/malformedCheckpoint(reason:)``.
        public static let malformedCheckpoint = Code(.malformedCheckpoint)
        /// See ``LedgerError/malformedNote(reason:)``.
        public static let malformedNote = Code(.malformedNote)
        /// See ``LedgerError/malformedKey(reason:)``.
        public static let malformedKey = Code(.malformedKey)
        /// See ``LedgerError/noKnownSignature(reason:)``.
        public static let noKnownSignature = Code(.noKnownSignature)
        /// See ``LedgerError/invalidSignature(reason:)``.
        public static let invalidSignature = Code(.invalidSignature)
        /// See ``LedgerError/ambiguousKey(reason:)``.
        public static let ambiguousKey = Code(.ambiguousKey)
        /// See ``LedgerError/signingFailed(reason:)``.
        public static let signingFailed = Code(.signingFailed)
        /// See ``LedgerError/malformedJWS(reason:)``.
        public static let malformedJWS = Code(.malformedJWS)
        /// See ``LedgerError/unknownKeyID(reason:)``.
        public static let unknownKeyID = Code(.unknownKeyID)
        /// See ``LedgerError/unsupportedAlgorithm(reason:)``.
        public static let unsupportedAlgorithm = Code(.unsupportedAlgorithm)
        /// See ``LedgerError/bodyDigestMismatch(reason:)``.
        public static let bodyDigestMismatch = Code(.bodyDigestMismatch)
        /// See ``LedgerError/routingClaimMismatch(reason:)``.
        public static let routingClaimMismatch = Code(.routingClaimMismatch)
        /// See ``LedgerError/malformedReceipt(reason:)``.
        public static let malformedReceipt = Code(.malformedReceipt)
        /// See ``LedgerError/malformedLeaf(reason:)``.
        public static let malformedLeaf = Code(.malformedLeaf)
        /// See ``LedgerError/commitmentMismatch(reason:)``.
        public static let commitmentMismatch = Code(.commitmentMismatch)
        /// See ``LedgerError/malformedBundle(reason:)``.
        public static let malformedBundle = Code(.malformedBundle)
    }
}
