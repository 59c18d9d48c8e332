import ArgumentParser
import Foundation
import HandoverModel
import HandoverServer
import HandoverStore

/// `handover consent record|withdraw|list`: the consent registry in a gateway's data folder.
struct ConsentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent",
        abstract: "Record, withdraw and list consents in the registry (a running gateway sees changes at once).",
        subcommands: [Record.self, Withdraw.self, List.self]
    )

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a consent from a consent-grant payload (contracts/canonical/payloads.md).")
        @OptionGroup var store: PartnerCommand.StoreOptions
        @Option(help: "The person's NHS number.") var nhsNumber: String
        @Argument(help: "JSON file with the consent-grant payload.") var file: String

        func run() async throws {
            let person = try NHSNumber(validating: nhsNumber, path: "--nhs-number")
            let consent = try IGAudit.consent(json: Array(try Data(contentsOf: URL(fileURLWithPath: file))), person: person, now: Date())
            let leaf = try await store.open().recordConsent(consent)
            print("recorded consent \(consent.id) (log leaf \(leaf.index))")
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw a consent: messages relying on it not yet downloaded are withheld and their senders told."
        )
        @OptionGroup var store: PartnerCommand.StoreOptions
        @Argument(help: "Consent id.") var id: String
        @Option(help: "Who recorded the withdrawal.") var recordedBy: String
        @Option(help: "Why, if the person said.") var reason: String?
        @Option(help: "When it was withdrawn (RFC 3339; default now).") var withdrawnAt: String?

        func run() async throws {
            let consentID = try ConsentID(validating: id, path: "id")
            let now = Date()
            let withdrawal = ConsentWithdrawal(
                withdrawnAt: try withdrawnAt.map { try Timestamp.parse($0, path: "--withdrawn-at") } ?? now, reason: reason,
                recordedBy: recordedBy, recordedVia: "cli", recordedAt: now
            )
            do {
                let outcome = try await store.open().withdrawConsent(consentID, withdrawal)
                print("withdrew consent \(consentID) (log leaf \(outcome.leaf.index)); \(outcome.withheld.count) undownloaded messages withheld")
                for record in outcome.withheld { print("  withheld \(record.envelope.id) from \(record.envelope.recipient)") }
            } catch let error as StoreError where error.code == .consentUnknown || error.code == .consentWithdrawn {
                throw ValidationError(error.reason)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every consent recorded for a person, as JSON lines.")
        @OptionGroup var store: PartnerCommand.StoreOptions
        @Option(help: "The person's NHS number.") var nhsNumber: String

        func run() async throws {
            let person = try NHSNumber(validating: nhsNumber, path: "--nhs-number")
            for consent in try await store.open().consents(of: person) { print(String(decoding: IGAudit.json(consent), as: UTF8.self)) }
        }
    }
}
