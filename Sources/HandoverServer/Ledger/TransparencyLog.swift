public import Foundation
public import HandoverLedger
public import HandoverModel
public import HandoverStore
import Synchronization

/// The gateway's view of its RFC 9162 log: the store holds the leaves (appended in the same
/// transactions as the messages they record); this keeps the Merkle tree over them in memory,
/// issues signed checkpoints, signs receipts, and answers proof requests.
///
/// The tree is rebuilt from the stored leaf hashes at start (64 bytes a leaf) and caught up
/// from the store before each checkpoint or proof, so it never holds a leaf that is not durable.
public final class TransparencyLog: Sendable {
    /// The log's name, the first line of every checkpoint.
    public let origin: String
    /// The gateway's signing key and every public key it has used.
    public let keyring: GatewayKeyring
    let store: any Store
    private let tree = Mutex(MerkleTree())
    /// Serialises catch-ups so two callers never append the same leaves.
    private let catchUpLock = AsyncLock()

    /// Creates the log over `store`; call `catchUp()` before serving proofs.
    public init(origin: String, keyring: GatewayKeyring, store: any Store) {
        self.origin = origin
        self.keyring = keyring
        self.store = store
    }

    /// The number of leaves in the in-memory tree.
    public var treeSize: UInt64 { tree.withLock { $0.treeSize } }

    /// Appends to the tree every leaf the store committed since the last catch-up.
    @discardableResult
    public func catchUp() async throws -> UInt64 {
        try await catchUpLock.run {
            while true {
                let start = treeSize
                let batch = try await store.leaves(from: start, limit: 10_000)
                if batch.isEmpty { return start }
                try tree.withLock { tree in
                    for leaf in batch {
                        guard leaf.index == tree.treeSize else {
                            throw StoreError(.storage, "the log has no leaf \(tree.treeSize); the next stored leaf is \(leaf.index)")
                        }
                        try tree.append(leafHash: leaf.hash)
                    }
                }
            }
        }
    }

    /// Issues a checkpoint for the current tree if it grew since the latest one; returns the
    /// latest checkpoint either way (nil only while the log is empty).
    @discardableResult
    public func issueCheckpoint(now: Date) async throws -> StoredCheckpoint? {
        let size = try await catchUp()
        let latest = try await store.latestCheckpoint()
        if let latest, latest.treeSize >= size { return latest }
        guard size > 0 else { return latest }
        let root = try tree.withLock { try $0.root(size: size) }
        let checkpoint = Checkpoint(origin: origin, treeSize: size, rootHash: root)
        let note = try checkpoint.signed(by: keyring.signer).text
        let stored = StoredCheckpoint(treeSize: size, rootHash: root, note: note, issuedAt: now)
        try await store.saveCheckpoint(stored)
        return stored
    }

    /// The gateway's signed receipt for the `submitted` leaf of message `id`.
    public func receipt(for id: MessageID, leaf: LedgerLeaf, acceptedAt: Date) throws -> SignedReceipt {
        try SignedReceipt.make(
            origin: origin, messageID: id.description, leafIndex: leaf.index, leafHash: leaf.hash,
            acceptedAt: Timestamp.format(acceptedAt), signer: keyring.signer
        )
    }

    /// The audit path for leaf `index` in the tree of `size` leaves.
    public func inclusionProof(leafIndex index: UInt64, treeSize size: UInt64) async throws -> InclusionProof {
        try await requireSize(size)
        return try tree.withLock { try $0.inclusionProof(leafIndex: index, treeSize: size) }
    }

    /// The consistency proof between the trees of `oldSize` and `newSize` leaves.
    public func consistencyProof(from oldSize: UInt64, to newSize: UInt64) async throws -> ConsistencyProof {
        try await requireSize(newSize)
        return try tree.withLock { try $0.consistencyProof(from: oldSize, to: newSize) }
    }

    /// The root hash of the tree of `size` leaves.
    public func root(size: UInt64) async throws -> [UInt8] {
        try await requireSize(size)
        return try tree.withLock { try $0.root(size: size) }
    }

    /// An offline proof bundle for message `id`, against the latest checkpoint (issuing one if
    /// none yet covers the message's last event). The payload salt is disclosed when asked and
    /// still kept.
    public func proofBundle(for id: MessageID, disclosingSalt: Bool, now: Date) async throws -> ProofBundle? {
        guard let evidence = try await store.evidence(of: id) else { return nil }
        let leaves = try await store.leaves(of: id)
        guard let last = leaves.last else { return nil }
        var checkpoint = try await store.latestCheckpoint()
        if checkpoint.map({ $0.treeSize <= last.index }) ?? true {
            checkpoint = try await issueCheckpoint(now: now)
        }
        guard let checkpoint else { return nil }
        try await requireSize(checkpoint.treeSize)
        let note = try SignedNote.parse(checkpoint.note)
        guard let verifier = keyring.verifiers.first(where: { verifier in note.signatures.contains { $0.keyID == verifier.keyID } }) else {
            throw LedgerError.noKnownSignature(reason: "checkpoint \(checkpoint.treeSize) is signed by no key of this gateway")
        }
        let disclosure = disclosingSalt ? evidence.salt.map { PayloadDisclosure(salt: $0, payloadSHA256: evidence.record.payloadSHA256) } : nil
        // Built under the lock: a copy of the tree taken out of it would make the next append
        // copy every stored hash.
        return try tree.withLock { tree in
            try ProofBundle.make(
                messageID: id.description,
                leaves: leaves.map { (leafIndex: $0.index, leafBytes: $0.bytes) },
                tree: tree,
                checkpoint: checkpoint.note,
                verifier: verifier,
                payload: disclosure
            )
        }
    }

    /// Catches up if `size` is beyond the tree; refuses sizes the log never had.
    private func requireSize(_ size: UInt64) async throws {
        if size > treeSize { try await catchUp() }
        let current = treeSize
        guard size <= current else {
            throw LedgerError.invalidTreeSize(reason: "the log has \(current) leaves; it never had a tree of \(size)")
        }
    }
}
