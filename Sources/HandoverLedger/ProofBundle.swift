import Crypto

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An offline, self-contained proof of one message's history in the log: its events' leaves,
/// an inclusion proof of each (RFC 9162 section 2.1.3) in the tree a signed checkpoint commits
/// to (C2SP tlog-checkpoint, signed as a C2SP signed note), the log's verifier key, and
/// optionally what an auditor holding the payload needs to check the payload commitment.
///
/// The JSON layout (`contracts/ledger/proof-bundle.md`) is stable: members are the coding keys
/// below, written with sorted keys; ``verify()`` needs nothing but the bundle.
///
/// ``verify()`` proves the bundle is consistent with *the key inside it*. Whether that key is
/// the gateway's is for the auditor to confirm against the key the gateway publishes, which
/// ``verify(trusting:)`` does.
public struct ProofBundle: Sendable, Hashable, Codable {
    /// The value of ``format`` for this layout.
    public static let currentFormat = "handover-proof-bundle/v1"

    /// The layout name and version, ``currentFormat``.
    public let format: String
    /// The message every event belongs to.
    public let messageID: String
    /// The signed checkpoint note text, exactly as signed.
    public let checkpoint: String
    /// The log's verifier key, `<name>+<hex key id>+<base64(0x01 || key)>` (C2SP signed-note).
    public let verifierKey: String
    /// The message's events, in increasing leaf index order.
    public let events: [ProofBundleEvent]
    /// The salt and payload digest, when disclosed.
    public let payload: PayloadDisclosure?

    /// Wraps values as they appear in the JSON; ``verify()`` checks them.
    public init(
        messageID: String,
        checkpoint: String,
        verifierKey: String,
        events: [ProofBundleEvent],
        payload: PayloadDisclosure?,
        format: String = ProofBundle.currentFormat
    ) {
        self.format = format
        self.messageID = messageID
        self.checkpoint = checkpoint
        self.verifierKey = verifierKey
        self.events = events
        self.payload = payload
    }

    /// Builds a bundle from the log: the leaves at `leafIndices` (each a ``LogEvent`` of
    /// `messageID`, with its leaf bytes), their inclusion proofs in `tree` at the size of the
    /// signed `checkpoint`, and the checkpoint's `verifier`. The result is verified before it
    /// is returned, so a bundle the gateway hands out always verifies.
    ///
    /// - Throws: the errors of ``Checkpoint/open(_:verifiers:)``, of
    ///   ``MerkleTree/inclusionProof(leafIndex:treeSize:)``,
    ///   ``LedgerError/proofMismatch(reason:)`` if `tree` at the checkpoint's size does not have
    ///   the checkpoint's root, and the errors of ``verify()``.
    public static func make(
        messageID: String,
        leaves: [(leafIndex: UInt64, leafBytes: [UInt8])],
        tree: MerkleTree,
        checkpoint: String,
        verifier: NoteVerifier,
        payload: PayloadDisclosure? = nil
    ) throws(LedgerError) -> ProofBundle {
        let opened = try Checkpoint.open(checkpoint, verifiers: [verifier])
        guard try tree.root(size: opened.treeSize) == opened.rootHash else {
            throw .proofMismatch(reason: "the tree at size \(opened.treeSize) does not have the checkpoint's root hash")
        }
        var events: [ProofBundleEvent] = []
        for (leafIndex, leafBytes) in leaves.sorted(by: { $0.leafIndex < $1.leafIndex }) {
            let proof = try tree.inclusionProof(leafIndex: leafIndex, treeSize: opened.treeSize)
            events.append(ProofBundleEvent(leafIndex: leafIndex, leafBytes: leafBytes, proof: proof))
        }
        let bundle = ProofBundle(
            messageID: messageID, checkpoint: checkpoint, verifierKey: verifier.verifierKey, events: events, payload: payload
        )
        try bundle.verify()
        return bundle
    }

    /// Decodes a bundle from its JSON; nothing is verified.
    ///
    /// - Throws: ``LedgerError/malformedBundle(reason:)`` if the text is not JSON of this layout
    ///   (truncated, a member missing or of the wrong type).
    public static func decode(json: some DataProtocol) throws(LedgerError) -> ProofBundle {
        do {
            return try JSONDecoder().decode(ProofBundle.self, from: Data(json))
        } catch {
            throw .malformedBundle(reason: "the text is not a proof bundle: \(error)")
        }
    }

    /// The JSON, pretty-printed with sorted keys and unescaped slashes.
    ///
    /// - Throws: ``LedgerError/malformedBundle(reason:)`` if encoding fails.
    public func json() throws(LedgerError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(self))
        } catch {
            throw .malformedBundle(reason: "the bundle could not be encoded: \(error)")
        }
    }

    /// Verifies the whole bundle and returns the checkpoint and the events it proves:
    ///
    /// 1. ``format`` is ``currentFormat`` (``LedgerError/malformedBundle(reason:)``);
    /// 2. ``verifierKey`` parses (``LedgerError/malformedKey(reason:)``) and the checkpoint note
    ///    verifies with it and parses (the errors of ``Checkpoint/open(_:verifiers:)``, such as
    ///    ``LedgerError/noKnownSignature(reason:)`` for a checkpoint signed by another key);
    /// 3. there is at least one event, leaf indices strictly increase, and a disclosed salt and
    ///    payload digest are 32 bytes each (``LedgerError/malformedBundle(reason:)``);
    /// 4. for each event in order: the leaf is base64 (``LedgerError/malformedBundle(reason:)``)
    ///    of a canonical ``LogEvent`` (``LedgerError/malformedLeaf(reason:)``) of ``messageID``
    ///    (``LedgerError/malformedBundle(reason:)``), and its audit path (hex, 32-byte hashes)
    ///    leads from the leaf hash to the checkpoint's root at the checkpoint's tree size
    ///    (RFC 9162 section 2.1.3.2: ``LedgerError/invalidLeafIndex(reason:)``,
    ///    ``LedgerError/invalidHashLength(reason:)``, ``LedgerError/invalidProofLength(reason:)``,
    ///    ``LedgerError/proofMismatch(reason:)``).
    ///
    /// The first failure is thrown; an event's failure keeps its code and its reason starts with
    /// `event <position> (leaf <index>): `, position counting from 0.
    @discardableResult
    public func verify() throws(LedgerError) -> (checkpoint: Checkpoint, events: [LogEvent]) {
        guard format == Self.currentFormat else {
            throw .malformedBundle(reason: "format \(format.debugDescription) is not \(Self.currentFormat)")
        }
        let verifier = try NoteVerifier(verifierKey: verifierKey)
        let opened = try Checkpoint.open(checkpoint, verifiers: [verifier])
        guard !events.isEmpty else {
            throw .malformedBundle(reason: "the bundle holds no events")
        }
        for (position, pair) in zip(events, events.dropFirst()).enumerated() where pair.0.leafIndex >= pair.1.leafIndex {
            throw .malformedBundle(reason: "event \(position + 1) (leaf \(pair.1.leafIndex)): leaf indices must strictly increase")
        }
        if let payload {
            guard Hex.decode(payload.salt)?.count == PayloadCommitment.saltByteCount,
                Hex.decode(payload.sha256)?.count == 32
            else {
                throw .malformedBundle(reason: "the disclosed salt and payload digest are 64 lower-case hex digits each")
            }
        }
        var verified: [LogEvent] = []
        for (position, event) in events.enumerated() {
            do {
                verified.append(try verify(event, checkpoint: opened))
            } catch {
                throw LedgerError(code: error.code, reason: "event \(position) (leaf \(event.leafIndex)): \(error.reason)")
            }
        }
        return (opened, verified)
    }

    /// ``verify()``, after checking that the bundle's ``verifierKey`` is `trusted`'s, the key
    /// the auditor obtained from the gateway by other means.
    ///
    /// - Throws: ``LedgerError/noKnownSignature(reason:)`` if the bundle names another key, then
    ///   the errors of ``verify()``.
    @discardableResult
    public func verify(trusting trusted: NoteVerifier) throws(LedgerError) -> (checkpoint: Checkpoint, events: [LogEvent]) {
        guard verifierKey == trusted.verifierKey else {
            throw .noKnownSignature(reason: "the bundle's key \(verifierKey) is not the trusted key \(trusted.verifierKey)")
        }
        return try verify()
    }

    /// ``verify()``, then checks `payload` against the disclosure: its SHA-256 is the disclosed
    /// digest and every event's commitment is `SHA-256(salt || payload)`.
    ///
    /// - Throws: the errors of ``verify()``; ``LedgerError/malformedBundle(reason:)`` if the
    ///   bundle discloses no salt; ``LedgerError/commitmentMismatch(reason:)``, with the event
    ///   position for a commitment.
    public func verify(payload bytes: some DataProtocol) throws(LedgerError) {
        let (_, verified) = try verify()
        guard let payload, let salt = Hex.decode(payload.salt), let digest = Hex.decode(payload.sha256) else {
            throw .malformedBundle(reason: "the bundle discloses no payload salt")
        }
        guard Array(SHA256.hash(data: Array(bytes))) == digest else {
            throw .commitmentMismatch(reason: "the payload's SHA-256 is not the disclosed digest \(payload.sha256)")
        }
        for (position, event) in verified.enumerated() {
            guard let commitment = event.payloadCommitment else { continue }
            guard PayloadCommitment.verify(payload: bytes, salt: salt, commitment: commitment) else {
                throw .commitmentMismatch(
                    reason: "event \(position) (leaf \(events[position].leafIndex)): SHA-256(salt || payload) is not the leaf's commitment"
                )
            }
        }
    }

    private func verify(_ event: ProofBundleEvent, checkpoint: Checkpoint) throws(LedgerError) -> LogEvent {
        guard let leafBytes = event.leafBytes else {
            throw .malformedBundle(reason: "the leaf is not canonical padded base64")
        }
        let logEvent = try LogEvent.parse(leafBytes: leafBytes)
        guard logEvent.messageID == messageID else {
            throw .malformedBundle(
                reason: "the leaf is about message \(logEvent.messageID?.debugDescription ?? "nil"), not \(messageID.debugDescription)"
            )
        }
        var proof: [[UInt8]] = []
        for (index, text) in event.inclusionProof.enumerated() {
            guard let hash = Hex.decode(text) else {
                throw .malformedBundle(reason: "inclusion proof hash \(index) is not lower-case hex")
            }
            proof.append(hash)
        }
        try InclusionProof.verify(
            leafHash: MerkleHash.leafHash(leafBytes),
            leafIndex: event.leafIndex,
            treeSize: checkpoint.treeSize,
            proof: proof,
            root: checkpoint.rootHash
        )
        return logEvent
    }
}
