import Foundation
public import HandoverLedger
import HandoverModel
public import HandoverStore

/// Checks a store's log without trusting it: recomputes every leaf hash from the leaf bytes and
/// the tree from those hashes, checks each leaf against the message it names (parties and payload
/// commitment), each kept payload against its commitment, every checkpoint's signature against
/// the gateway's keys and its root against the recomputed tree, and consistency between
/// successive checkpoints (RFC 9162 section 2.1.4).
public struct LedgerAudit: Sendable {
    /// One place where the store and its log disagree.
    public struct Divergence: Sendable, CustomStringConvertible {
        /// The leaf concerned, when one can be named.
        public var leafIndex: UInt64?
        /// What disagrees.
        public var reason: String

        public var description: String {
            leafIndex.map { "leaf \($0): \(reason)" } ?? reason
        }
    }

    /// What an audit found.
    public struct Report: Sendable {
        /// Leaves read.
        public var leafCount: UInt64 = 0
        /// Checkpoints checked.
        public var checkpointCount = 0
        /// Messages checked.
        public var messageCount = 0
        /// Payloads checked against their commitments.
        public var payloadCount = 0
        /// Every divergence found, first leaf first.
        public var divergences: [Divergence] = []
        /// The root hash of the recomputed tree.
        public var rootHash: [UInt8] = MerkleHash.emptyRoot

        /// Whether the log and the store agree everywhere.
        public var isClean: Bool { divergences.isEmpty }
    }

    private struct MessageFacts {
        var sender: String
        var recipient: String
        var commitment: [UInt8]
        var originalCommitment: [UInt8]?
        var basis: String?
        var hasLog: Bool
        var payloadProblem: String?
    }

    let store: any Store
    let verifiers: [NoteVerifier]

    /// An audit of `store` trusting checkpoints signed by `verifiers` only.
    public init(store: any Store, verifiers: [NoteVerifier]) {
        self.store = store
        self.verifiers = verifiers
    }

    /// Runs every check and reports all divergences, sorted so the first is the earliest leaf.
    public func run() async throws -> Report {
        var report = Report()
        var messages = try await messageFacts(&report)
        var tree = MerkleTree()
        var submitted: [String: UInt64] = [:]

        var next: UInt64 = 0
        while true {
            let batch = try await store.leaves(from: next, limit: 5_000)
            if batch.isEmpty { break }
            for leaf in batch {
                if leaf.index != next {
                    report.divergences.append(
                        Divergence(leafIndex: next, reason: "is missing: the log jumps from leaf \(Int64(next) - 1) to leaf \(leaf.index)")
                    )
                    // Keep counting from the stored index so one deletion is reported once.
                    while tree.treeSize < leaf.index { try tree.append(leafHash: MerkleHash.emptyRoot) }
                }
                let hash = MerkleHash.leafHash(leaf.bytes)
                try tree.append(leafHash: hash)
                next = leaf.index + 1
                if hash != leaf.hash {
                    report.divergences.append(
                        Divergence(leafIndex: leaf.index, reason: "its stored leaf hash does not match its bytes: the event or its hash was altered")
                    )
                }
                let event: LogEvent
                do {
                    event = try LogEvent.parse(leafBytes: leaf.bytes)
                } catch {
                    report.divergences.append(Divergence(leafIndex: leaf.index, reason: "is not a readable handover-leaf event: \(error.reason)"))
                    continue
                }
                if event.kind.isConsentEvent {
                    if let problem = try await consentProblem(event) { report.divergences.append(Divergence(leafIndex: leaf.index, reason: problem)) }
                    continue
                }
                guard let id = event.messageID, event.kind != .rejected else { continue }
                if messages[id] == nil, let message = try? MessageID(validating: id), let evidence = try await store.evidence(of: message) {
                    messages[id] = Self.facts(of: evidence)
                }
                guard let facts = messages[id] else {
                    report.divergences.append(Divergence(leafIndex: leaf.index, reason: "names message \(id), which the store does not hold"))
                    continue
                }
                if event.kind == .submitted { submitted[id] = leaf.index }
                if event.sender != facts.sender || event.recipient != facts.recipient {
                    report.divergences.append(
                        Divergence(
                            leafIndex: leaf.index,
                            reason: "records \(event.sender) to \(event.recipient); message \(id) is \(facts.sender) to \(facts.recipient)"
                        )
                    )
                }
                if event.payloadCommitment != facts.commitment {
                    report.divergences.append(
                        Divergence(leafIndex: leaf.index, reason: "records a payload commitment that message \(id) does not have")
                    )
                }
                if event.originalCommitment != facts.originalCommitment {
                    report.divergences.append(
                        Divergence(leafIndex: leaf.index, reason: "records an original commitment that message \(id) does not have")
                    )
                }
                if event.basis != facts.basis {
                    report.divergences.append(
                        Divergence(leafIndex: leaf.index, reason: "records a lawful basis that message \(id) does not have")
                    )
                }
            }
        }
        report.leafCount = next
        report.rootHash = tree.rootHash

        for (id, facts) in messages {
            guard facts.hasLog else { continue }
            guard let leafIndex = submitted[id] else {
                report.divergences.append(Divergence(leafIndex: nil, reason: "message \(id) has no submitted leaf in the log"))
                continue
            }
            if let problem = facts.payloadProblem {
                report.divergences.append(Divergence(leafIndex: leafIndex, reason: "message \(id): \(problem)"))
            }
        }
        try await checkCheckpoints(tree: tree, report: &report)
        report.divergences.sort { ($0.leafIndex ?? .max) < ($1.leafIndex ?? .max) }
        return report
    }

    private func messageFacts(_ report: inout Report) async throws -> [String: MessageFacts] {
        var facts: [String: MessageFacts] = [:]
        var after: Int64 = 0
        while true {
            let batch = try await store.evidence(after: after, limit: 1_000)
            guard let last = batch.last else { return facts }
            after = last.record.sequence
            for evidence in batch {
                let fact = Self.facts(of: evidence)
                if evidence.salt != nil && evidence.payload != nil { report.payloadCount += 1 }
                facts[evidence.record.envelope.id.description] = fact
                report.messageCount += 1
            }
        }
    }

    private static func facts(of evidence: MessageEvidence) -> MessageFacts {
        let record = evidence.record
        var problem: String?
        // Messages accepted before the log existed carry an empty salt and have no leaves.
        let hasLog = evidence.salt.map { !$0.isEmpty } ?? true
        if !record.payloadPurged {
            if let salt = evidence.salt, let payload = evidence.payload {
                do {
                    let bytes = try payload.bytes()
                    if !PayloadCommitment.verify(payload: bytes, salt: salt, commitment: record.payloadCommitment) {
                        problem = "its payload does not match the commitment the log recorded (the payload was altered)"
                    }
                } catch {
                    problem = "its payload cannot be read: \(error)"
                }
                if let commitment = record.originalCommitment {
                    if let original = evidence.original {
                        if !PayloadCommitment.verify(payload: original, salt: salt, commitment: commitment) {
                            problem = "its original, as the sender posted it, does not match the commitment the log recorded (it was altered)"
                        }
                    } else {
                        problem = "its original, as the sender posted it, is missing although it was never purged"
                    }
                }
            } else {
                problem = "its payload or salt is missing although it was never purged"
            }
        }
        return MessageFacts(
            sender: record.envelope.sender.value, recipient: record.envelope.recipient.value,
            commitment: record.payloadCommitment, originalCommitment: record.originalCommitment,
            basis: record.envelope.lawfulBasis?.description, hasLog: hasLog, payloadProblem: problem
        )
    }

    private func checkCheckpoints(tree: MerkleTree, report: inout Report) async throws {
        var previous: (size: UInt64, root: [UInt8])?
        var lastMatchingSize: UInt64 = 0
        var rootMismatchReported = false
        for stored in try await store.checkpoints() {
            report.checkpointCount += 1
            let checkpoint: Checkpoint
            do {
                checkpoint = try Checkpoint.open(stored.note, verifiers: verifiers)
            } catch {
                report.divergences.append(
                    Divergence(leafIndex: nil, reason: "checkpoint of size \(stored.treeSize) is not signed by a key of this gateway: \(error.reason)")
                )
                continue
            }
            guard checkpoint.treeSize == stored.treeSize, checkpoint.rootHash == stored.rootHash else {
                report.divergences.append(
                    Divergence(leafIndex: nil, reason: "checkpoint of size \(stored.treeSize): its stored size or root differs from its signed note")
                )
                continue
            }
            guard checkpoint.treeSize <= tree.treeSize else {
                report.divergences.append(
                    Divergence(
                        leafIndex: tree.treeSize,
                        reason: "is missing: checkpoint of size \(checkpoint.treeSize) was signed but the log now ends at \(tree.treeSize) leaves"
                    )
                )
                continue
            }
            let root = try tree.root(size: checkpoint.treeSize)
            if root != checkpoint.rootHash {
                // Every later root differs too once one leaf is altered, so only the first
                // mismatch is reported, bounded by the last checkpoint that still matched.
                if !rootMismatchReported {
                    rootMismatchReported = true
                    report.divergences.append(
                        Divergence(
                            leafIndex: nil,
                            reason: "checkpoint of size \(checkpoint.treeSize) has a different root than the leaves recomputed: "
                                + "a leaf from \(lastMatchingSize) to \(checkpoint.treeSize - 1) was altered"
                        )
                    )
                }
            } else {
                lastMatchingSize = checkpoint.treeSize
                if let previous, previous.size > 0 {
                    do {
                        try tree.consistencyProof(from: previous.size, to: checkpoint.treeSize)
                            .verify(oldRoot: previous.root, newRoot: checkpoint.rootHash)
                    } catch {
                        report.divergences.append(
                            Divergence(leafIndex: nil, reason: "checkpoints \(previous.size) and \(checkpoint.treeSize) are not consistent: \(error.reason)")
                        )
                    }
                }
            }
            previous = (checkpoint.treeSize, checkpoint.rootHash)
        }
    }
}
