import ArgumentParser
import Foundation
import HandoverLedger

/// `handover-bench bundle`: how long an auditor's offline check of one proof bundle takes, from
/// its JSON to a verified checkpoint signature and every inclusion proof, in a log of many leaves.
struct BundleVerification: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Time offline verification of one proof bundle (decode, checkpoint signature, inclusion proofs)."
    )

    @Option(help: "Leaves in the log.") var leaves = 1_000_000
    @Option(help: "Events of the proven message.") var events = 4
    @Option(help: "Verifications to time.") var iterations = 2_000

    func run() throws {
        let signer = try NoteSigner.generate(keyName: "handover.bench/ledger")
        var tree = MerkleTree()
        var eventLeaves: [(leafIndex: UInt64, leafBytes: [UInt8])] = []
        let messageID = "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a10"
        let commitment = PayloadCommitment.make(payload: Array("payload".utf8)).commitment
        let stride = max(1, leaves / max(1, events))
        for index in 0..<leaves {
            if index % stride == stride / 2 && eventLeaves.count < events {
                let event = try LogEvent(
                    kind: eventLeaves.isEmpty ? .submitted : .delivered, messageID: messageID, sender: "bench-sender",
                    recipient: "bench-recipient", actor: "bench-recipient", time: "2026-11-23T19:38:09.123Z", payloadCommitment: commitment
                )
                eventLeaves.append((UInt64(index), event.leafBytes))
                tree.append(leaf: event.leafBytes)
            } else {
                tree.append(leaf: Array("leaf \(index)".utf8))
            }
        }
        let note = try Checkpoint(origin: "handover.bench/ledger", treeSize: tree.treeSize, rootHash: tree.rootHash).signed(by: signer).text
        let bundle = try ProofBundle.make(messageID: messageID, leaves: eventLeaves, tree: tree, checkpoint: note, verifier: signer.verifier)
        let json = try bundle.json()
        let perBundle = try MicroTiming.microseconds(iterations: iterations) {
            _ = try ProofBundle.decode(json: json).verify(trusting: signer.verifier)
        }
        print("bundle of \(eventLeaves.count) events in a log of \(leaves) leaves: \(json.count) bytes, audit paths of \(bundle.events[0].inclusionProof.count) hashes")
        print(String(format: "offline verification (JSON decode, Ed25519 checkpoint signature, inclusion proofs): %.0f us per bundle over %d runs", perBundle, iterations))
    }
}
