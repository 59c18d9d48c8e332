import ArgumentParser
import Foundation
import HandoverLedger
import HandoverModel
import HandoverServer
import HandoverStore

/// `handover audit verify|prove|check-bundle|rotate-key`: check the transparency log.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify the transparency log, write and check offline proof bundles.",
        subcommands: [Verify.self, Prove.self, CheckBundle.self, RotateKey.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the log from the store and check every leaf, payload commitment and checkpoint; exit 1 at any divergence."
        )
        @OptionGroup var store: PartnerCommand.StoreOptions

        func run() async throws {
            let (store, directory) = try await self.store.openWithDirectory()
            let keyring = try GatewayKeyring.open(in: directory)
            let report = try await LedgerAudit(store: store, verifiers: keyring.verifiers).run()
            print(
                "\(report.leafCount) leaves, \(report.messageCount) messages (\(report.payloadCount) payloads), \(report.checkpointCount) checkpoints; root \(Hex.encode(report.rootHash))"
            )
            guard let first = report.divergences.first else {
                print("verified: every leaf, payload commitment and checkpoint agrees")
                return
            }
            FileHandle.standardError.write(Data("DIVERGENCE \(first)\n".utf8))
            if report.divergences.count > 1 {
                FileHandle.standardError.write(Data("(\(report.divergences.count - 1) more)\n".utf8))
                for divergence in report.divergences.dropFirst().prefix(20) {
                    FileHandle.standardError.write(Data("  \(divergence)\n".utf8))
                }
            }
            throw ExitCode(1)
        }
    }

    struct Prove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an offline proof bundle for a message: its events, inclusion proofs, a signed checkpoint and the public key."
        )
        @OptionGroup var store: PartnerCommand.StoreOptions
        @Argument(help: "Message id.") var id: String
        @Option(name: .shortAndLong, help: "Write the bundle here (default stdout).") var output: String?
        @Flag(help: "Disclose the payload salt, so a holder of the payload can check it against the log.")
        var discloseSalt = false

        func run() async throws {
            let (store, directory) = try await self.store.openWithDirectory()
            let keyring = try GatewayKeyring.open(in: directory)
            // The origin is the signing key's name, which the gateway took from its configured origin.
            let log = TransparencyLog(origin: keyring.signer.keyName, keyring: keyring, store: store)
            guard let bundle = try await log.proofBundle(for: try MessageID(validating: id), disclosingSalt: discloseSalt, now: Date()) else {
                throw ValidationError("no message \(id) with log events in this store")
            }
            let json = try bundle.json()
            if let output {
                try Data(json).write(to: URL(fileURLWithPath: output))
                print("wrote the proof bundle for \(id) (\(bundle.events.count) events) to \(output)")
            } else {
                FileHandle.standardOutput.write(Data(json))
            }
        }
    }

    struct CheckBundle: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-bundle",
            abstract: "Verify a proof bundle offline, without any database; exit 1 if it does not verify."
        )
        @Argument(help: "Proof bundle file.") var file: String
        @Option(help: "The gateway's verifier key (name+id+key) to trust; without it the key inside the bundle is used and printed.")
        var key: String?
        @Option(help: "The message payload, to check against the commitments (needs a bundle with the salt).")
        var payload: String?

        func run() throws {
            do {
                let bundle = try ProofBundle.decode(json: try Data(contentsOf: URL(fileURLWithPath: file)))
                let (checkpoint, events) = try key.map { try bundle.verify(trusting: NoteVerifier(verifierKey: $0)) } ?? bundle.verify()
                if let payload {
                    try bundle.verify(payload: try Data(contentsOf: URL(fileURLWithPath: payload)))
                }
                print("verified: \(events.count) events of message \(bundle.messageID) are in the log of \(checkpoint.origin) at tree size \(checkpoint.treeSize)")
                for event in events { print("  \(event.time) \(event.kind.rawValue) by \(event.actor)") }
                if key == nil { print("signed by \(bundle.verifierKey): compare it with the key the gateway publishes (GET /v1/log/keys)") }
                if payload != nil { print("the payload matches the commitments") }
            } catch let error as LedgerError {
                FileHandle.standardError.write(Data("REJECTED \(error.code): \(error.reason)\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    struct RotateKey: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Replace the gateway's log signing key; old public keys are kept so old checkpoints still verify. Restart the gateway after."
        )
        @OptionGroup var store: PartnerCommand.StoreOptions

        func run() throws {
            let directory = try store.dataDirectory()
            let keyring = try GatewayKeyring.rotate(in: directory)
            print("new log signing key \(keyring.signer.verifier.verifierKey); \(keyring.verifiers.count) keys kept")
        }
    }
}
