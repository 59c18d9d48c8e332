import Crypto
import Foundation
import HandoverLedger

/// A log of 37 leaves in which one message's four events sit among other messages' events,
/// a checkpoint of the whole log signed by the gateway, and that message's proof bundle.
struct ProofBundleFixture {
    static let origin = "handover.example/ledger"
    static let messageID = "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10"
    static let payload = Submission.body

    let signer: NoteSigner
    let tree: MerkleTree
    let checkpoint: String
    let leaves: [(leafIndex: UInt64, leafBytes: [UInt8])]
    let salt: [UInt8]
    let bundle: ProofBundle

    init(treeSize: Int = 37, withPayload: Bool = true) throws {
        signer = try NoteSigner.generate(keyName: Self.origin)
        let (salt, commitment) = PayloadCommitment.make(payload: Self.payload)
        self.salt = salt
        let ours: [Int: (LogEventKind, String)] = [
            3: (.submitted, "bsw-icb"), 11: (.delivered, "swindon-asc"),
            12: (.downloaded, "swindon-asc"), 30: (.acknowledged, "swindon-asc"),
        ]
        var tree = MerkleTree()
        var leaves: [(leafIndex: UInt64, leafBytes: [UInt8])] = []
        for index in 0..<treeSize {
            let millis = String(format: "%03d", index)
            let event: LogEvent
            if let (kind, actor) = ours[index] {
                event = try LogEvent(
                    kind: kind, messageID: Self.messageID, sender: "bsw-icb", recipient: "swindon-asc", actor: actor,
                    time: "2026-11-23T19:38:09.\(millis)Z", payloadCommitment: commitment
                )
            } else {
                event = try LogEvent(
                    kind: .submitted, messageID: UUID().uuidString.lowercased(), sender: "hmp-bristol",
                    recipient: "bristol-asc", actor: "hmp-bristol", time: "2026-11-23T19:38:09.\(millis)Z",
                    payloadCommitment: PayloadCommitment.make(payload: Array("other \(index)".utf8)).commitment
                )
            }
            let leafIndex = tree.append(leaf: event.leafBytes)
            if ours[index] != nil {
                leaves.append((leafIndex, event.leafBytes))
            }
        }
        self.tree = tree
        self.leaves = leaves
        checkpoint = try Checkpoint(origin: Self.origin, treeSize: tree.treeSize, rootHash: tree.rootHash)
            .signed(by: signer).text
        bundle = try ProofBundle.make(
            messageID: Self.messageID,
            leaves: leaves,
            tree: tree,
            checkpoint: checkpoint,
            verifier: signer.verifier,
            payload: withPayload
                ? PayloadDisclosure(salt: salt, payloadSHA256: Array(SHA256.hash(data: Self.payload))) : nil
        )
    }

    /// The bundle with `edit` applied to a copy of its event at `position`.
    func editingEvent(_ position: Int, _ edit: (inout EventFields) -> Void) -> ProofBundle {
        var events = bundle.events
        var fields = EventFields(
            leafIndex: events[position].leafIndex, leaf: events[position].leaf, inclusionProof: events[position].inclusionProof
        )
        edit(&fields)
        events[position] = ProofBundleEvent(leafIndex: fields.leafIndex, leaf: fields.leaf, inclusionProof: fields.inclusionProof)
        return replacing(events: events)
    }

    /// The bundle with other events, checkpoint or key.
    func replacing(events: [ProofBundleEvent]? = nil, checkpoint: String? = nil, verifierKey: String? = nil) -> ProofBundle {
        ProofBundle(
            messageID: bundle.messageID,
            checkpoint: checkpoint ?? bundle.checkpoint,
            verifierKey: verifierKey ?? bundle.verifierKey,
            events: events ?? bundle.events,
            payload: bundle.payload
        )
    }

    struct EventFields {
        var leafIndex: UInt64
        var leaf: String
        var inclusionProof: [String]
    }

    /// The JSON text of `bundle`.
    static func json(_ bundle: ProofBundle) throws -> String {
        String(decoding: try bundle.json(), as: UTF8.self)
    }
}
